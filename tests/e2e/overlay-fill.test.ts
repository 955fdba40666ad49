// The region overlay and the fill script, injected into fixture pages in headless Chromium: drag a box with
// the mouse (light and dark pages, HiDPI), cancel with Esc, crop a real screenshot at the device pixel ratio
// and decode it, and fill a React-like controlled input and a six-box split input.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "puppeteer-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeImageData } from "../../extension/scan/capture";
import { configureQrDecoder, decodeQrCodes } from "../../extension/scan/qr-decode";
import type { SelectedRegion } from "../../extension/scan/region-overlay";
import { type LaunchedBrowser, launchBrowser } from "./support/browser";
import { bundleForPage } from "./support/page-bundle";
import { screenshotDir } from "./support/screenshots";

const require = createRequire(import.meta.url);
const TEXTS = { instruction: "QRコードを囲むようにドラッグしてください", cancelHint: "Esc キーで取り消し" };
const URI =
  "otpauth://totp/KOSMO%20Web:taro%40example.jp?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=KOSMO%20Web";

let launched: LaunchedBrowser;
let script: string;

declare global {
  interface Window {
    kosmoTest: {
      selectRegion: (texts?: typeof TEXTS) => Promise<SelectedRegion | null>;
      fillOtpCode: (doc: Document, code: string) => { status: string; reason?: string; kind?: string };
      imageDataFromDataUrl: (dataUrl: string) => Promise<ImageData>;
      imageDataFromBlob: (blob: Blob) => Promise<ImageData>;
      cropToRegion: (image: ImageData, region: SelectedRegion, scale: number) => ImageData;
    };
    pending: Promise<SelectedRegion | null>;
    reactState: string;
    reactChanges: number;
    submitEnabled: boolean;
  }
}

beforeAll(async () => {
  script = await bundleForPage(
    `export { selectRegion } from "./extension/scan/region-overlay";
     export { fillOtpCode } from "./extension/fill/fill-script";
     export { cropToRegion, imageDataFromBlob, imageDataFromDataUrl } from "./extension/scan/capture";`,
    "kosmoTest",
  );
  launched = await launchBrowser();
});

afterAll(async () => {
  await launched?.close();
});

async function openPage(html: string, scale = 1): Promise<Page> {
  const page = await launched.browser.newPage();
  await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: scale });
  await page.setContent(html, { waitUntil: "load" });
  await page.evaluate(script);
  return page;
}

async function startOverlay(page: Page): Promise<void> {
  await page.evaluate((texts) => {
    window.pending = window.kosmoTest.selectRegion(texts);
  }, TEXTS);
  await page.waitForFunction(() => document.documentElement.lastElementChild?.tagName === "DIV");
}

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 8 });
  await page.mouse.up();
}

const overlayCount = (page: Page) =>
  page.evaluate(() => document.querySelectorAll("html > div[style*='2147483647']").length);

const lightPage = (
  qr: string,
) => `<!doctype html><html lang="ja"><body style="margin:0;font-family:sans-serif">
<h1 style="margin:20px">二段階認証の設定</h1><p style="margin:20px">認証アプリで次のQRコードを読み取ってください。</p>
<img src="${qr}" style="position:absolute;left:300px;top:200px;width:120px;height:120px"></body></html>`;

describe("region overlay", () => {
  it.each([1, 1.25])(
    "resolves with the dragged box in CSS pixels and removes itself (ratio %s)",
    async (ratio) => {
      const page = await openPage(lightPage(await QRCode.toDataURL(URI, { margin: 1 })), ratio);
      await startOverlay(page);
      expect(await overlayCount(page)).toBe(1);
      await drag(page, [450, 380], [200, 150]); // dragging up-left works too
      const region = await page.evaluate(() => window.pending);
      expect(region).toEqual({
        x: 200,
        y: 150,
        width: 250,
        height: 230,
        devicePixelRatio: ratio,
        viewportWidth: 1280,
        viewportHeight: 800,
      });
      expect(await overlayCount(page)).toBe(0);
      await page.close();
    },
  );

  it("ignores a click, and Esc cancels with null", async () => {
    const page = await openPage(lightPage(await QRCode.toDataURL(URI)));
    await startOverlay(page);
    await page.mouse.click(500, 500);
    expect(await overlayCount(page)).toBe(1);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => window.pending)).toBeNull();
    expect(await overlayCount(page)).toBe(0);
    await page.close();
  });

  it("on a dark HiDPI page: crop of a real screenshot at the device pixel ratio decodes the QR", async () => {
    const qr = await QRCode.toDataURL(URI, { margin: 1, color: { dark: "#e8eaedff", light: "#1e2126ff" } });
    const html = lightPage(qr).replace("margin:0;", "margin:0;background:#121417;color:#e8eaed;");
    const page = await openPage(html, 2);
    await startOverlay(page);
    await page.mouse.move(280, 180);
    await page.mouse.down();
    await page.mouse.move(440, 340, { steps: 6 });
    await page.screenshot({ path: `${screenshotDir("extension")}/overlay-dark-hidpi.png` }); // for a human look at the overlay
    await page.mouse.up();
    const region = await page.evaluate(() => window.pending);
    expect(region).toMatchObject({ x: 280, y: 180, width: 160, height: 160, devicePixelRatio: 2 });

    // The page plays the service worker's part: capture (data URL) → ImageData → crop at the pixel ratio.
    const capture = `data:image/png;base64,${await page.screenshot({ encoding: "base64" })}`;
    const cropped = await page.evaluate(
      async (dataUrl, selected) => {
        const image = await window.kosmoTest.imageDataFromDataUrl(dataUrl);
        const crop = window.kosmoTest.cropToRegion(image, selected, selected.devicePixelRatio);
        return {
          fullWidth: image.width,
          width: crop.width,
          height: crop.height,
          data: Array.from(crop.data),
        };
      },
      capture,
      region!,
    );
    expect(cropped.fullWidth).toBe(2560); // the capture is in device pixels
    expect(cropped.width).toBeGreaterThan(320);
    configureQrDecoder({ wasmBinary: readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm")) });
    const crop = makeImageData(new Uint8ClampedArray(cropped.data), cropped.width, cropped.height);
    expect(await decodeQrCodes(crop)).toEqual([URI]);
    await page.close();
  });
});

describe("capture", () => {
  it("scales a huge image file down to 3840 px on its longest side", async () => {
    const page = await openPage("<!doctype html><body></body>");
    const size = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(6000, 1000);
      canvas.getContext("2d")!.fillRect(100, 100, 500, 500);
      const image = await window.kosmoTest.imageDataFromBlob(
        await canvas.convertToBlob({ type: "image/png" }),
      );
      return [image.width, image.height];
    });
    expect(size).toEqual([3840, 640]);
    await page.close();
  });
});

const honeypotPage = `<!doctype html><html lang="ja"><body>
<input name="otp" autocomplete="one-time-code" style="position:absolute;left:-9999px">
<input name="otp2" autocomplete="one-time-code" style="width:0;height:0;border:0;padding:0">
<label for="real">確認コード</label><input id="real" name="verify" inputmode="numeric"></body></html>`;

const reactLikePage = `<!doctype html><html lang="ja"><body>
<form><label for="otp">認証コード</label><input id="otp" name="otp" inputmode="numeric" maxlength="6">
<input type="search" name="q" placeholder="検索"></form>
<script>
  // React's controlled input: a per-instance value tracker, onChange only when the DOM value differs from the
  // tracked one, and the DOM value restored from state after every input event.
  const input = document.getElementById("otp");
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  let tracked = ""; window.reactState = ""; window.reactChanges = 0;
  Object.defineProperty(input, "value", { configurable: true, get() { return native.get.call(this); },
    set(v) { tracked = String(v); native.set.call(this, v); } });
  input.addEventListener("input", () => {
    const current = native.get.call(input);
    if (current !== tracked) { tracked = current; window.reactState = current; window.reactChanges++; }
    input.value = window.reactState;
  });
</script></body></html>`;

const splitPage = `<!doctype html><html lang="ja"><body><form><p>ワンタイムパスワード（6桁）</p>
<div id="boxes">${Array.from({ length: 6 }, (_, i) => `<input maxlength="1" inputmode="numeric" aria-label="${i + 1}桁目">`).join("")}</div>
<button id="go" type="submit" disabled>実行</button></form>
<script>
  const boxes = [...document.querySelectorAll("#boxes input")];
  window.submitEnabled = false;
  boxes.forEach((box, i) => box.addEventListener("input", () => {
    box.value = box.value.replace(/\\D/g, "").slice(-1);
    if (box.value && boxes[i + 1]) boxes[i + 1].focus();
    window.submitEnabled = boxes.every((b) => /^\\d$/.test(b.value));
    document.getElementById("go").disabled = !window.submitEnabled;
  }));
</script></body></html>`;

describe("fill script", () => {
  it("fills a React-like controlled input so that its state holds the code", async () => {
    const page = await openPage(reactLikePage);
    const result = await page.evaluate(() => window.kosmoTest.fillOtpCode(document, "066474"));
    expect(result).toEqual({ status: "filled", kind: "single" });
    expect(await page.evaluate(() => [window.reactState, window.reactChanges])).toEqual(["066474", 1]);
    expect(await page.$eval("#otp", (input) => (input as HTMLInputElement).value)).toBe("066474");
    expect(await page.$eval("input[name=q]", (input) => (input as HTMLInputElement).value)).toBe("");
    await page.close();
  });

  it("fills a six-box split input one digit per box and the page enables its button", async () => {
    const page = await openPage(splitPage);
    const result = await page.evaluate(() => window.kosmoTest.fillOtpCode(document, "907153"));
    expect(result).toEqual({ status: "filled", kind: "split" });
    expect(
      await page.$$eval("#boxes input", (boxes) => boxes.map((b) => (b as HTMLInputElement).value).join("")),
    ).toBe("907153");
    expect(await page.evaluate(() => window.submitEnabled)).toBe(true);
    expect(await page.$eval("#go", (button) => (button as HTMLButtonElement).disabled)).toBe(false);
    await page.close();
  });

  it("skips off-screen and zero-sized honeypot fields that only a layout can reveal", async () => {
    const page = await openPage(honeypotPage);
    expect(await page.evaluate(() => window.kosmoTest.fillOtpCode(document, "123456"))).toEqual({
      status: "filled",
      kind: "single",
    });
    expect(await page.$$eval("input", (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      "",
      "",
      "123456",
    ]);
    await page.close();
  });

  it("fills a field inside a same-origin frame", async () => {
    const frame = `<label for='c'>確認コード</label><input id='c' inputmode='numeric' maxlength='6'>`;
    const page = await openPage(
      `<!doctype html><body><input type="search" name="q"><iframe srcdoc="${frame}"></iframe></body>`,
    );
    await page.waitForFunction(() => document.querySelector("iframe")?.contentDocument?.getElementById("c"));
    expect(await page.evaluate(() => window.kosmoTest.fillOtpCode(document, "246810"))).toEqual({
      status: "filled",
      kind: "single",
    });
    const value = await page.evaluate(
      () =>
        (document.querySelector("iframe")!.contentDocument!.getElementById("c") as HTMLInputElement).value,
    );
    expect(value).toBe("246810");
    await page.close();
  });

  it("reports no-field and changes nothing on a page without an OTP field", async () => {
    const page = await openPage(
      `<!doctype html><body><input type="email" name="email"><input name="q" type="search"></body>`,
    );
    expect(await page.evaluate(() => window.kosmoTest.fillOtpCode(document, "123456"))).toEqual({
      status: "failed",
      reason: "no-field",
    });
    await page.close();
  });
});
