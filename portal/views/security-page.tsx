// セキュリティ設定: the member's passkeys and OTP devices (rename, remove, add), the verification method,
// password change, active sessions and the security event log.
import type { ComponentChildren, VNode } from "preact";
import type { AuthMethod } from "../auth/factors";
import { isSecurityEventType } from "../auth/security-events";
import type { Locale, MessageKey } from "../i18n";
import { Alert, Card, PasswordField, Section } from "./components";
import { deviceLabel } from "./device-label";
import { NewPasswordForm } from "./first-login";
import type { Translate } from "./layout";

/** A passkey or an app device as the page lists it. */
export interface FactorItem {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

type FactorKind = "passkey" | "totp";

/** A signed-in browser of the member. */
export interface SessionItem {
  id: string;
  startedAt: number;
  lastSeenAt: number;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** One line of the event log. */
export interface EventItem {
  id: string;
  type: string;
  at: number;
  ip: string | null;
}

export interface SecurityPageProps {
  tr: Translate;
  locale: Locale;
  info: string | null;
  error: string | null;
  passwordError: string | null;
  method: AuthMethod | null;
  methodLabels: Record<AuthMethod, string>;
  switchable: AuthMethod[];
  email: string | null;
  userId: string;
  passkeys: FactorItem[];
  totpDevices: FactorItem[];
  sessions: SessionItem[];
  events: EventItem[];
}

function formatTime(locale: Locale, ms: number | null, never: string): string {
  if (ms === null) return never;
  return new Date(Number(ms)).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" });
}

/** A table with column headers that scrolls inside the card on narrow screens. */
function ScrollTable(props: {
  tr: Translate;
  class: string;
  headers: MessageKey[];
  children: ComponentChildren;
}): VNode {
  return (
    <div class="table-scroll">
      <table class={props.class}>
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col" key={header}>
                {props.tr(header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** Each kind of second factor's section: its heading's id and text, and the link that adds one. */
const FACTOR_SECTIONS: Record<
  FactorKind,
  [headingId: string, heading: MessageKey, addLabel: MessageKey, addHref: string]
> = {
  passkey: ["passkeys-title", "security.passkeys", "security.addPasskey", "/security/passkeys/new"],
  totp: ["totp-title", "security.totpDevices", "security.addTotp", "/security/totp/new"],
};

function FactorSection(props: {
  tr: Translate;
  locale: Locale;
  kind: FactorKind;
  rows: FactorItem[];
}): VNode {
  const { tr } = props;
  const [headingId, heading, addLabel, addHref] = FACTOR_SECTIONS[props.kind];
  return (
    <Section headingId={headingId} heading={tr(heading)}>
      <FactorTable tr={tr} locale={props.locale} kind={props.kind} rows={props.rows} />
      <p>
        <a class="button-link" href={addHref}>
          {tr(addLabel)}
        </a>
      </p>
    </Section>
  );
}

function FactorTable(props: { tr: Translate; locale: Locale; kind: FactorKind; rows: FactorItem[] }): VNode {
  const { tr } = props;
  if (props.rows.length === 0) return <p>{tr("security.none")}</p>;
  return (
    <ScrollTable
      tr={tr}
      class={`factor-table factor-${props.kind}`}
      headers={["security.colName", "security.colCreated", "security.colLastUsed", "security.remove"]}
    >
      {props.rows.map((row) => (
        <tr key={row.id} data-factor-name={row.name}>
          <td>
            <form
              method="post"
              action={`/security/factors/${props.kind}/${row.id}/rename`}
              class="inline-form"
            >
              <label class="visually-hidden" for={`name-${row.id}`}>
                {tr("security.colName")}
              </label>
              <input
                id={`name-${row.id}`}
                name="name"
                type="text"
                value={row.name}
                maxLength={100}
                required
              />
              <button type="submit" class="button-secondary">
                {tr("security.rename")}
              </button>
            </form>
          </td>
          <td>{formatTime(props.locale, row.createdAt, "")}</td>
          <td>{formatTime(props.locale, row.lastUsedAt, tr("security.never"))}</td>
          <td>
            <form
              method="post"
              action={`/security/factors/${props.kind}/${row.id}/remove`}
              class="inline-form"
            >
              <button
                type="submit"
                class="button-danger"
                aria-label={`${tr("security.remove")}: ${row.name}`}
              >
                {tr("security.remove")}
              </button>
            </form>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function SessionTable(props: { tr: Translate; locale: Locale; sessions: SessionItem[] }): VNode {
  const { tr } = props;
  return (
    <ScrollTable
      tr={tr}
      class="session-table"
      headers={[
        "security.sessionStarted",
        "security.sessionSeen",
        "security.sessionClient",
        "security.signOut",
      ]}
    >
      {props.sessions.map((session) => (
        <tr key={session.id}>
          <td>{formatTime(props.locale, session.startedAt, "")}</td>
          <td>{formatTime(props.locale, session.lastSeenAt, "")}</td>
          <td title={session.userAgent ?? undefined}>
            {(session.userAgent && deviceLabel(session.userAgent)) || "—"} / {session.ip ?? "—"}
          </td>
          <td>
            {session.current ? (
              <strong>{tr("security.thisSession")}</strong>
            ) : (
              <form method="post" action={`/security/sessions/${session.id}/end`} class="inline-form">
                <button type="submit" class="button-secondary">
                  {tr("security.signOut")}
                </button>
              </form>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function eventLabel(tr: Translate, type: string): string {
  return isSecurityEventType(type) ? tr(`event.${type}`) : tr("event.other", { type });
}

function EventTable(props: { tr: Translate; locale: Locale; events: EventItem[] }): VNode {
  const { tr } = props;
  return (
    <ScrollTable
      tr={tr}
      class="event-table"
      headers={["security.eventAt", "security.eventType", "security.eventIp"]}
    >
      {props.events.map((event) => (
        <tr key={event.id}>
          <td>{formatTime(props.locale, event.at, "")}</td>
          <td>{eventLabel(tr, event.type)}</td>
          <td>{event.ip ?? "—"}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

export function SecurityPageView(props: SecurityPageProps): VNode {
  const { tr, locale } = props;
  return (
    <Card title={tr("security.title")} wide>
      {props.info && <Alert kind="success">{props.info}</Alert>}
      {props.error && <Alert kind="error">{props.error}</Alert>}

      <Section headingId="method-title" heading={tr("security.method")}>
        <p>
          {tr("security.methodCurrent", { method: props.method ? props.methodLabels[props.method] : "—" })}
        </p>
        <form method="post" action="/security/method" class="inline-form">
          <label for="method-select">{tr("security.methodSwitch")}</label>
          <select id="method-select" name="method">
            {props.switchable.map((method) => (
              <option key={method} value={method} selected={method === props.method}>
                {props.methodLabels[method]}
              </option>
            ))}
          </select>
          <button type="submit" class="button-secondary">
            {tr("security.methodSwitch")}
          </button>
        </form>
        <p class="field-hint">{tr("security.methodUnavailable")}</p>
        {props.email && props.method === "mail" && <p>{tr("security.mailFactor", { email: props.email })}</p>}
      </Section>

      <FactorSection tr={tr} locale={locale} kind="passkey" rows={props.passkeys} />

      <FactorSection tr={tr} locale={locale} kind="totp" rows={props.totpDevices} />

      <Section headingId="password-title" heading={tr("security.passwordTitle")}>
        {props.passwordError && <Alert kind="error">{props.passwordError}</Alert>}
        <NewPasswordForm
          tr={tr}
          action="/security/password"
          userId={props.userId}
          submitLabel={tr("security.passwordTitle")}
          rules={tr("password.rulesChange")}
          autofocus={false}
          before={
            <PasswordField
              id="current-password"
              name="current_password"
              label={tr("security.currentPassword")}
              purpose="current"
            />
          }
          after={
            <div class="field field-checkbox">
              {/* Checked: a new password ends the other sessions unless the member keeps them (issue 8). */}
              <input
                id="password-sign-out-others"
                name="sign_out_others"
                type="checkbox"
                value="on"
                checked
              />
              <label for="password-sign-out-others">{tr("totp.signOutOthers")}</label>
            </div>
          }
        />
      </Section>

      <Section headingId="sessions-title" heading={tr("security.sessions")}>
        <SessionTable tr={tr} locale={locale} sessions={props.sessions} />
        <form method="post" action="/security/sessions/end-others" class="inline-form">
          <button type="submit" class="button-secondary" id="end-other-sessions">
            {tr("security.signOutOthers")}
          </button>
        </form>
      </Section>

      <Section headingId="events-title" heading={tr("security.events")}>
        <EventTable tr={tr} locale={locale} events={props.events} />
      </Section>

      <p>
        <a href="/">{tr("common.toTop")}</a>
      </p>
    </Card>
  );
}
