// Driving the built extension from the benchmark: a local enrolment page with a TOTP QR code. The browser-side
// helpers (action popup, service worker, clicks by visible text, valid codes) are the e2e tests' own, so the
// benchmark drives the extension exactly as the tests do.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

export const CHROME_BUILD = ".output/chrome-mv3";

export interface EnrolAccount {
  secret: string;
  uri: string;
}

export function enrolAccount(index: number): EnrolAccount {
  const secret = new Secret({ size: 20 }).base32;
  return {
    secret,
    uri: new TOTP({ issuer: "Bench Bank", label: `scan${index}@example.jp`, secret }).toString(),
  };
}

/** /enroll/<n>: an enrolment page showing account n's QR code (240 px) among ordinary page content. */
export async function startEnrolSite(
  accounts: EnrolAccount[],
): Promise<{ url: string; close(): Promise<void> }> {
  const pages = await Promise.all(
    accounts.map(async (account) => {
      const qr = await QRCode.toDataURL(account.uri, { width: 240, margin: 2 });
      const text = "認証アプリで次の二次元コードを読み取り、表示された6桁のコードを入力してください。".repeat(
        3,
      );
      return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>二段階認証の設定</title>
<style>body{font-family:sans-serif;margin:0}header{background:#0b57d0;color:#fff;padding:16px 24px}
main{max-width:960px;margin:24px auto;padding:0 24px}p{line-height:1.7}</style></head><body>
<header><strong>Bench Bank</strong> — アカウント設定</header><main><h1>ワンタイムパスワード認証の設定</h1>
<p>${text}</p><img id="qr" src="${qr}" width="240" height="240" alt="QR"><p>${text}</p>
<label for="otp">ワンタイムパスワード</label> <input id="otp" autocomplete="one-time-code" maxlength="6">
<button type="button">実行</button></main></body></html>`;
    }),
  );
  const server = createServer((request, response) => {
    const body = pages[Number(/^\/enroll\/(\d+)$/.exec(request.url ?? "")?.[1] ?? -1)];
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export {
  clickByText,
  openActionPopup,
  serviceWorker,
  validCodes,
  waitForText,
} from "../../tests/e2e/support/extension";
