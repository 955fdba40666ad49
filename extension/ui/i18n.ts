// Every visible string comes from _locales/<lang>/messages.json. By default the browser's UI language picks
// the catalogue (browser.i18n); the settings page can force ja or en, in which case we load that catalogue.
import { browser } from "wxt/browser";
import type { Language } from "../settings";

/** A key of the _locales catalogues, as `wxt prepare` generates them into .wxt/. */
type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

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
export function t(key: string, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  // Some keys are built from reasons (`addError_${reason}`), so `key` is any string; one the catalogue
  // lacks comes back empty from the browser and shows itself.
  if (!forced) return browser.i18n.getMessage(key as MessageKey, subs) || key;
  const template = forced[key]?.message ?? key;
  return template.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? "");
}
