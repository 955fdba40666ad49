// The step machine over HTTP: posts to a later step change nothing, forged values get a localized message,
// birth-date guesses are throttled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateMember } from "../../../../portal/db/members";
import { startTestApp, type TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:00Z");

beforeAll(async () => {
  portal = await startTestApp({ clock: () => new Date(time) });
});
afterAll(async () => {
  await portal?.close();
});

async function signIn(userId: string, password: string): Promise<string> {
  const response = await post("/login", { user_id: userId, password });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
}

function post(path: string, fields: Record<string, string>, cookie = "") {
  return portal.fetch(`${portal.origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: portal.origin, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

const errorText = async (response: Response) =>
  /class="(?:field-error|alert alert-error)"[^>]*>([^<]*)</.exec(await response.text())?.[1];

describe("first-login steps over HTTP", () => {
  it("refuses posts to any step but the pending one, changing nothing", async () => {
    await portal.addMember({ userId: "skipper", password: "initial-skipper", birthDate: "1980-04-01" });
    const cookie = await signIn("skipper", "initial-skipper");
    for (const [path, fields] of [
      ["/first-login/terms", { decision: "agree" }],
      ["/first-login/email", { email: "skip@example.jp" }],
      ["/first-login/method", { method: "totp" }],
      [
        "/first-login/password",
        { new_password: "a good long passphrase", confirm_password: "a good long passphrase" },
      ],
    ] as const) {
      const response = await post(path, fields, cookie);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location"), path).toBe("/first-login/birth-date");
    }
    const member = await portal.member("skipper");
    expect(member).toMatchObject({
      terms_accepted_at: null,
      pending_email: null,
      auth_method: null,
      password_is_initial: 1,
    });
    expect(portal.mail.messages().filter((m) => m.to.includes("skip@example.jp"))).toEqual([]);
  });

  it("answers forged or malformed values with a localized message", async () => {
    const member = await portal.addMember({
      userId: "forger",
      password: "initial-forger",
      birthDate: "1980-04-01",
    });
    const cookie = await signIn("forger", "initial-forger");
    expect(
      await errorText(await post("/first-login/birth-date", { birth_date: "1980-04-01' OR '1'='1" }, cookie)),
    ).toBe("生年月日を正しく入力してください。");
    expect(await errorText(await post("/first-login/birth-date", { birth_date: "1980-02-31" }, cookie))).toBe(
      "生年月日を正しく入力してください。",
    );
    const at = time;
    await updateMember(portal.db, member.id, {
      birth_date_confirmed_at: at,
      terms_accepted_at: at,
      email: "forger@example.jp",
      email_verified_at: at,
      updated_at: at,
    });
    const forged = await post("/first-login/method", { method: "admin" }, cookie);
    expect(forged.status).toBe(400);
    expect(await errorText(forged)).toBe("認証方法を選択してください。");
    expect((await portal.member("forger"))?.auth_method).toBeNull();
  });

  it("throttles birth-date guesses per member, then lets the member try again", async () => {
    await portal.addMember({ userId: "guesser", password: "initial-guesser", birthDate: "1980-04-01" });
    const cookie = await signIn("guesser", "initial-guesser");
    for (let day = 10; day < 15; day++) {
      const wrong = await post("/first-login/birth-date", { birth_date: `1980-04-${day}` }, cookie);
      expect(await errorText(wrong)).toBe("生年月日が登録情報と一致しません。");
    }
    const blocked = await post("/first-login/birth-date", { birth_date: "1980-04-01" }, cookie);
    expect(blocked.status).toBe(429);
    expect(await errorText(blocked)).toBe("しばらく時間をおいてから、もう一度お試しください。");
    expect((await portal.member("guesser"))?.birth_date_confirmed_at).toBeNull();
    time += 30_000;
    const right = await post("/first-login/birth-date", { birth_date: "1980-04-01" }, cookie);
    expect(right.headers.get("location")).toBe("/first-login");
  });
});
