// Every visible string comes from _locales/<lang>/messages.json. By default the browser's UI language picks
// the catalogue (browser.i18n); the settings page can force ja or en, in which case we load that catalogue.
// Used by the pages and by the background (the region overlay's texts), so it lives beside them, not in ui/.
import { browser } from "wxt/browser";
import type { Language } from "./settings";

/** Every key of the Japanese catalogue (the default locale): a key that is not there does not compile. */
export type MessageKey = keyof typeof import("./public/_locales/ja/messages.json");

type Catalogue = Record<string, { message: string }>;
let forced: Catalogue | null = null;
let current: "ja" | "en" = "ja";

export async function loadLanguage(language: Language): Promise<void> {
  // "localeCode" tells which catalogue the browser chose for its UI language.
  current = language === "auto" ? (browser.i18n.getMessage("localeCode") === "en" ? "en" : "ja") : language;
  if (language === "auto") {
    forced = null;
    return;
  }
  const response = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json`));
  forced = (await response.json()) as Catalogue;
}

export function currentLanguage(): "ja" | "en" {
  return current;
}

/** The message for `key`, with $1, $2 … replaced by `substitutions`. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  if (!forced) return browser.i18n.getMessage(key, subs) || key;
  const template = forced[key]?.message ?? key;
  return template.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? "");
}
