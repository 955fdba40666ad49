// renderPage keeps the rendered frame (head, header, language switcher) per distinct layout props and renders
// only the content per request: the page must be exactly what rendering the whole Layout gives, every value
// escaped, for every locale, path, title and sign-in state — also on the second (cached) render.
import { Hono } from "hono";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { AppEnv, CurrentSession } from "../../../../portal/app-env";
import type { Locale } from "../../../../portal/i18n";
import { Layout, renderPage } from "../../../../portal/views/layout";

interface Case {
  locale: Locale;
  title: string;
  path: string;
  signedIn: boolean;
  scripts?: string[];
  text: string;
}

function appFor(testCase: Case): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("locale", testCase.locale);
    c.set("session", testCase.signedIn ? ({ id: "s" } as CurrentSession) : null);
    await next();
  });
  app.get("*", (c) =>
    renderPage(c, testCase.title, <p class="text">{testCase.text}</p>, { scripts: testCase.scripts }),
  );
  return app;
}

function wholeLayout(testCase: Case, currentPath: string): string {
  const html = renderToString(
    <Layout
      locale={testCase.locale}
      title={testCase.title}
      currentPath={currentPath}
      signedIn={testCase.signedIn}
      scripts={testCase.scripts ?? []}
    >
      <p class="text">{testCase.text}</p>
    </Layout>,
  );
  return `<!doctype html>${html}`;
}

const cases: Case[] = [
  { locale: "ja", title: "トップ", path: "/", signedIn: true, text: "ようこそ" },
  { locale: "en", title: "Top", path: "/", signedIn: true, text: "Welcome" },
  { locale: "ja", title: "ログイン", path: "/login", signedIn: false, text: "x", scripts: ["/static/a.js"] },
  {
    locale: "en",
    title: `<script>alert("t")</script> & '`,
    path: `/services/x?next=<b>"&amp;'`,
    signedIn: false,
    text: `</main><script>alert(1)</script>&amp;"'`,
  },
];

describe("renderPage", () => {
  it("gives exactly the whole Layout's HTML, first and cached render alike", async () => {
    for (const testCase of cases) {
      const app = appFor(testCase);
      const url = new URL(testCase.path, "http://localhost");
      const expected = wholeLayout(testCase, url.pathname + url.search);
      for (let i = 0; i < 2; i++) {
        const response = await app.fetch(new Request(url));
        expect(await response.text()).toBe(expected);
      }
    }
  });

  it("escapes the content of each request, never reusing another request's content", async () => {
    const first = { ...cases[0]!, text: "<b>one</b>" };
    const second = { ...cases[0]!, text: "two & three" };
    const one = await (await appFor(first).fetch(new Request("http://localhost/"))).text();
    const two = await (await appFor(second).fetch(new Request("http://localhost/"))).text();
    expect(one).toContain('<p class="text">&lt;b>one&lt;/b></p>');
    expect(one).not.toContain("two");
    expect(two).toContain('<p class="text">two &amp; three</p>');
  });

  it("keeps the language switcher's return path per request", async () => {
    const app = appFor(cases[1]!);
    const atTop = await (await app.fetch(new Request("http://localhost/"))).text();
    const atSecurity = await (await app.fetch(new Request("http://localhost/security?x=1"))).text();
    expect(atTop).toContain('href="/lang/ja?next=%2F"');
    expect(atSecurity).toContain('href="/lang/ja?next=%2Fsecurity%3Fx%3D1"');
  });
});
