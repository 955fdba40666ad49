// One measurement each, driving the built extension in Chromium through its own code paths (popup page →
// messages → service worker).
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "puppeteer-core";
import {
  clickByText,
  openActionPopup,
  serviceWorker,
  validCodes,
  waitForText,
} from "../../tests/e2e/support/extension";

export const PASSWORD = "bench-master-password-2026";
export const SCAN_METHOD = "画面のQRコードを読み取る";
export const ADDED = "追加されました。";

// biome-ignore lint/suspicious/noExplicitAny: answers are typed by each caller
type Chrome = { runtime: { sendMessage(message: unknown): Promise<any> } };

/** Sends one extension message from an extension page (the popup's own channel). */
export function message<T>(page: Page, request: unknown): Promise<T> {
  return page.evaluate(
    (r) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage(r),
    request,
  );
}

export async function seedVault(page: Page, count: number): Promise<number> {
  const uris = Array.from({ length: count }, (_, i) =>
    new TOTP({
      issuer: `Service ${String(i).padStart(3, "0")}`,
      label: `member${i}@example.jp`,
      secret: new Secret({ size: 20 }),
    }).toString(),
  );
  return page.evaluate(async (texts) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    let added = 0;
    for (const text of texts) {
      const result = await chrome.runtime.sendMessage({ type: "add-uri", text, mode: "ask" });
      if (result?.status === "added") added++;
    }
    return added;
  }, uris);
}

export async function timeUnlock(page: Page): Promise<number> {
  await message(page, { type: "lock" });
  const { ms, ok } = await page.evaluate(async (password) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const start = performance.now();
    const result = await chrome.runtime.sendMessage({ type: "unlock", password });
    return { ms: performance.now() - start, ok: result?.ok === true };
  }, PASSWORD);
  if (!ok) throw new Error("unlock failed");
  return ms;
}

interface PopupTiming {
  ms: number;
  count: number;
  /** When the popup's messages were sent and answered (ms from navigation start), by message type. */
  sent: Record<string, number>;
  answered: Record<string, number>;
}

/** Navigation start → the first account code in the DOM and the next frame painted (`file`: the page). */
export async function timePopupOpen(
  browser: Browser,
  id: string,
  expected = 1,
  file = "popup.html",
): Promise<PopupTiming> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 360, height: 600 });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as {
        __firstCode?: number;
        __sent: Record<string, number>;
        __answered: Record<string, number>;
      };
      w.__sent = {};
      w.__answered = {};
      // Note when each message to the service worker is first answered (the popup sends open, then list).
      const runtime = (globalThis as unknown as { chrome: Chrome }).chrome.runtime;
      const send = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = async (message: unknown) => {
        const type = (message as { type?: string })?.type ?? "?";
        w.__sent[type] ??= performance.now();
        const answer = await send(message);
        w.__answered[type] ??= performance.now();
        return answer;
      };
      new MutationObserver((_, observer) => {
        if (!document.querySelector(".account .code[data-code]")) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__firstCode = performance.now()), 0));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${id}/${file}`);
    await page.waitForFunction(
      () => (window as unknown as { __firstCode?: number }).__firstCode !== undefined,
      {
        timeout: 20_000,
      },
    );
    // The popup may paint the first screenful first and the rest right after: count once all are there.
    await page
      .waitForFunction(
        (n: number) => document.querySelectorAll(".account").length >= n,
        { timeout: 5_000 },
        expected,
      )
      .catch(() => undefined);
    return page.evaluate(() => {
      const w = window as unknown as {
        __firstCode: number;
        __sent: Record<string, number>;
        __answered: Record<string, number>;
      };
      return {
        ms: w.__firstCode,
        count: document.querySelectorAll(".account").length,
        sent: w.__sent,
        answered: w.__answered,
      };
    });
  } finally {
    await page.close();
  }
}

/**
 * The first two steps of a scan, alone, in the service worker (activeTab is granted while the popup is open);
 * the capture itself is returned for the decode to be timed alone too (timeDecodeAlone).
 */
export async function timeCapture(browser: Browser, id: string) {
  const worker = await serviceWorker(browser, id);
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { captureVisibleTab(o: object): Promise<string> } } }
    ).chrome;
    const start = performance.now();
    const dataUrl = await api.tabs.captureVisibleTab({ format: "png" });
    const captured = performance.now();
    const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0);
    context.getImageData(0, 0, bitmap.width, bitmap.height);
    return {
      captureMs: captured - start,
      imageMs: performance.now() - captured,
      width: bitmap.width,
      height: bitmap.height,
      dataUrl,
    };
  });
}

/** The project's decoder alone on a capture, in the benchmark page of the same browser (bench/qr/page-entry.ts). */
export async function timeDecodeAlone(page: Page, dataUrl: string, expected: string): Promise<number> {
  const { ms, ok } = await page.evaluate(
    (url, text) => (window as unknown as BenchWindow).kosmoBench.decodeDataUrl(url, text),
    dataUrl,
    expected,
  );
  if (!ok) throw new Error("the capture alone did not decode to the fixture's URI");
  return ms;
}

/** Click 画面のQRコードを読み取る in the real action popup over a 1920×1080 tab → 追加されました。 painted. */
export async function timeScan(
  browser: Browser,
  id: string,
  siteUrl: string,
  index: number,
  secret: string,
  benchPage: Page,
  uri: string,
) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  await page.goto(`${siteUrl}/enroll/${index}`);
  const popup = await openActionPopup(browser, page, id);
  try {
    await clickByText(popup, ".bar-button", "追加");
    await waitForText(popup, SCAN_METHOD);
    // Chrome allows captureVisibleTab twice per second per extension; the previous run captured twice.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const ms = await popup
      .evaluate(
        (method, added) =>
          new Promise<number>((resolve, reject) => {
            const button = [...document.querySelectorAll<HTMLButtonElement>(".method")].find((b) =>
              b.textContent?.includes(method),
            );
            if (!button) return reject(new Error("scan button not found"));
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (!document.body.textContent?.includes(added)) return;
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            button.click();
            setTimeout(
              () =>
                reject(
                  new Error(
                    `no "${added}" within 20 s (popup shows: ${document.body.textContent?.replace(/\s+/g, " ").trim().slice(0, 300) ?? "nothing"})`,
                  ),
                ),
              20_000,
            );
          }),
        SCAN_METHOD,
        ADDED,
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}; ${await captureDiagnosis(browser, id)}`);
      });
    const code = await popup.$eval(".added-card [data-code]", (el) => el.getAttribute("data-code"));
    if (!validCodes(secret).includes(code ?? "")) throw new Error("scanned account shows a wrong code");
    const { dataUrl, ...capture } = await timeCapture(browser, id);
    return { ms, capture, decodeMs: await timeDecodeAlone(benchPage, dataUrl, uri) };
  } finally {
    await popup.close().catch(() => {});
    await page.close();
  }
}

/** Why a capture may fail: the tabs the service worker sees and what captureVisibleTab answers now. */
async function captureDiagnosis(browser: Browser, id: string): Promise<string> {
  const worker = await serviceWorker(browser, id);
  return worker.evaluate(async () => {
    type Tab = { id: number; windowId: number; active: boolean; url?: string };
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(q: object): Promise<Tab[]>; captureVisibleTab(o: object): Promise<string> };
          windows: { getLastFocused(): Promise<{ id: number }> };
        };
      }
    ).chrome;
    const tabs = (await api.tabs.query({})).map(
      (t) => `${t.id}@${t.windowId}${t.active ? "*" : ""} ${t.url ?? "?"}`,
    );
    const focused = await api.windows
      .getLastFocused()
      .then((w) => w.id)
      .catch(() => "none");
    const capture = await api.tabs.captureVisibleTab({ format: "png" }).then(
      (url) => `capture ok (${url.length} chars)`,
      (error: Error) => `capture error: ${error.message}`,
    );
    return `tabs: ${tabs.join(", ")}; last focused window ${focused}; ${capture}`;
  });
}

/** Argon2id alone, shipped parameters, in an ordinary page of the same browser (bench/qr/page-entry.ts). */
export async function timeKdfAlone(page: Page): Promise<number> {
  return page.evaluate(async () => (await (window as unknown as BenchWindow).kosmoBench.kdf()).ms);
}

type BenchWindow = { kosmoBench: typeof import("../qr/page-entry") };
