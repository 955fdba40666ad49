// The top page after sign-in: KOSMO Web / 健康保険組合, the seven services and the notices.
import type { ComponentChildren, VNode } from "preact";
import type { Locale, MessageKey } from "../i18n";
import { Card, Section } from "./components";
import type { Translate } from "./layout";
import { type Around, fillAround, type RenderedHtml, renderAround, renderHtml } from "./rendered-html";

/** A notice as the top page shows it (the notices rows are already this shape, so the list read every few
 * seconds is rendered as it comes: see renderTopPage). */
export interface TopPageNotice {
  id: string;
  body: string;
  created_at: number;
}

export const services: readonly { slug: string; key: MessageKey }[] = [
  { slug: "medical", key: "service.medical" },
  { slug: "checkup", key: "service.checkup" },
  { slug: "application", key: "service.application" },
  { slug: "certificate", key: "service.certificate" },
  { slug: "health-check", key: "service.healthCheck" },
  { slug: "travel", key: "service.travel" },
  { slug: "eligibility", key: "service.eligibility" },
];

/**
 * Kept for the same figure as the page frame (views/layout.tsx; bench/RESULTS.md signed-in top page 7,545 req/s
 * against ≥ 10,000). The top page's content. Only the welcome line differs between members: the rest is rendered once per
 * language and list of notices (the list is re-read at most every few seconds, see db/notices.ts) and the
 * member's welcome line, rendered by Preact, goes into its slot.
 */
export function renderTopPage(props: {
  tr: Translate;
  locale: Locale;
  name: string;
  notices: readonly TopPageNotice[];
}): RenderedHtml {
  let byLocale = rendered.get(props.notices);
  if (!byLocale) {
    byLocale = new Map();
    rendered.set(props.notices, byLocale);
  }
  let around = byLocale.get(props.locale);
  if (!around) {
    around = renderAround((slot) => TopPageView({ ...props, welcome: slot }));
    byLocale.set(props.locale, around);
  }
  return fillAround(around, renderHtml(Welcome(props)));
}

const rendered = new WeakMap<readonly TopPageNotice[], Map<Locale, Around>>();

function Welcome(props: { tr: Translate; name: string }): VNode | null {
  return props.name ? <p class="welcome">{props.tr("top.welcome", { name: props.name })}</p> : null;
}

export function TopPageView(props: {
  tr: Translate;
  /** The welcome line (a member's name); see renderTopPage. */
  welcome: ComponentChildren;
  notices: readonly TopPageNotice[];
  locale: string;
}): VNode {
  const { tr } = props;
  return (
    <div class="top">
      <h1 id="page-title" class="top-title">
        {tr("app.name")} <span class="top-society">{tr("app.society")}</span>
      </h1>
      {props.welcome}
      <p class="security-link">
        <a href="/security">{tr("security.link")}</a>
      </p>
      <Section headingId="services-title" heading={tr("top.services")} class="card card-wide">
        <ul class="services">
          {services.map((service) => (
            <li key={service.slug}>
              <a href={`/services/${service.slug}`}>{tr(service.key)}</a>
            </li>
          ))}
        </ul>
      </Section>
      <Section headingId="notices-title" heading={tr("top.notices")} class="card card-wide">
        {props.notices.length === 0 ? (
          <p class="empty">{tr("top.noNotices")}</p>
        ) : (
          <ul class="notices">
            {props.notices.map((notice) => (
              <li key={notice.id}>
                <time dateTime={new Date(notice.created_at).toISOString()}>
                  {new Date(notice.created_at).toLocaleDateString(props.locale === "ja" ? "ja-JP" : "en-GB", {
                    timeZone: "Asia/Tokyo",
                  })}
                </time>
                <span>{notice.body}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

export function ServiceView(props: { tr: Translate; titleKey: MessageKey }): VNode {
  const { tr } = props;
  return (
    <Card title={tr(props.titleKey)} wide>
      <p>{tr("service.body")}</p>
      <p class="actions">
        <a class="button-link" href="/">
          {tr("common.toTop")}
        </a>
      </p>
    </Card>
  );
}
