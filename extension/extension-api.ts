// WXT narrows `runtime.getURL` and `i18n.getMessage` to the paths and keys it generates into .wxt/ during
// `wxt prepare`; `tsc` runs before any build in `npm test`, so we call them through these untyped-path helpers.
import { browser } from "wxt/browser";

export function extensionUrl(path: string): string {
  return (browser.runtime as unknown as { getURL(path: string): string }).getURL(path);
}

export function browserMessage(key: string, substitutions: string[] = []): string {
  return (browser.i18n as unknown as { getMessage(key: string, subs: string[]): string }).getMessage(
    key,
    substitutions,
  );
}
