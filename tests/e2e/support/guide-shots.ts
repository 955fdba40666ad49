// Screenshots for the member guide, taken by the end-to-end run on the real portal. A browser's toolbar popup
// is not part of any page screenshot, so popup shots are drawn over the page they were opened on, at the
// toolbar's corner, the way the member sees them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { GUIDE_IMAGES_DIR } from "./guide-output";

export function guideFile(name: string, lang: string): `${string}.png` {
  mkdirSync(GUIDE_IMAGES_DIR, { recursive: true });
  return path.join(GUIDE_IMAGES_DIR, `${name}.${lang}.png`) as `${string}.png`;
}

/** The viewport as it is (no resize: the region overlay must stay as it is mid-drag). */
export async function shot(page: Page, name: string, lang: string): Promise<void> {
  await page.screenshot({ path: guideFile(name, lang), captureBeyondViewport: false });
}

export interface PopupOverPage {
  page: Uint8Array;
  popup: Uint8Array;
}

/** Chrome's largest action popup; within it the popup takes the size of its content. */
const POPUP_MAX = { width: 800, height: 600 };

/**
 * Both pictures now (the popup may close later); composed by writePopupOverPage once the run is done.
 * Headless Chromium keeps the popup at the size of its first paint, where a real browser resizes it to its
 * content: the popup is captured at its content's size, as the member sees it.
 */
export async function capturePopupOverPage(page: Page, popup: Page): Promise<PopupOverPage> {
  const content = await popup.evaluate(() => {
    const main = document.querySelector("main") as HTMLElement;
    return { width: main.scrollWidth, height: main.scrollHeight };
  });
  const clip = {
    x: 0,
    y: 0,
    width: Math.min(content.width, POPUP_MAX.width),
    height: Math.min(content.height, POPUP_MAX.height),
  };
  return {
    page: await page.screenshot({ captureBeyondViewport: false }),
    popup: await popup.screenshot({ clip, captureBeyondViewport: true }),
  };
}

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

export async function writePopupOverPage(
  browser: Browser,
  capture: PopupOverPage,
  name: string,
  lang: string,
): Promise<void> {
  const canvas = await browser.newPage();
  try {
    await canvas.setViewport({ width: 1280, height: 800 });
    await canvas.setContent(`<!doctype html><html><body style="margin:0;background:#fff">
<img src="${dataUrl(capture.page)}" style="display:block;width:1280px;height:800px;filter:brightness(0.96)">
<img src="${dataUrl(capture.popup)}" style="position:absolute;top:8px;right:16px;border:1px solid #9aa0a6;
border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35);background:#fff">
</body></html>`);
    await canvas.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
    writeFileSync(guideFile(name, lang), await canvas.screenshot({ captureBeyondViewport: false }));
  } finally {
    await canvas.close();
  }
}
