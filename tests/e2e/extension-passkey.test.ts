// The extension as a passkey provider on the real portal, in headless Chromium with no virtual authenticator
// (Chrome's own authenticator has nothing to offer here): a brand-new member chooses 生体認証 in the first
// login, allows the portal in the popup (「このサイトでパスキーを使う」), enrols with the extension (its window
// names the site and account and asks the master password), signs out, signs in with パスキーでログイン and
// with the conditional-UI field (the inline menu under the user ID); the popup lists the passkey; a second
// site on another origin neither reaches the extension nor can use or see the portal's passkey. Chrome (ja)
// and Edge (en) builds; the runs take the member guide's screenshots of 「パソコンだけで生体認証を使う」.
// The field's page script needs the site as an optional host permission, whose prompt headless Chromium
// cannot answer: the runs load a copy of the build that lists localhost in host_permissions (granted at
// install, so permissions.request has nothing to ask); everything else is the build as shipped.
import { statSync } from "node:fs";
import type { Page, Target } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSKEY_GUIDE_SHOTS } from "../../extension/ui/guide-outline";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import {
  BUILDS,
  clickByText,
  closeInstallGuide,
  createVaultInPopup,
  extensionIdOf,
  openActionPopup,
  serviceWorker,
} from "./support/extension";
import { completeFirstLogin } from "./support/first-login";
import { buildWithHostAccess } from "./support/granted-build";
import { expectGuideUpToDate } from "./support/guide-markdown";
import {
  capturePopupOverPage,
  guideFile,
  type PopupOverPage,
  shot,
  writePopupOverPage,
} from "./support/guide-shots";
import { startTestPortal, type TestPortal } from "./support/portal";
import { pathOf, signInWithPassword, signOut } from "./support/second-factor";
import { startSecondSite, type TryGet } from "./support/second-site";

const MASTER_PASSWORD = "kosmo-member-2026";
const startedAt = Date.now();
const runs = [
  {
    build: "chrome",
    lang: "ja",
    createTitle: "パスキーを作成",
    getTitle: "パスキーでログイン",
    wrongPassword: "マスターパスワードが違います",
    lastUse: "最終利用",
    none: "このサイトのパスキーは、この拡張機能にありません。",
    guideWords: "このサイトでパスキーを使う",
    lock: "ロック",
    services: "医療費情報",
    forget: "このサイトでパスキーを使わない",
  },
  {
    build: "edge",
    lang: "en",
    createTitle: "Create a passkey",
    getTitle: "Sign in with a passkey",
    wrongPassword: "Wrong master password",
    lastUse: "Last used",
    none: "This extension holds no passkey for this site.",
    guideWords: "Use passkeys on this site",
    lock: "Lock",
    services: "Medical expenses",
    forget: "Stop using passkeys on this site",
  },
] as const;
let portal: TestPortal;
let secondSite: Awaited<ReturnType<typeof startSecondSite>>;

beforeAll(async () => {
  portal = await startTestPortal();
  secondSite = await startSecondSite();
});
afterAll(async () => {
  await secondSite?.close();
  await portal?.close();
});

/** Clicks `selector` on the page and returns the passkey window the extension opens for the request. */
async function passkeyWindowAfter(launched: LaunchedBrowser, id: string, page: Page, selector: string) {
  const opened = launched.browser.waitForTarget(
    (t: Target) => t.url().startsWith(`chrome-extension://${id}/passkey.html?request=`),
    { timeout: 15_000 },
  );
  await page.waitForSelector(`${selector}:not([disabled])`);
  await page.click(selector);
  const window = (await (await opened).asPage())!;
  await window.waitForSelector("#passkey-approve");
  return window;
}

/** The inline menu's frame (our extension page) under the page's passkey field, once it lists something. */
async function inlineMenu(page: Page, selector: string) {
  const frame = await page.waitForFrame((f) => f.url().includes("/passkey-menu.html"), { timeout: 15_000 });
  await frame.waitForSelector(selector);
  return frame;
}

/** What the page itself can find of the menu: the host element, but neither a shadow root nor the text. */
async function menuSeenByPage(page: Page, userId: string) {
  return page.evaluate(
    (u) => ({
      host: document.querySelector("kosmo-passkey-menu") !== null,
      shadow: document.querySelector("kosmo-passkey-menu")?.shadowRoot ?? null,
      text: document.documentElement.outerHTML.includes(u),
    }),
    userId,
  );
}

async function sessionValue(launched: LaunchedBrowser, id: string, key: string): Promise<unknown> {
  const worker = await serviceWorker(launched.browser, id);
  return worker.evaluate(async (k) => {
    type Session = { get(k: string): Promise<Record<string, unknown>> };
    const api = (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome;
    return (await api.storage.session.get(k))[k];
  }, key);
}

/** The passkey the portal stored for the member (exactly one). */
async function portalPasskeyOf(userId: string) {
  const member = (await portal.member(userId))!;
  return portal.portal.db
    .selectFrom("passkeys")
    .selectAll()
    .where("member_id", "=", member.id)
    .executeTakeFirstOrThrow();
}

async function waitForPath(page: Page, path: RegExp | string): Promise<void> {
  await page.waitForFunction(
    (p, isRegex) => (isRegex ? new RegExp(p).test(location.pathname) : location.pathname === p),
    { timeout: 20_000 },
    path instanceof RegExp ? path.source : path,
    path instanceof RegExp,
  );
  await page.waitForSelector("main");
}

describe.each(runs)("the extension's passkeys on the real portal, $build build ($lang)", (run) => {
  const { build, lang } = run;
  const userId = `passkey-ext-${build}`;
  const composites: { name: string; capture: PopupOverPage }[] = [];
  let launched: LaunchedBrowser;
  let id: string;
  let page: Page;
  const granted = buildWithHostAccess(BUILDS[build], ["http://localhost/*", "http://*.localhost/*"]);

  beforeAll(async () => {
    launched = await launchBrowser({ extensions: [granted.dir], lang });
    id = extensionIdOf(launched.extensionIds, granted.dir);
    await closeInstallGuide(launched.browser, id);
    await createVaultInPopup(launched.browser, id, MASTER_PASSWORD);
  });
  afterAll(async () => {
    await launched?.close();
    granted.remove();
  });

  it("a new member chooses 生体認証 in the first login and enrols with the extension", async () => {
    page = await launched.browser.newPage();
    await page.setExtraHTTPHeaders({ "Accept-Language": lang });
    await completeFirstLogin(launched.browser, page, portal, {
      userId,
      email: `${userId}@example.jp`,
      method: "passkey",
    });
    await signInWithPassword(page, portal.origin, userId);
    expect(pathOf(page)).toBe("/login/passkey-setup");

    // 「このサイトでパスキーを使う」 in the popup opened over the portal.
    const popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector("#passkey-allow-site");
    await popup.click("#passkey-allow-site");
    await popup.waitForSelector("#passkey-site-allowed");
    expect(await popup.$eval("#passkey-site-allowed", (p) => p.textContent)).toContain(portal.origin);
    // The site access for the sign-in field is granted (this run's copy of the build): nothing more to ask.
    expect(await popup.$("#passkey-allow-field")).toBeNull();
    composites.push({ name: "passkey-allow", capture: await capturePopupOverPage(page, popup) });
    // Locked, as on any later day (the vault's creation a moment ago would count as a recent unlock).
    await clickByText(popup, "button.bar-button", run.lock);
    await popup.waitForSelector("#password");
    await popup.close();

    // The window names the site, the page and the account, and asks for the master password.
    await page.bringToFront();
    const passkeysBefore = (await portal.portal.db.selectFrom("passkeys").selectAll().execute()).length;
    const window = await passkeyWindowAfter(launched, id, page, "#passkey-register");
    expect(await window.$eval("#passkey-rp", (e) => e.textContent)).toContain("localhost");
    expect(await window.$eval("#passkey-origin", (e) => e.textContent)).toBe(portal.origin);
    expect(await window.$eval("#passkey-user", (e) => e.textContent)).toBe(userId);
    expect(await window.$eval("h1", (e) => e.textContent)).toBe(run.createTitle);
    await window.setViewport({ width: 440, height: 480 });
    await window.type("#passkey-password", MASTER_PASSWORD);
    await shot(window, "passkey-window", lang);
    // A wrong password first: refused, nothing created; the field is emptied for the next try.
    await window.click("#passkey-password", { clickCount: 3 });
    await window.type("#passkey-password", "not the password");
    await window.click("#passkey-approve");
    await window.waitForSelector(".error[role=alert]");
    expect(await window.$eval(".error[role=alert]", (e) => e.textContent)).toContain(run.wrongPassword);
    expect(await portal.portal.db.selectFrom("passkeys").selectAll().execute()).toHaveLength(passkeysBefore);
    await window.type("#passkey-password", MASTER_PASSWORD);
    await window.click("#passkey-approve");
    await waitForPath(page, /^\/passkey\/name\//);
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
    expect(pathOf(page)).toBe("/");
    const stored = await portalPasskeyOf(userId);
    expect(Number(stored.counter)).toBe(0);
  });

  it("signs out and in with パスキーでログイン, the counter rising", async () => {
    await signOut(page);
    await page.goto(`${portal.origin}/login`);
    // The page script serves the portal's autofill (conditional UI; Chrome's proxy cannot): its request
    // waits for the field. The button aborts it (no error shown) and goes through the proxy.
    expect(await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable())).toBe(true);
    await expect.poll(() => sessionValue(launched, id, "passkeyConditional")).not.toEqual({});
    const window = await passkeyWindowAfter(launched, id, page, "#passkey-passwordless");
    expect(await page.$eval("[data-passkey-error]", (e) => (e as HTMLElement).hidden)).toBe(true);
    await expect.poll(() => sessionValue(launched, id, "passkeyConditional")).toEqual({});
    expect(await window.$eval("h1", (e) => e.textContent)).toBe(run.getTitle);
    // Typed a moment ago (within the default minute): the window asks no password, only the click.
    expect(await window.$("#passkey-password")).toBeNull();
    await window.click("#passkey-approve");
    await waitForPath(page, "/");
    expect(await page.$eval(".services", (s) => s.textContent)).toContain(run.services);
    const stored = await portalPasskeyOf(userId);
    expect(Number(stored.counter)).toBeGreaterThan(0);
  });

  it("signs out and in with the conditional-UI field: the inline menu under the user ID", async () => {
    await signOut(page);
    await page.goto(`${portal.origin}/login`);
    const counterBefore = Number((await portalPasskeyOf(userId)).counter);
    await expect.poll(() => sessionValue(launched, id, "passkeyConditional")).not.toEqual({});
    await page.click("#user-id");
    const menu = await inlineMenu(page, "button[data-passkey-id]");
    expect(await menu.$eval("button[data-passkey-id]", (b) => b.textContent)).toContain(userId);
    // The page holds the menu's frame but cannot read it: a closed shadow root, the names in our document.
    expect(await menuSeenByPage(page, userId)).toEqual({ host: true, shadow: null, text: false });
    await shot(page, "passkey-field", lang);
    const opened = launched.browser.waitForTarget(
      (t: Target) => t.url().startsWith(`chrome-extension://${id}/passkey.html?request=`),
      { timeout: 15_000 },
    );
    await menu.click("button[data-passkey-id]");
    const window = (await (await opened).asPage())!;
    await window.waitForSelector("#passkey-approve");
    expect(await window.$eval("h1", (e) => e.textContent)).toBe(run.getTitle);
    expect(await window.$eval("#passkey-origin", (e) => e.textContent)).toBe(portal.origin);
    // The field's request is the extension's own: there is no browser request to hand over.
    expect(await window.$("#passkey-browser")).toBeNull();
    if (await window.$("#passkey-password")) await window.type("#passkey-password", MASTER_PASSWORD);
    await window.click("#passkey-approve");
    await waitForPath(page, "/");
    expect(await page.$eval(".services", (s) => s.textContent)).toContain(run.services);
    expect(Number((await portalPasskeyOf(userId)).counter)).toBeGreaterThan(counterBefore);
  });

  it("lists the passkey in the popup beside the accounts, with its last use", async () => {
    const popup = await openActionPopup(launched.browser, page, id);
    await popup.waitForSelector(".passkey-item");
    const row = await popup.$eval(".passkey-item", (li) => li.textContent ?? "");
    expect(row).toContain("localhost");
    expect(row).toContain(userId);
    expect(row).toContain(run.lastUse);
    composites.push({ name: "passkey-popup", capture: await capturePopupOverPage(page, popup) });
    await popup.close();
  });

  it("a second site on another origin neither reaches the extension nor sees the portal's passkey", async () => {
    const other = await launched.browser.newPage();
    await other.goto(secondSite.url);
    await other.bringToFront();
    const tryGet = (rpId: string, waitMs?: number, mediation?: "conditional") =>
      other.evaluate(
        (r, w, m) => (window as unknown as { tryGet: TryGet }).tryGet(r, w, m),
        rpId,
        waitMs,
        mediation,
      );
    // Not allowed: no page script there (the browser's own navigator.credentials).
    expect(await other.evaluate(() => navigator.credentials.get.toString())).toContain("[native code]");
    const windows: string[] = [];
    const watch = (t: Target) => {
      if (t.url().includes("/passkey.html")) windows.push(t.url());
    };
    launched.browser.on("targetcreated", watch);
    // Not allowed: the extension is detached while this tab is in front, so the browser's own authenticator
    // (none here) gets the request and the page gives up after 3 s; the portal's rpId is refused outright.
    expect(await tryGet(secondSite.host)).toBe("AbortError");
    expect(await tryGet("localhost")).toBe("SecurityError");
    expect(windows).toEqual([]);
    launched.browser.off("targetcreated", watch);

    // Allowed too: its own request reaches the extension, which holds no passkey for it — the portal's
    // passkey is neither offered nor named.
    const popup = await openActionPopup(launched.browser, other, id);
    await popup.click("#passkey-allow-site");
    await popup.waitForSelector("#passkey-site-allowed");
    await popup.close();
    await other.bringToFront();
    const opened = launched.browser.waitForTarget((t: Target) => t.url().includes("/passkey.html?request="));
    const answer = tryGet(secondSite.host, 60_000);
    const window = (await (await opened).asPage())!;
    await window.waitForSelector("#passkey-approve");
    expect(await window.$eval("#passkey-origin", (e) => e.textContent)).toBe(new URL(secondSite.url).origin);
    if (await window.$("#passkey-password")) await window.type("#passkey-password", MASTER_PASSWORD);
    await window.click("#passkey-approve");
    await window.waitForSelector("#passkey-message");
    expect(await window.$eval("#passkey-message", (e) => e.textContent)).toBe(run.none);
    expect(await window.$eval("main", (e) => e.textContent)).not.toContain(userId);
    await window.click("button.primary");
    expect(await answer).toBe("NotAllowedError");
    expect(await tryGet("localhost")).toBe("SecurityError");

    // Its conditional-UI field (the page script now runs there too): the portal's rpId is refused, and its
    // own field's menu names no passkey.
    await other.reload();
    expect(await tryGet("localhost", 3000, "conditional")).toBe("SecurityError");
    const ownField = tryGet(secondSite.host, 20_000, "conditional");
    await expect.poll(() => sessionValue(launched, id, "passkeyConditional")).not.toEqual({});
    await other.click("#user");
    const menu = await inlineMenu(other, "#passkey-menu-none");
    expect(await menu.$eval("main", (e) => e.textContent)).not.toContain(userId);
    expect(await menuSeenByPage(other, userId)).toEqual({ host: true, shadow: null, text: false });
    expect(await ownField).toBe("AbortError");
    const worker = await serviceWorker(launched.browser, id);
    const pending = await worker.evaluate(async () => {
      type Session = { get(k: string): Promise<Record<string, unknown>> };
      const api = (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome;
      return (await api.storage.session.get("passkeyRequests")).passkeyRequests;
    });
    expect(pending).toEqual({});
    await other.close();
  });

  it("forgetting the portal takes the field's page script off it, and the field offers nothing", async () => {
    const registered = async () => {
      const worker = await serviceWorker(launched.browser, id);
      return worker.evaluate(async () => {
        type Scripting = { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
        const api = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
        return (await api.scripting.getRegisteredContentScripts()).map((s) => [s.id, s.matches]);
      });
    };
    const portalPattern = `${portal.origin}/*`;
    expect((await registered()).every(([, matches]) => (matches as string[]).includes(portalPattern))).toBe(
      true,
    );
    const popup = await openActionPopup(launched.browser, page, id);
    await clickByText(popup, "#passkey-site-allowed button", run.forget);
    await popup.waitForSelector("#passkey-allow-site");
    await popup.close();
    await expect
      .poll(async () =>
        (await registered()).some(([, matches]) => (matches as string[]).includes(portalPattern)),
      )
      .toBe(false);
    await signOut(page);
    await page.goto(`${portal.origin}/login`);
    expect(await page.evaluate(() => navigator.credentials.get.toString())).toContain("[native code]");
    await page.click("#user-id");
    expect(await page.$("kosmo-passkey-menu")).toBeNull();
  });

  it("writes the member guide's 「パソコンだけで生体認証を使う」 with this run's screenshots", async () => {
    for (const { name, capture } of composites)
      await writePopupOverPage(launched.browser, capture, name, lang);
    for (const name of PASSKEY_GUIDE_SHOTS) {
      expect(statSync(guideFile(name, lang)).mtimeMs).toBeGreaterThan(startedAt);
    }
    expect(expectGuideUpToDate(lang)).toContain(run.guideWords);
  });
});
