// HTML rendered by Preact, and parts of pages rendered once: what does not change between requests (the page
// frame, the top page's services and notices) is rendered with a slot marker where the per-request part goes,
// split there, and kept; each request renders only its own part with Preact and joins the pieces. Every value
// is still rendered and escaped by Preact — no user data is ever put into HTML by string concatenation.
import { randomUUID } from "node:crypto";
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** A string of HTML that Preact rendered (every value in it escaped). */
export type RenderedHtml = string & { readonly renderedByPreact: true };

/** The HTML before and after the slot of a part rendered once. */
export type Around = readonly [before: RenderedHtml, after: RenderedHtml];

// Random per process: no title, path, name or notice can contain it.
const SLOT = `kosmo-slot-${randomUUID()}`;

export function renderHtml(node: ComponentChildren): RenderedHtml {
  return renderToString(<>{node}</>) as RenderedHtml;
}

/** Renders `build(slot)` once and splits it where the slot's text landed (exactly once, or it throws). */
export function renderAround(build: (slot: string) => VNode): Around {
  const parts = renderToString(build(SLOT)).split(SLOT);
  if (parts.length !== 2) throw new Error("renderAround: the slot must appear exactly once");
  return [parts[0] as RenderedHtml, parts[1] as RenderedHtml];
}

/** `before` + the request's own part + `after`. */
export function fillAround([before, after]: Around, part: RenderedHtml): RenderedHtml {
  return `${before}${part}${after}` as RenderedHtml;
}
