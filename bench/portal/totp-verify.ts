// verifyTotp() called in a loop for a fixed time: verifications per second on one core.
import { generateTotpSecret, totpCodeAt, totpStep, verifyTotp } from "../../portal/auth/totp";

export async function measureTotpVerify(runs: number, seconds: number): Promise<number[]> {
  const secret = generateTotpSecret();
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const now = new Date();
    const code = totpCodeAt(secret, totpStep(now) + 1); // matched at the last step tried: the costliest valid case
    let count = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) {
        if (!verifyTotp({ secretBase32: secret, code, now, lastUsedStep: null }).ok)
          throw new Error("verify failed");
      }
      count += 100;
    }
    rates.push(count / ((performance.now() - start) / 1000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rates;
}
