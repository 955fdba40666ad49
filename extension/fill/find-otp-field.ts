// Finds the field a one-time code belongs in: pure, scored rules over a Document (no browser APIs beyond the
// DOM, so it is tested with happy-dom on fixture HTML). autocomplete="one-time-code" wins; then hints in
// Japanese and English in the field's own attributes, its label and the text just before it; inputmode and
// maxlength add weight. Split inputs (one digit per box) are found as a group. Decoys (search, e-mail, user
// name, password, phone, card, coupon, captcha, hidden/disabled/read-only) and fields that already hold
// something other than digits are never candidates.
import {
  DECOY_AUTOCOMPLETE,
  DECOY_JA,
  DECOY_TOKENS,
  NON_CODE_TYPES,
  STRONG_COMPACT,
  STRONG_JA,
  STRONG_TOKENS,
  WEAK_JA,
  WEAK_TOKENS,
} from "./otp-hints";

export type OtpFieldMatch =
  | { kind: "single"; field: HTMLInputElement; score: number }
  | { kind: "split"; fields: HTMLInputElement[]; score: number };

export interface FindOtpFieldOptions {
  /** Length of the code to fill (6 or 8); split groups must have exactly this many boxes. */
  codeLength?: number;
  /** The element the member focused (context menu, shortcut): it weighs in, but never alone. */
  focused?: Element | null;
}

/** Below this a lone field is not trusted (e.g. a bare numeric input with no hint anywhere). */
export const MIN_SCORE = 30;

const SCORE = {
  autocomplete: 100,
  strongOwn: 50,
  strongLabel: 45,
  strongContext: 30,
  weakOwn: 20,
  weakContext: 10,
  numeric: 10,
  telOrNumber: 5,
  maxLength: 15,
  pattern: 10,
  focused: 20,
  splitBase: 45,
} as const;

type Hint = "strong" | "weak" | "none";

interface FieldText {
  own: string; // name, id, placeholder, aria-label, title, data-* of the field itself
  label: string; // <label>, aria-labelledby, aria-describedby, <legend>
  context: string; // text just before the field (headings, instructions)
}

/** The best OTP field (or group of boxes) in the document or subtree, or null if none is convincing. */
export function findOtpField(
  root: Document | Element,
  options: FindOtpFieldOptions = {},
): OtpFieldMatch | null {
  const codeLength = options.codeLength ?? 6;
  const candidates = collectInputs(root).filter((input) => isUsable(input) && !holdsOtherValue(input));
  const texts = new Map(candidates.map((input) => [input, fieldText(input)] as const));
  const eligible = candidates.filter((input) => !isDecoy(input, texts.get(input)!));

  const matches: OtpFieldMatch[] = [];
  for (const group of splitGroups(eligible, codeLength)) {
    matches.push({ kind: "split", fields: group, score: scoreGroup(group, texts, options.focused) });
  }
  for (const input of eligible) {
    if (input.maxLength > 0 && input.maxLength < codeLength) continue; // too short for the code (or a box)
    matches.push({
      kind: "single",
      field: input,
      score: scoreField(input, texts.get(input)!, options, codeLength),
    });
  }
  let best: OtpFieldMatch | null = null;
  for (const match of matches) if (!best || match.score > best.score) best = match;
  return best && best.score >= MIN_SCORE ? best : null;
}

/** Inputs in document order, including those inside open shadow roots and same-origin frames. */
export function collectInputs(root: Document | Element | ShadowRoot): HTMLInputElement[] {
  const found: HTMLInputElement[] = [];
  const visit = (node: Document | Element | ShadowRoot) => {
    for (const element of Array.from(node.querySelectorAll("*"))) {
      if (element.tagName === "INPUT") found.push(element as HTMLInputElement);
      if (element.shadowRoot) visit(element.shadowRoot);
      if (element.tagName === "IFRAME") {
        const frameDocument = sameOriginDocument(element as HTMLIFrameElement);
        if (frameDocument) visit(frameDocument);
      }
    }
  };
  visit(root);
  return found;
}

/** A cross-origin frame throws or yields null; the background injects into such frames separately. */
function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

function isUsable(input: HTMLInputElement): boolean {
  const type = (input.getAttribute("type") ?? "text").toLowerCase();
  if (NON_CODE_TYPES.has(type) || input.disabled || input.readOnly) return false;
  return isRendered(input);
}

/**
 * Hidden by attribute or style on the field or any ancestor; where the document has a layout (a real page,
 * not happy-dom), also zero-sized or pushed off-screen, as honeypot fields for bots are.
 */
function isRendered(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  for (let node: Element | null = element; node; node = parentElement(node)) {
    if (node.hasAttribute("hidden")) return false;
    const style = view?.getComputedStyle(node);
    if (style && (style.display === "none" || style.visibility === "hidden")) return false;
  }
  if (element.ownerDocument.documentElement.getBoundingClientRect().height > 0) {
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.right <= 0 || box.bottom <= 0) return false;
  }
  return true;
}

function parentElement(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode() as ShadowRoot;
  return root && "host" in root ? root.host : null;
}

/** A value that is not (part of) a code: never overwrite what the member typed elsewhere. */
function holdsOtherValue(input: HTMLInputElement): boolean {
  const value = input.value.replace(/\s/g, "");
  return value !== "" && !/^\d{1,8}$/.test(value);
}

function fieldText(input: HTMLInputElement): FieldText {
  const own = [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute("aria-label"),
    input.title,
    ...Array.from(input.attributes)
      .filter((attribute) => attribute.name.startsWith("data-"))
      .map((attribute) => attribute.value),
  ];
  return { own: own.filter(Boolean).join(" "), label: labelText(input), context: contextText(input) };
}

function labelText(input: HTMLInputElement): string {
  const doc = input.ownerDocument;
  const parts: string[] = [];
  if (input.id) {
    for (const label of Array.from(doc.querySelectorAll("label"))) {
      if (label.htmlFor === input.id) parts.push(label.textContent ?? "");
    }
  }
  const wrapping = input.closest("label");
  if (wrapping) parts.push(wrapping.textContent ?? "");
  for (const attribute of ["aria-labelledby", "aria-describedby"]) {
    for (const id of (input.getAttribute(attribute) ?? "").split(/\s+/).filter(Boolean)) {
      parts.push(doc.getElementById(id)?.textContent ?? "");
    }
  }
  const legend = input.closest("fieldset")?.querySelector("legend");
  if (legend) parts.push(legend.textContent ?? "");
  return parts.join(" ").slice(0, 300);
}

/** Text of up to two elements before the field (and before its ancestors, three levels up). */
function contextText(input: HTMLInputElement): string {
  const parts: string[] = [];
  let node: Element | null = input;
  for (let level = 0; node && level < 3; level++, node = node.parentElement) {
    let sibling = node.previousElementSibling;
    for (let count = 0; sibling && count < 2; count++, sibling = sibling.previousElementSibling) {
      if (sibling.querySelector("input") || sibling.tagName === "INPUT") break; // another field's text
      parts.push((sibling.textContent ?? "").slice(0, 200));
    }
  }
  return parts.join(" ");
}

/** Folds full-width ASCII (２ＦＡ, ＯＴＰ) and lower-cases. */
function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function tokens(text: string): string[] {
  return text
    .normalize("NFKC")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d)/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function hintIn(text: string): Hint {
  if (text === "") return "none";
  const folded = fold(text);
  const compact = folded.replace(/[^a-z0-9\u3040-\u30ff\u4e00-\u9fff]/g, "");
  const words = tokens(text);
  if (words.some((word) => STRONG_TOKENS.has(word))) return "strong";
  if (STRONG_COMPACT.some((phrase) => compact.includes(phrase))) return "strong";
  if (STRONG_JA.some((phrase) => folded.includes(phrase))) return "strong";
  if (words.some((word) => WEAK_TOKENS.has(word)) || WEAK_JA.some((phrase) => folded.includes(phrase))) {
    return "weak";
  }
  return "none";
}

function hasDecoyWords(text: string): boolean {
  const folded = fold(text);
  const compact = folded.replace(/[^a-z0-9]/g, "");
  return (
    tokens(text).some((word) => DECOY_TOKENS.has(word)) ||
    ["firstname", "lastname", "username", "emailaddress", "zipcode", "promocode", "couponcode"].some((w) =>
      compact.includes(w),
    ) ||
    DECOY_JA.some((phrase) => folded.includes(phrase))
  );
}

function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute("autocomplete") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

function isDecoy(input: HTMLInputElement, text: FieldText): boolean {
  const auto = autocompleteTokens(input);
  if (auto.includes("one-time-code")) return false;
  if (auto.some((token) => DECOY_AUTOCOMPLETE.has(token) || token.startsWith("cc-"))) return true;
  const ownHint = hintIn(text.own);
  const labelHint = hintIn(text.label);
  if (input.type === "password" && ownHint !== "strong" && labelHint !== "strong") return true;
  if (ownHint !== "strong" && labelHint !== "strong" && hasDecoyWords(text.own)) return true;
  return labelHint !== "strong" && ownHint !== "strong" && hasDecoyWords(text.label);
}

function scoreField(
  input: HTMLInputElement,
  text: FieldText,
  options: FindOtpFieldOptions,
  codeLength: number,
): number {
  let score = 0;
  if (autocompleteTokens(input).includes("one-time-code")) score += SCORE.autocomplete;
  score += hintScore(text);
  if ((input.getAttribute("inputmode") ?? "").toLowerCase() === "numeric") score += SCORE.numeric;
  if (input.type === "tel" || input.type === "number") score += SCORE.telOrNumber;
  if (input.maxLength === codeLength || (input.maxLength === 8 && codeLength === 6)) score += SCORE.maxLength;
  if (/\\d|\[0-9\]/.test(input.pattern) && /\{\s*[68]/.test(input.pattern)) score += SCORE.pattern;
  if (options.focused === input) score += SCORE.focused;
  return score;
}

function hintScore(text: FieldText): number {
  const own = hintIn(text.own);
  const label = hintIn(text.label);
  const context = hintIn(text.context);
  if (own === "strong") return SCORE.strongOwn;
  if (label === "strong") return SCORE.strongLabel;
  if (context === "strong") return SCORE.strongContext + (own === "weak" ? SCORE.weakContext : 0);
  if (own === "weak" || label === "weak") return SCORE.weakOwn;
  return context === "weak" ? SCORE.weakContext : 0;
}

/** Runs of one-character boxes that sit together in the page, exactly as many as the code has digits. */
function splitGroups(inputs: HTMLInputElement[], codeLength: number): HTMLInputElement[][] {
  const boxes = inputs.filter((input) => input.maxLength === 1);
  const groups: HTMLInputElement[][] = [];
  let current: HTMLInputElement[] = [];
  for (const box of boxes) {
    const previous = current[current.length - 1];
    if (previous && !(adjacentInDocument(previous, box, inputs) && closeRelatives(previous, box))) {
      groups.push(current);
      current = [];
    }
    current.push(box);
  }
  if (current.length > 0) groups.push(current);
  return groups.filter((group) => group.length === codeLength);
}

function adjacentInDocument(a: HTMLInputElement, b: HTMLInputElement, inputs: HTMLInputElement[]): boolean {
  return inputs.indexOf(b) === inputs.indexOf(a) + 1;
}

/** Both boxes within three levels of a common ancestor (boxes are often wrapped one per <div>). */
function closeRelatives(a: Element, b: Element): boolean {
  let ancestor: Element | null = a.parentElement;
  for (let level = 0; ancestor && level < 3; level++, ancestor = ancestor.parentElement) {
    if (ancestor.contains(b)) return true;
  }
  return false;
}

function scoreGroup(
  group: HTMLInputElement[],
  texts: Map<HTMLInputElement, FieldText>,
  focused: Element | null | undefined,
): number {
  let score = SCORE.splitBase;
  if (group.some((box) => autocompleteTokens(box).includes("one-time-code"))) score += SCORE.autocomplete;
  const container = group[0]?.parentElement?.closest("[role=group], fieldset, form, div") ?? null;
  const groupText: FieldText = {
    own: group.map((box) => texts.get(box)?.own ?? "").join(" "),
    label: `${group.map((box) => texts.get(box)?.label ?? "").join(" ")} ${container?.getAttribute("aria-label") ?? ""}`,
    context: texts.get(group[0]!)?.context ?? "",
  };
  score += hintScore(groupText);
  if (group.every((box) => (box.getAttribute("inputmode") ?? "").toLowerCase() === "numeric"))
    score += SCORE.numeric;
  if (focused && group.includes(focused as HTMLInputElement)) score += SCORE.focused;
  return score;
}
