// The top page and the seven service pages: members who passed both factors only.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireFullSession } from "../auth/guards";
import { noticesForTopPage } from "../db/notices";
import { renderPage, renderPageHtml, translator } from "../views/layout";
import { renderTopPage, ServiceView, services } from "../views/top-page";

export function topPageRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/", requireFullSession(), async (c) => {
      const tr = translator(c);
      const notices = await noticesForTopPage(c.var.deps.db);
      const name = c.var.session.member.name;
      return renderPageHtml(c, tr("top.title"), renderTopPage({ tr, locale: c.var.locale, name, notices }));
    })
    .get("/services/:slug", requireFullSession(), (c) => {
      const service = services.find((s) => s.slug === c.req.param("slug"));
      if (!service) return c.notFound();
      const tr = translator(c);
      return renderPage(c, tr(service.key), ServiceView({ tr, titleKey: service.key }));
    });
}
