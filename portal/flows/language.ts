// The language switcher: /lang/ja or /lang/en sets the `lang` cookie and returns to the page.
import type { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { isLocale, LANG_COOKIE } from "../i18n";
import { safeLocalPath } from "./form";

export function registerLanguageRoutes(app: Hono<AppEnv>): void {
  app.get("/lang/:locale", (c) => {
    const locale = c.req.param("locale");
    if (!isLocale(locale)) return c.notFound();
    setCookie(c, LANG_COOKIE, locale, {
      path: "/",
      sameSite: "Lax",
      httpOnly: true,
      secure: c.get("deps").config.secureCookies,
      maxAge: 365 * 24 * 60 * 60,
    });
    return c.redirect(safeLocalPath(c.req.query("next")), 303);
  });
}
