// The portal through app.request() (no server, no browser): uniform sign-in failures, throttling, cookies, CSRF, limits.
import { describe, expect, it } from "vitest";
import { testAppForFile } from "../support/flow-test-app";
import type { TestApp } from "../support/test-app";

let portal: TestApp;
let time = Date.parse("2026-11-25T09:00:00Z");
const advance = (ms: number) => {
  time += ms;
};

testAppForFile({ clock: () => new Date(time) }, async (started) => {
  portal = started;
  await portal.addMember({ userId: "hanako", password: "initial-hanako", birthDate: "1980-04-01" });
  await portal.addMember({ userId: "taro", password: "initial-taro", birthDate: "1975-10-10" });
});

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return portal.fetch(`${portal.origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: portal.origin, "x-forwarded-for": "203.0.113.9", ...headers },
    body: new URLSearchParams(fields),
  });
}

const alertText = async (response: Response) =>
  /class="alert alert-error"[^>]*>([^<]*)</.exec(await response.text())?.[1];

describe("sign-in failures look the same", () => {
  it("gives the same status and text for an unknown user, a wrong password and a throttled account", async () => {
    const unknown = await post("/login", { user_id: "nobody", password: "whatever-password" });
    const wrong = await post("/login", { user_id: "taro", password: "wrong-password" });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const expected = "ユーザIDまたはパスワードが正しくありません。";
    expect(await alertText(unknown)).toBe(expected);
    expect(await alertText(wrong)).toBe(expected);

    for (let i = 0; i < 4; i++) await post("/login", { user_id: "taro", password: "wrong-password" });
    // Throttled now: even the right password is refused with the same words.
    const throttled = await post("/login", { user_id: "taro", password: "initial-taro" });
    expect(throttled.status).toBe(400);
    expect(await alertText(throttled)).toBe(expected);
    advance(30_000);
    const later = await post("/login", { user_id: "taro", password: "initial-taro" });
    expect(later.status).toBe(303);
    expect(later.headers.get("location")).toBe("/first-login");
  });

  it("takes similar time for an unknown user and a wrong password (Argon2 against a dummy hash)", async () => {
    await portal.addMember({ userId: "timing", password: "initial-timing", birthDate: "1980-01-01" });
    const time = async (fields: Record<string, string>) => {
      const started = performance.now();
      await (await post("/login", fields)).text();
      return performance.now() - started;
    };
    // Interleaved, so that load from other processes on the machine hits both cases alike; medians.
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknown.push(await time({ user_id: "no-such-member", password: "some-password" }));
      wrong.push(await time({ user_id: "timing", password: "some-password" }));
    }
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const [u, w] = [median(unknown), median(wrong)];
    console.log(
      `sign-in failure timing (median): unknown user ${u.toFixed(1)} ms, wrong password ${w.toFixed(1)} ms`,
    );
    // Without the dummy hash an unknown user would answer in well under a tenth of the time.
    expect(u).toBeGreaterThan(w / 3);
    expect(u).toBeLessThan(w * 3);
  });
});

describe("session cookie", () => {
  it("is HttpOnly + SameSite=Lax, a browser-session cookie without ログイン状態の保存, 30 days with it", async () => {
    const plain = await post("/login", { user_id: "hanako", password: "initial-hanako" });
    const cookie = plain.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^kosmo_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(plain.headers.getSetCookie()).toHaveLength(1); // no known-device cookie for the password alone
    const remembered = await post("/login", {
      user_id: "hanako",
      password: "initial-hanako",
      remember: "on",
    });
    expect(remembered.headers.getSetCookie()[0]).toMatch(/Max-Age=2592000/);
  });

  it("expires after 30 idle minutes and the row is gone", async () => {
    const response = await post("/login", { user_id: "hanako", password: "initial-hanako" });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const get = () =>
      portal.fetch(`${portal.origin}/first-login`, { headers: { cookie }, redirect: "manual" });
    expect((await get()).headers.get("location")).toBe("/first-login/birth-date");
    advance(29 * 60_000);
    expect((await get()).headers.get("location")).toBe("/first-login/birth-date");
    advance(30 * 60_000 + 1);
    expect((await get()).headers.get("location")).toBe("/login");
  });

  it("ログアウト deletes the session on the server", async () => {
    const response = await post("/login", { user_id: "hanako", password: "initial-hanako" });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
    await post("/logout", {}, { cookie });
    const after = await portal.fetch(`${portal.origin}/first-login`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(after.headers.get("location")).toBe("/login");
  });
});

describe("request checks", () => {
  it("refuses cross-site and origin-less state changes, whatever the body type", async () => {
    expect(
      (
        await post(
          "/login",
          { user_id: "hanako", password: "initial-hanako" },
          { origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);
    expect(
      (await post("/login", { user_id: "hanako", password: "x" }, { "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    const json = await portal.fetch(`${portal.origin}/logout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(403);
    expect(await json.text()).toContain("不正なリクエストです");
  });

  it("sends the security headers", async () => {
    const response = await portal.fetch(`${portal.origin}/login`);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers bad input with a localized message and changes nothing", async () => {
    const long = await post("/login", { user_id: "x".repeat(5000), password: "p" });
    expect(long.status).toBe(400);
    expect(await alertText(long)).toBe("ユーザIDまたはパスワードが正しくありません。");
    const empty = await post("/login", { user_id: "", password: "" }, { "accept-language": "en" });
    expect(await alertText(empty)).toBe("Enter User ID.");
    const huge = await post("/login", { user_id: "a", password: "b".repeat(100_000) });
    expect(huge.status).toBe(400);
  });

  it("points the language switcher of a page answering a POST back at the form's page", async () => {
    const switcher = async (response: Response) =>
      /href="(\/lang\/en\?next=[^"]*)"/.exec(await response.text())?.[1];
    const fromForm = await post(
      "/forgot-password",
      { user_id: "", birth_date: "" },
      { referer: `${portal.origin}/forgot-password` },
    );
    expect(await switcher(fromForm)).toBe("/lang/en?next=%2Fforgot-password");
    const foreign = await post("/forgot-password", { user_id: "" }, { referer: "https://evil.example/x" });
    expect(await switcher(foreign)).toBe("/lang/en?next=%2F");
    const page = await portal.fetch(`${portal.origin}/forgot-user-id?x=1`);
    expect(await switcher(page)).toBe("/lang/en?next=%2Fforgot-user-id%3Fx%3D1");
  });

  it("keeps the top page and the service pages for fully signed-in members", async () => {
    const response = await post("/login", { user_id: "hanako", password: "initial-hanako" });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
    for (const path of ["/", "/services/medical", "/services/travel", "/first-login/complete"]) {
      const page = await portal.fetch(`${portal.origin}${path}`, { headers: { cookie }, redirect: "manual" });
      expect(page.status, path).toBe(303);
    }
  });
});
