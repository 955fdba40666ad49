// The error page: every refusal that is not a form's own message (not found, CSRF, body too large, server
// error, a used link, a dead end) is this one page with its message and, where useful, a way on.
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { MessageKey } from "../i18n";
import { renderPage, translator } from "./layout";
import { MessageView } from "./message-page";

export function renderErrorPage<E extends AppEnv>(
  c: Context<E>,
  options: {
    message: MessageKey;
    status: 400 | 403 | 404 | 500 | 503;
    /** The page's title and heading; "エラー" by default. */
    title?: MessageKey;
    /** A link on, e.g. back to the sign-in; an error box without one. */
    link?: { href: string; label: MessageKey };
    /** The box's look when there is a link: not-found pages show it as information. */
    kind?: "error" | "info";
  },
): Response {
  const tr = translator(c);
  const title = tr(options.title ?? "common.errorTitle");
  const view = MessageView({
    title,
    message: tr(options.message),
    kind: options.kind ?? "error",
    ...(options.link ? { link: { href: options.link.href, label: tr(options.link.label) } } : {}),
  });
  return renderPage(c, title, view, { status: options.status });
}
