// t(locale, key, params) and locale detection: the `lang` cookie set by the switcher, then Accept-Language,
// then Japanese.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { en } from "./en";
import { ja, type MessageKey } from "./ja";

export type { MessageKey };
export type Locale = "ja" | "en";
export const locales: readonly Locale[] = ["ja", "en"];
export const LANG_COOKIE = "lang";

const catalogues: Record<Locale, Record<MessageKey, string>> = { ja, en };

export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}

export function detectLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return {
        lang: tag.trim().toLowerCase().split("-")[0] ?? "",
        q: q ? Number(q.trim().slice(2)) || 0 : 1,
      };
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((entry) => isLocale(entry.lang));
  return first && isLocale(first.lang) ? first.lang : "ja";
}

export function localeMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("locale", detectLocale(getCookie(c, LANG_COOKIE), c.req.header("accept-language")));
    await next();
  };
}
