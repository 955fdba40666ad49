// The language switcher: /lang/ja or /lang/en sets the `lang` cookie and returns to the page.
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { safeLocalPath } from "../form";
import { isLocale, LANG_COOKIE } from "../i18n";

export function languageRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/:locale", (c) => {
    const locale = c.req.param("locale");
    if (!isLocale(locale)) return c.notFound();
    setCookie(c, LANG_COOKIE, locale, {
      path: "/",
      sameSite: "Lax",
      httpOnly: true,
      secure: c.var.deps.config.secureCookies,
      maxAge: 365 * 24 * 60 * 60,
    });
    return c.redirect(safeLocalPath(c.req.query("next")), 303);
  });
}
