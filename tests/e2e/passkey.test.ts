// Manual 2-1: passkey set-up and sign-in in headless Chromium with a CDP virtual authenticator (internal,
// resident keys, user verification): enrol and name it, sign out, sign in with password + passkey, then
// passwordless from the sign-in page; on the security page, 本人確認 with the passkey instead of the password.
import { type CDPSession, KnownDevices, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import { securityEventLines, startTestPortal, type TestPortal } from "./support/portal";
import { screenshotDir } from "./support/screenshots";
import { memberAfterFirstLogin, pathOf, signInWithPassword, signOut } from "./support/second-factor";

const SHOTS = screenshotDir("second-factors");
let portal: TestPortal;
let launched: LaunchedBrowser;
/** The portal's clock runs ahead by this much (to let the 5-minute re-auth window lapse). */
let clockAheadMs = 0;

beforeAll(async () => {
  portal = await startTestPortal({ clock: () => new Date(Date.now() + clockAheadMs) });
  launched = await launchBrowser({ lang: "ja" });
});
afterAll(async () => {
  await launched?.close();
  await portal?.close();
});

async function pageWithAuthenticator(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const context = await launched.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ "Accept-Language": "ja" });
  const cdp = await page.createCDPSession();
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

async function clickAndWaitForPath(page: Page, selector: string, path: string | RegExp): Promise<void> {
  await page.waitForSelector(`${selector}:not([disabled])`, { timeout: 10_000 });
  await page.click(selector);
  try {
    await page.waitForFunction(
      (p, isRegex) => (isRegex ? new RegExp(p).test(location.pathname) : location.pathname === p),
      { timeout: 15_000 },
      path instanceof RegExp ? path.source : path,
      path instanceof RegExp,
    );
  } catch (error) {
    await page.screenshot({ path: `${SHOTS}/passkey-failure.png`, fullPage: true });
    const alert = await page.$eval("[data-passkey-error]", (e) => e.textContent).catch(() => null);
    throw new Error(`${selector} did not lead to ${path} (at ${page.url()}, message: ${alert})`, {
      cause: error,
    });
  }
  await page.waitForSelector("main");
}

describe("2-1 passkey", () => {
  it("enrols and names a passkey, then signs in with password + passkey and passwordless", async () => {
    const member = await memberAfterFirstLogin(portal, {
      userId: "passkey-user",
      method: "passkey",
      email: "passkey@example.jp",
    });
    const { page, cdp, authenticatorId } = await pageWithAuthenticator();

    // 【1】【2】 sign in again: the set-up screen.
    await signInWithPassword(page, portal.origin, member.user_id);
    expect(pathOf(page)).toBe("/login/passkey-setup");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("生体認証の設定");
    await page.screenshot({ path: `${SHOTS}/passkey-setup.png`, fullPage: true });

    // 【3】–【5】 the authenticator creates a discoverable credential; 【6】【7】 name it, 次へ; 【8】 top page.
    await clickAndWaitForPath(page, "#passkey-register", /^\/passkey\/name\//);
    expect(await page.$eval("label[for=passkey-name]", (l) => l.textContent)).toBe("パスキー");
    await page.screenshot({ path: `${SHOTS}/passkey-name.png`, fullPage: true });
    await page.$eval("#passkey-name", (input) => {
      (input as HTMLInputElement).value = "";
    });
    await page.type("#passkey-name", "仕事用パソコン");
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
    expect(pathOf(page)).toBe("/");
    const [credential] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
    expect(credential?.isResidentCredential).toBe(true);
    const stored = await portal.portal.db.selectFrom("passkeys").selectAll().executeTakeFirstOrThrow();
    expect(stored.name).toBe("仕事用パソコン");
    expect(stored.member_id).toBe(member.id);

    // Every later sign-in: ID + password, then the passkey. (No user at the authenticator while typing, so
    // the sign-in page's passkey autofill stays pending instead of signing in by itself.)
    const presence = (enabled: boolean) =>
      cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
    await presence(false);
    await signOut(page);
    await signInWithPassword(page, portal.origin, member.user_id);
    expect(pathOf(page)).toBe("/login/second-factor");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("生体認証");
    await page.screenshot({ path: `${SHOTS}/passkey-second-factor.png`, fullPage: true });
    await presence(true);
    await clickAndWaitForPath(page, "#passkey-sign-in", "/");
    expect(await page.$eval(".services", (s) => s.textContent)).toContain("医療費情報");

    // Passwordless with the button on the sign-in page.
    await presence(false);
    await signOut(page);
    await page.goto(`${portal.origin}/login`);
    expect(await page.$eval("#user-id", (i) => i.getAttribute("autocomplete"))).toBe("username webauthn");
    await page.screenshot({ path: `${SHOTS}/passkey-sign-in-page.png`, fullPage: true });
    const optionsRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/passkey/passwordless/options"))
        optionsRequests.push(request.postData() ?? "");
    });
    await page.waitForSelector("#passkey-passwordless:not([disabled])");
    await presence(true);
    await clickAndWaitForPath(page, "#passkey-passwordless", "/");
    expect(optionsRequests.at(-1)).toBe('{"autofill":false}');

    // Passwordless through autofill (conditional UI): the browser offers the passkey on the user ID field;
    // the virtual authenticator, with a user present, picks it without any click.
    await presence(false);
    await signOut(page);
    await presence(true);
    await page.goto(`${portal.origin}/login`);
    await page.waitForFunction(() => location.pathname === "/", { timeout: 15_000 });
    expect(optionsRequests.at(-1)).toBe('{"autofill":true}');

    // The signature counter advanced with each use and is stored.
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    const after = await portal.portal.db.selectFrom("passkeys").selectAll().executeTakeFirstOrThrow();
    expect(Number(after.counter)).toBe(credentials[0]?.signCount);
    expect(Number(after.counter)).toBeGreaterThanOrEqual(3);
    expect(await securityEventLines(portal, member.id)).toEqual(
      expect.arrayContaining([
        "second-factor:passkey-enrolled",
        "second-factor:passkey",
        "sign-in:passkey-passwordless",
      ]),
    );

    // セキュリティ設定 → パスキーを追加: the same authenticator is excluded (it already holds a passkey) ...
    await page.goto(`${portal.origin}/security`);
    await Promise.all([page.waitForNavigation(), page.click("a[href='/security/passkeys/new']")]);
    expect(pathOf(page)).toBe("/security/passkeys/new");
    await page.waitForSelector("#passkey-register:not([disabled])");
    await page.click("#passkey-register");
    await page.waitForSelector("[data-passkey-error]:not([hidden])");
    // ... and a second device (another authenticator) adds one, named, back on the security page.
    await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "usb",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await clickAndWaitForPath(page, "#passkey-register", /^\/passkey\/name\//);
    await page.$eval("#passkey-name", (input) => {
      (input as HTMLInputElement).value = "セキュリティキー";
    });
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
    expect(pathOf(page)).toBe("/security");
    expect(
      await page.$$eval(".factor-passkey tbody tr", (rows) =>
        rows.map((r) => r.getAttribute("data-factor-name")),
      ),
    ).toEqual(["仕事用パソコン", "セキュリティキー"]);
    await page.browserContext().close();
  });

  it("2-2 sets up a passkey on a smartphone, and 2-2★ signs in on a PC with that phone's passkey", async () => {
    const member = await memberAfterFirstLogin(portal, {
      userId: "phone-user",
      method: "passkey",
      email: "phone@example.jp",
    });
    // 2-2: the phone's browser (small screen, mobile user agent) and its built-in authenticator.
    const phone = await pageWithAuthenticator();
    await phone.page.emulate(KnownDevices["iPhone 15 Pro"]);
    await signInWithPassword(phone.page, portal.origin, member.user_id);
    expect(pathOf(phone.page)).toBe("/login/passkey-setup");
    await phone.page.screenshot({ path: `${SHOTS}/passkey-phone-setup.png`, fullPage: true });
    await clickAndWaitForPath(phone.page, "#passkey-register", /^\/passkey\/name\//);
    expect(await phone.page.$eval("#passkey-name", (i) => (i as HTMLInputElement).value)).toBe(
      "パスキー (Safari / iPhone)",
    );
    await Promise.all([phone.page.waitForNavigation(), phone.page.click("main button[type=submit]")]);
    expect(pathOf(phone.page)).toBe("/");
    const [phoneCredential] = (
      await phone.cdp.send("WebAuthn.getCredentials", { authenticatorId: phone.authenticatorId })
    ).credentials;

    // 2-2★: the PC has no passkey of its own; the phone answers over the cross-device (hybrid/caBLE) transport.
    const context = await launched.browser.createBrowserContext();
    const pc = await context.newPage();
    await pc.setExtraHTTPHeaders({ "Accept-Language": "ja" });
    const cdp = await pc.createCDPSession();
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "cable",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: false,
      },
    });
    await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: phoneCredential! });
    await signInWithPassword(pc, portal.origin, member.user_id);
    expect(pathOf(pc)).toBe("/login/second-factor");
    await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled: true });
    await clickAndWaitForPath(pc, "#passkey-sign-in", "/");
    expect(await pc.$eval(".services", (x) => x.textContent)).toContain("医療費情報");
    await context.close();
    await phone.page.browserContext().close();
  });

  it("renames a passkey after 本人確認 with that passkey, without asking for the password", async () => {
    const member = await memberAfterFirstLogin(portal, {
      userId: "reauth-user",
      method: "passkey",
      email: "reauth@example.jp",
    });
    const { page } = await pageWithAuthenticator();
    await signInWithPassword(page, portal.origin, member.user_id);
    await clickAndWaitForPath(page, "#passkey-register", /^\/passkey\/name\//);
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
    const passkey = await portal.portal.db
      .selectFrom("passkeys")
      .selectAll()
      .where("member_id", "=", member.id)
      .executeTakeFirstOrThrow();
    const reauthPasswordPosts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/security/reauth")
        reauthPasswordPosts.push(request.url());
    });
    const rename = async (name: string) => {
      await page.$eval(
        `#name-${passkey.id}`,
        (input, value) => {
          (input as HTMLInputElement).value = value;
        },
        name,
      );
      await Promise.all([
        page.waitForNavigation(),
        page.click(`form[action='/security/factors/passkey/${passkey.id}/rename'] button`),
      ]);
    };

    // Six minutes after the set-up sign-in, renaming asks to confirm it's you first.
    await page.goto(`${portal.origin}/security`);
    clockAheadMs += 6 * 60_000;
    await rename("自宅のパソコン");
    expect(pathOf(page)).toBe("/security/reauth");
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("本人確認");
    expect(await page.$eval("#reauth-passkey", (b) => b.textContent)).toBe("パスキーで本人確認");
    await page.waitForSelector("#reauth-passkey:not([disabled])");
    await page.screenshot({ path: `${SHOTS}/passkey-reauth.png`, fullPage: true });

    // The passkey confirms it; back on the security page the rename goes through.
    await clickAndWaitForPath(page, "#reauth-passkey", "/security");
    await rename("自宅のパソコン");
    expect(await page.$eval(".alert-success", (x) => x.textContent)).toBe("変更を保存しました。");
    expect(await page.$eval(`#name-${passkey.id}`, (i) => (i as HTMLInputElement).value)).toBe(
      "自宅のパソコン",
    );
    expect(reauthPasswordPosts).toEqual([]);
    expect(await securityEventLines(portal, member.id)).toEqual(
      expect.arrayContaining(["reauthenticated:passkey", "factor-renamed:passkey:自宅のパソコン"]),
    );
    await page.browserContext().close();
  });

  it("refuses passwordless sign-in when the passkey is unknown to the portal", async () => {
    const { page, cdp, authenticatorId } = await pageWithAuthenticator();
    // A credential for this RP that the portal never registered.
    await cdp.send("WebAuthn.addCredential", {
      authenticatorId,
      credential: {
        credentialId: Buffer.from("stranger-credential").toString("base64"),
        isResidentCredential: true,
        rpId: "localhost",
        privateKey: await strangerKey(),
        userHandle: Buffer.from("stranger").toString("base64"),
        signCount: 0,
      },
    });
    await page.goto(`${portal.origin}/login`);
    await page.waitForSelector("#passkey-passwordless:not([disabled])");
    await page.click("#passkey-passwordless");
    await page.waitForSelector("[data-passkey-error]:not([hidden])");
    expect(await page.$eval("[data-passkey-error]", (e) => e.textContent)).toBe(
      "生体認証に失敗しました。もう一度お試しください。",
    );
    expect(pathOf(page)).toBe("/login");
    await page.screenshot({ path: `${SHOTS}/passkey-unknown.png`, fullPage: true });
    await page.browserContext().close();
  });
});

async function strangerKey(): Promise<string> {
  const { generateKeyPairSync } = await import("node:crypto");
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
}
