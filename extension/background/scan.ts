// The three scan paths, all decoded here in the service worker so the popup bundle carries no decoder:
// the whole visible tab, a region the member drags on the page, and an image file or pasted image.
import { browser } from "wxt/browser";
import { parseOtpauthUri } from "../../shared/otpauth";
import { loadLanguage, t } from "../i18n";
import type { AddResult } from "../messaging";
import { cropToRegion, imageDataFromDataUrl } from "../scan/capture";
import { decodeQrCodes } from "../scan/qr-decode";
import { selectRegion } from "../scan/region-overlay";
import { readSettings } from "../settings";
import { activePage } from "./active-tab";
import { addFromTexts } from "./add-account";
import { setPending } from "./pending";

/** Chrome allows about two captureVisibleTab calls a second; a quick second scan gets this error. */
const CAPTURE_QUOTA_ERROR = "MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND";
const CAPTURE_RETRY_MS = 1000;

export function isCaptureQuotaError(error: unknown): boolean {
  return String((error as { message?: unknown } | null)?.message ?? error).includes(CAPTURE_QUOTA_ERROR);
}

/** One capture; on Chrome's rate-limit error, waits for the quota window to pass and tries once more. */
export async function captureWithRetry(
  capture: () => Promise<string>,
  wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<string> {
  try {
    return await capture();
  } catch (error) {
    if (!isCaptureQuotaError(error)) throw error;
    await wait(CAPTURE_RETRY_MS);
    return capture();
  }
}

async function captureTab(windowId: number | undefined): Promise<ImageData | null> {
  try {
    const dataUrl = await captureWithRetry(() =>
      browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: "png" }),
    );
    return await imageDataFromDataUrl(dataUrl);
  } catch {
    return null;
  }
}

function countOtpauth(texts: string[]): number {
  return texts.filter((text) => parseOtpauthUri(text).ok).length;
}

/** 画面のQRコードを読み取る: whole tab, no dragging; none or several QR codes → region selection. */
export async function scanVisibleTab(): Promise<AddResult> {
  const page = await activePage();
  if (page.tabId === undefined) return { status: "error", error: "no-page" };
  const image = await captureTab(page.windowId);
  if (!image) return { status: "error", error: "capture-failed" };
  const texts = await decodeQrCodes(image);
  if (texts.length === 0 || countOtpauth(texts) > 1) return startRegionScan();
  return addFromTexts(texts, page.origin, page.tabId);
}

/** 範囲を選択して読み取る: injects the overlay and finishes in the background (the popup closes). */
export async function startRegionScan(): Promise<AddResult> {
  const page = await activePage();
  if (page.tabId === undefined) return { status: "error", error: "no-page" };
  void finishRegionScan(page.tabId, page.windowId, page.origin).catch(() =>
    setPending({ kind: "add", result: { status: "error", error: "capture-failed" } }),
  );
  return { status: "region-started" };
}

async function finishRegionScan(tabId: number, windowId: number | undefined, origin: string | undefined) {
  await loadLanguage((await readSettings()).language);
  const overlayTexts = { instruction: t("overlayInstruction"), cancelHint: t("overlayCancelHint") };
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: selectRegion,
    args: [overlayTexts],
  });
  const region = injection?.result;
  if (!region) return; // cancelled with Esc
  await new Promise((resolve) => setTimeout(resolve, 120)); // let the page repaint without the overlay
  const image = await captureTab(windowId);
  if (!image) return setPending({ kind: "add", result: { status: "error", error: "capture-failed" } });
  const texts = await decodeQrCodes(cropToRegion(image, region, region.devicePixelRatio));
  await setPending({ kind: "add", result: await addFromTexts(texts, origin, tabId) });
}

/** 画像ファイルから読み取る (or a pasted image): no origin binding, the image has no page. */
export async function scanImage(dataUrl: string): Promise<AddResult> {
  let image: ImageData;
  try {
    image = await imageDataFromDataUrl(dataUrl);
  } catch {
    return { status: "error", error: "image-unreadable" };
  }
  return addFromTexts(await decodeQrCodes(image), undefined);
}
