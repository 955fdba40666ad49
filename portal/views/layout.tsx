// The common page frame: header (KOSMO Web / 健康保険組合, language switcher, ログアウト when signed in),
// main content, stylesheet from /static. No inline script or style (the CSP forbids both).
import type { Context } from "hono";
import type { ComponentChildren, VNode } from "preact";
import type { AppEnv } from "../app-env";
import { type Locale, locales, type MessageKey, t } from "../i18n";
import { SignOutForm } from "./components";
import { type Around, fillAround, type RenderedHtml, renderAround, renderHtml } from "./rendered-html";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** Path + query of this page, for the language switcher to come back to. */
  currentPath: string;
  signedIn: boolean;
  /** Extra scripts from /static (e.g. the passkey ceremonies' passkey.js). */
  scripts?: string[];
  children: ComponentChildren;
}

export function Layout(props: LayoutProps): VNode {
  const tr: Translate = (key, params) => t(props.locale, key, params);
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${tr("app.name")}`}</title>
        <link rel="stylesheet" href="/static/portal.css" />
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={src} key={src} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {tr("app.skipToContent")}
        </a>
        <header class="site-header">
          <div class="brand">
            <span class="brand-name">{tr("app.name")}</span>
            <span class="brand-society">{tr("app.society")}</span>
          </div>
          <nav class="header-tools" aria-label={tr("lang.label")}>
            <ul class="lang-switch">
              {locales.map((locale) => (
                <li key={locale}>
                  {locale === props.locale ? (
                    <span aria-current="true">{tr(`lang.${locale}`)}</span>
                  ) : (
                    <a
                      href={`/lang/${locale}?next=${encodeURIComponent(props.currentPath)}`}
                      hreflang={locale}
                    >
                      {tr(`lang.${locale}`)}
                    </a>
                  )}
                </li>
              ))}
            </ul>
            {props.signedIn && (
              <SignOutForm class="logout-form" button="button-secondary" label={tr("common.logout")} />
            )}
          </nav>
        </header>
        <main id="main" class="content">
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Renders a full page for this request (locale, session and path come from the context). */
export function renderPage<E extends AppEnv>(
  c: Context<E>,
  title: string,
  body: ComponentChildren,
  options: PageOptions = {},
): Response {
  return renderPageHtml(c, title, renderHtml(body), options);
}

type PageOptions = { status?: 200 | 400 | 403 | 404 | 429 | 500 | 503; scripts?: string[] };

/** renderPage for content already rendered by Preact (a page that keeps parts of its content rendered). */
export function renderPageHtml<E extends AppEnv>(
  c: Context<E>,
  title: string,
  content: RenderedHtml,
  options: PageOptions = {},
): Response {
  const frame = frameFor({
    locale: c.get("locale") ?? "ja",
    title,
    currentPath: pagePath(c),
    signedIn: Boolean(c.get("session")),
    scripts: options.scripts ?? [],
  });
  return c.html(`<!doctype html>${fillAround(frame, content)}`, options.status ?? 200);
}

/**
 * Kept because the signed-in page misses its target (bench/RESULTS.md, "Portal under load": 7,545 req/s
 * against ≥ 10,000, 143 µs per in-process request, whose MISS note counts the frame rendered once among what
 * was already saved; commit 7203108 added it).
 * The frame around a page's content (head, header, language switcher) is the same for every request with the
 * same layout props — the top page's is the same for every member — so it is rendered once per distinct props
 * (see rendered-html.tsx). Bounded: a path with an odd query string costs one frame render, as before, and
 * cannot grow memory.
 */
const FRAME_CACHE_SIZE = 256;
const frames = new Map<string, Around>();

function frameFor(props: Omit<LayoutProps, "children">): Around {
  const key = JSON.stringify([props.locale, props.title, props.currentPath, props.signedIn, props.scripts]);
  const cached = frames.get(key);
  if (cached) return cached;
  const frame = renderAround((slot) => <Layout {...props}>{slot}</Layout>);
  if (frames.size >= FRAME_CACHE_SIZE) frames.delete(frames.keys().next().value!);
  frames.set(key, frame);
  return frame;
}

/** The translate function for the current request. */
export function translator<E extends AppEnv>(c: Context<E>): Translate {
  const locale = c.get("locale") ?? "ja";
  return (key, params) => t(locale, key, params);
}

/**
 * Where the language switcher returns to. A page answering a POST (a form with an error) has no GET at its
 * own URL, so it returns to the page the form was on (same-origin Referer), or the top.
 */
function pagePath<E extends AppEnv>(c: Context<E>): string {
  const url = new URL(c.req.url);
  if (c.req.method === "GET") return url.pathname + url.search;
  const referer = c.req.header("referer");
  if (!referer) return "/";
  try {
    const from = new URL(referer);
    return from.origin === url.origin ? from.pathname + from.search : "/";
  } catch {
    return "/";
  }
}
