// /dev/mail: the inbox of the embedded mail catcher. Registered only outside production and only when the
// catcher runs (no SMTP_URL).
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import type { Deps } from "../deps";
import { DevMailListView, DevMailMessageView } from "../views/dev-mail";
import { renderPage, translator } from "../views/layout";

export function registerDevMailRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const catcher = deps.catcher;
  if (!catcher || deps.config.isProduction) return;
  app.get("/dev/mail", (c) => {
    const tr = translator(c);
    return renderPage(c, tr("devMail.title"), DevMailListView({ tr, messages: catcher.messages() }));
  });
  app.get("/dev/mail/:id", (c) => {
    const mail = catcher.messages().find((m) => m.id === c.req.param("id"));
    if (!mail) return c.notFound();
    return renderPage(c, mail.subject, DevMailMessageView({ tr: translator(c), mail }));
  });
}
