// /dev/mail: the inbox of the embedded mail catcher. Mounted by app.ts only outside production and only when
// the catcher runs (no SMTP_URL).
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { DevMailListView, DevMailMessageView } from "../views/dev-mail";
import { renderPage, translator } from "../views/layout";

export function devMailRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/", (c) => {
      const tr = translator(c);
      const messages = c.var.deps.catcher?.messages() ?? [];
      return renderPage(c, tr("devMail.title"), DevMailListView({ tr, messages }));
    })
    .get("/:id", (c) => {
      const mail = c.var.deps.catcher?.messages().find((m) => m.id === c.req.param("id"));
      if (!mail) return c.notFound();
      return renderPage(c, mail.subject, DevMailMessageView({ tr: translator(c), mail }));
    });
}
