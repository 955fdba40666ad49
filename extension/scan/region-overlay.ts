// 範囲を選択して読み取る: a full-page overlay on which the member drags a box around the QR code.
// `selectRegion` is injected with `browser.scripting.executeScript({ target: { tabId }, func: selectRegion,
// args: [texts] })`, so it must be self-contained: no imports, no module-level helpers, everything inside.
// `args` may be omitted: the texts then come from the message catalogue (OVERLAY_MESSAGE_KEYS).
// It resolves with the box in CSS pixels of the viewport plus the device pixel ratio (which includes page zoom
// in Chrome) and the viewport size, or null when the member presses Esc. The overlay is removed and the page
// repainted before it resolves, so a capture taken right after does not show it. It lives in a closed shadow
// root (the page's CSS cannot reach it) and is drawn to be visible on light and dark pages alike.

export interface OverlayTexts {
  /** e.g. "QRコードを囲むようにドラッグしてください" */
  instruction: string;
  /** e.g. "Esc キーで取り消し" */
  cancelHint: string;
}

export interface SelectedRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  devicePixelRatio: number;
  viewportWidth: number;
  viewportHeight: number;
}

/** Catalogue keys (extension/public/_locales) the overlay reads when no texts are passed: content scripts,
 *  including executeScript functions, can use chrome.i18n, so the member's browser language applies. */
export const OVERLAY_MESSAGE_KEYS = {
  instruction: "overlayInstruction",
  cancelHint: "overlayCancelHint",
} as const;

export function selectRegion(texts?: OverlayTexts): Promise<SelectedRegion | null> {
  const slot = "__kosmoRegionOverlayCancel";
  const scope = window as unknown as Record<string, (() => void) | undefined>;
  scope[slot]?.(); // a second injection replaces the first overlay
  const i18n = (globalThis as { chrome?: { i18n?: { getMessage(key: string): string } } }).chrome?.i18n;
  const message = (key: string): string => {
    try {
      return i18n?.getMessage(key) ?? "";
    } catch {
      return "";
    }
  };
  const instruction = texts?.instruction || message("overlayInstruction");
  const cancelHint = texts?.cancelHint || message("overlayCancelHint");
  const minimumSize = 8;

  return new Promise((resolve) => {
    const host = document.createElement("div");
    host.setAttribute("style", "all:initial;position:fixed;inset:0;z-index:2147483647;");
    const shadow = host.attachShadow({ mode: "closed" });
    shadow.innerHTML = `<style>
      .layer{position:fixed;inset:0;cursor:crosshair;background:rgba(0,0,0,.35);touch-action:none;outline:none}
      .layer.dragging{background:transparent}
      .box{position:fixed;display:none;border:2px solid #fff;outline:2px solid #1a73e8;
        box-shadow:0 0 0 100vmax rgba(0,0,0,.45);pointer-events:none}
      .banner{position:fixed;top:16px;left:50%;transform:translateX(-50%);max-width:90vw;padding:10px 18px;
        border-radius:8px;background:#202124;color:#fff;border:1px solid rgba(255,255,255,.7);
        box-shadow:0 2px 12px rgba(0,0,0,.5);font:600 16px/1.5 system-ui,"Hiragino Sans","Yu Gothic UI",
        "Noto Sans CJK JP",sans-serif;text-align:center;pointer-events:none}
      .hint{display:block;font-weight:400;font-size:13px;opacity:.85}
    </style>
    <div class="layer" tabindex="-1" role="dialog" aria-modal="true"></div>
    <div class="box"></div>
    <div class="banner" role="status" aria-live="polite"><span class="text"></span><span class="hint"></span></div>`;
    const layer = shadow.querySelector(".layer") as HTMLDivElement;
    const box = shadow.querySelector(".box") as HTMLDivElement;
    (shadow.querySelector(".text") as HTMLSpanElement).textContent = instruction;
    (shadow.querySelector(".hint") as HTMLSpanElement).textContent = cancelHint;
    layer.setAttribute("aria-label", `${instruction} ${cancelHint}`);

    let start: { x: number; y: number } | null = null;
    let current = { x: 0, y: 0, width: 0, height: 0 };
    let done = false;

    const rectFrom = (x: number, y: number) => {
      const from = start ?? { x, y };
      return {
        x: Math.min(from.x, x),
        y: Math.min(from.y, y),
        width: Math.abs(x - from.x),
        height: Math.abs(y - from.y),
      };
    };
    const draw = () => {
      box.style.display = "block";
      box.style.left = `${current.x}px`;
      box.style.top = `${current.y}px`;
      box.style.width = `${current.width}px`;
      box.style.height = `${current.height}px`;
    };
    const finish = (region: SelectedRegion | null) => {
      if (done) return;
      done = true;
      window.removeEventListener("keydown", onKey, true);
      if (scope[slot] === cancel) scope[slot] = undefined;
      host.remove();
      // Resolve only after the page has repainted without the overlay (rAF may stall in a hidden tab).
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          resolve(region);
        }
      };
      requestAnimationFrame(() => requestAnimationFrame(settle));
      setTimeout(settle, 150);
    };
    const cancel = () => finish(null);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      cancel();
    };

    layer.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      start = { x: event.clientX, y: event.clientY };
      current = rectFrom(event.clientX, event.clientY);
      layer.setPointerCapture?.(event.pointerId);
      layer.classList.add("dragging");
      draw();
    });
    layer.addEventListener("pointermove", (event) => {
      if (!start) return;
      current = rectFrom(event.clientX, event.clientY);
      draw();
    });
    layer.addEventListener("pointerup", (event) => {
      if (!start) return;
      current = rectFrom(event.clientX, event.clientY);
      start = null;
      if (current.width < minimumSize || current.height < minimumSize) {
        box.style.display = "none"; // a click, not a drag: keep waiting
        layer.classList.remove("dragging");
        return;
      }
      finish({
        ...current,
        devicePixelRatio: window.devicePixelRatio || 1,
        viewportWidth: window.innerWidth,
        viewportHeight: window.innerHeight,
      });
    });
    layer.addEventListener("wheel", (event) => event.preventDefault(), { passive: false });
    layer.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      cancel();
    });
    window.addEventListener("keydown", onKey, true);
    scope[slot] = cancel;
    document.documentElement.append(host);
    layer.focus();
  });
}
