// The top page and the seven service pages: members who passed both factors only.
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireFullSession } from "../auth/session";
import { noticesForTopPage } from "../db/notices";
import type { Deps } from "../deps";
import { renderPage, translator } from "../views/layout";
import { ServiceView, services, TopPageView } from "../views/top-page";

export function registerTopPageRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get("/", requireFullSession(), async (c) => {
    const tr = translator(c);
    const session = c.get("session");
    const notices = await noticesForTopPage(deps.db);
    return renderPage(
      c,
      tr("top.title"),
      TopPageView({ tr, name: session?.member.name ?? "", notices, locale: c.get("locale") }),
    );
  });

  app.get("/services/:slug", requireFullSession(), (c) => {
    const service = services.find((s) => s.slug === c.req.param("slug"));
    if (!service) return c.notFound();
    const tr = translator(c);
    return renderPage(c, tr(service.key), ServiceView({ tr, titleKey: service.key }));
  });
}
