// The top page's content is rendered once per language and list of notices with a slot for the welcome line:
// it must equal rendering the whole view for each member, every value escaped, and never show another
// member's name.
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { Notice } from "../../../../portal/db/schema";
import { type Locale, t } from "../../../../portal/i18n";
import { renderTopPage, TopPageView } from "../../../../portal/views/top-page";

const trFor = (locale: Locale) => (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
  t(locale, key, params);

function wholeView(locale: Locale, name: string, notices: readonly Notice[]): string {
  const tr = trFor(locale);
  const welcome = name ? <p class="welcome">{tr("top.welcome", { name })}</p> : null;
  return renderToString(<TopPageView tr={tr} welcome={welcome} notices={notices} locale={locale} />);
}

const noNotices: readonly Notice[] = [];
const someNotices: readonly Notice[] = [
  { id: "n-2", body: `<script>alert("n")</script> & 'x'`, created_at: Date.parse("2026-11-24T16:00:00Z") },
  { id: "n-1", body: "健康診断の予約受付を開始しました。", created_at: Date.parse("2026-11-01T00:00:00Z") },
];

describe("renderTopPage", () => {
  it("equals the whole view for every language, member and list of notices, cached or not", () => {
    for (const locale of ["ja", "en"] as const) {
      for (const notices of [noNotices, someNotices]) {
        for (const name of ["会員 太郎", `<b>"Bob" & 'Eve'</b>`, "Alice", ""]) {
          const html = renderTopPage({ tr: trFor(locale), locale, name, notices });
          expect(html).toBe(wholeView(locale, name, notices));
        }
      }
    }
  });

  it("escapes the member's name and shows only this member's", () => {
    const first = renderTopPage({
      tr: trFor("en"),
      locale: "en",
      name: "<i>Mallory</i>",
      notices: noNotices,
    });
    const second = renderTopPage({ tr: trFor("en"), locale: "en", name: "Bob", notices: noNotices });
    expect(first).toContain("&lt;i>Mallory&lt;/i>");
    expect(first).not.toContain("<i>");
    expect(second).toContain("Bob");
    expect(second).not.toContain("Mallory");
  });

  it("renders a new list of notices when the list changes", () => {
    const before = renderTopPage({ tr: trFor("ja"), locale: "ja", name: "A", notices: noNotices });
    const after = renderTopPage({ tr: trFor("ja"), locale: "ja", name: "A", notices: someNotices });
    expect(before).toContain(t("ja", "top.noNotices"));
    expect(after).toContain("健康診断の予約受付を開始しました。");
    expect(after).not.toContain(t("ja", "top.noNotices"));
  });
});
