// The three scan paths, all decoded here in the service worker so the popup bundle carries no decoder:
// the whole visible tab, a region the member drags on the page, and an image file or pasted image.
import { browser } from "wxt/browser";
import { parseOtpauthUri } from "../../shared/otpauth";
import { activePage } from "../active-tab";
import { loadLanguage, t } from "../i18n";
import type { AddResult } from "../messaging";
import { cropToRegion, imageDataFromDataUrl } from "../scan/capture";
import { framesAt, innermostFirst, listPageFrames, overlaps, type PageFrames } from "../scan/frame-origin";
import { decodeQrCodes } from "../scan/qr-decode";
import { selectRegion } from "../scan/region-overlay";
import { readSettings } from "../settings";
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

/** The top page's frames (none when the page cannot be scripted: then the tab's origin is all we know). */
async function pageFrames(tabId: number): Promise<PageFrames> {
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: listPageFrames });
    return injection?.result ?? { frames: [], viewportWidth: 0 };
  } catch {
    return { frames: [], viewportWidth: 0 };
  }
}

/** The origin of the frame showing `texts`' QR code in a whole-tab capture: the innermost frame where it decodes. */
async function originInCapture(
  image: ImageData,
  texts: string[],
  { frames, viewportWidth }: PageFrames,
  pageOrigin: string | undefined,
): Promise<string | undefined> {
  if (viewportWidth <= 0) return pageOrigin;
  const scale = image.width / viewportWidth;
  const visible = { x: 0, y: 0, width: viewportWidth, height: image.height / scale };
  for (const frame of innermostFirst(frames)) {
    if (!overlaps(frame, visible)) continue; // scrolled out of the capture
    const found = await decodeQrCodes(cropToRegion(image, frame, scale));
    if (found.some((text) => texts.includes(text))) return frame.origin;
  }
  return pageOrigin;
}

/** 画面のQRコードを読み取る: whole tab, no dragging; none or several QR codes → region selection. */
export async function scanVisibleTab(): Promise<AddResult> {
  const page = await activePage();
  if (page.tabId === undefined) return { status: "error", error: "no-page" };
  // The frames are listed while the tab is captured: a page without frames costs nothing more.
  const [image, frames] = await Promise.all([captureTab(page.windowId), pageFrames(page.tabId)]);
  if (!image) return { status: "error", error: "capture-failed" };
  const texts = await decodeQrCodes(image);
  if (texts.length === 0 || countOtpauth(texts) > 1) return startRegionScan();
  return addFromTexts(texts, await originInCapture(image, texts, frames, page.origin), page.tabId);
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
  // A region drawn over a frame: the QR code is that frame's (its centre decides).
  const { frames } = await pageFrames(tabId);
  const [frame] = framesAt(frames, region.x + region.width / 2, region.y + region.height / 2);
  await setPending({ kind: "add", result: await addFromTexts(texts, frame?.origin ?? origin, tabId) });
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
