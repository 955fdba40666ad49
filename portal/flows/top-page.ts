// The top page and the seven service pages: members who passed both factors only.
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireFullSession } from "../auth/session";
import { noticesForTopPage } from "../db/notices";
import type { Deps } from "../deps";
import { renderPage, renderPageHtml, translator } from "../views/layout";
import { renderTopPage, ServiceView, services } from "../views/top-page";

export function registerTopPageRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/", requireFullSession(), async (c) => {
    const tr = translator(c);
    const session = c.get("session");
    const notices = await noticesForTopPage(deps.db);
    const content = renderTopPage({ tr, locale: c.get("locale"), name: session?.member.name ?? "", notices });
    return renderPageHtml(c, tr("top.title"), content);
  });

  app.get("/services/:slug", requireFullSession(), (c) => {
    const service = services.find((s) => s.slug === c.req.param("slug"));
    if (!service) return c.notFound();
    const tr = translator(c);
    return renderPage(c, tr(service.key), ServiceView({ tr, titleKey: service.key }));
  });
}
