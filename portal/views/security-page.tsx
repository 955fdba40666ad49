// セキュリティ設定: the member's passkeys and OTP devices (rename, remove, add), the verification method,
// password change, active sessions and the security event log.
import type { ComponentChildren, VNode } from "preact";
import { isSecurityEventType } from "../auth/security-events";
import type { AuthMethod, SecurityEvent, SessionRow } from "../db/schema";
import type { Passkey, TotpDevice } from "../db/second-factor-schema";
import type { Locale } from "../i18n";
import { Alert, Card, Field } from "./components";
import { deviceLabel } from "./device-label";
import { NewPasswordForm } from "./first-login";
import type { Translate } from "./layout";

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
  passkeys: Passkey[];
  totpDevices: TotpDevice[];
  sessions: SessionRow[];
  currentSessionId: string;
  events: SecurityEvent[];
}

function formatTime(locale: Locale, ms: number | null, never: string): string {
  if (ms === null) return never;
  return new Date(Number(ms)).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" });
}

/** A table with column headers that scrolls inside the card on narrow screens. */
function ScrollTable(props: { class: string; headers: string[]; children: ComponentChildren }): VNode {
  return (
    <div class="table-scroll">
      <table class={props.class}>
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function FactorTable(props: {
  tr: Translate;
  locale: Locale;
  kind: "passkey" | "totp";
  rows: { id: string; name: string; created_at: number; last_used_at: number | null }[];
}): VNode {
  const { tr } = props;
  if (props.rows.length === 0) return <p>{tr("security.none")}</p>;
  return (
    <ScrollTable
      class={`factor-table factor-${props.kind}`}
      headers={[
        tr("security.colName"),
        tr("security.colCreated"),
        tr("security.colLastUsed"),
        tr("security.remove"),
      ]}
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
          <td>{formatTime(props.locale, row.created_at, "")}</td>
          <td>{formatTime(props.locale, row.last_used_at, tr("security.never"))}</td>
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

function eventLabel(tr: Translate, type: string): string {
  return isSecurityEventType(type) ? tr(`event.${type}`) : tr("event.other", { type });
}

export function SecurityPageView(props: SecurityPageProps): VNode {
  const { tr, locale } = props;
  return (
    <Card title={tr("security.title")} wide>
      {props.info && <Alert kind="success">{props.info}</Alert>}
      {props.error && <Alert kind="error">{props.error}</Alert>}

      <section aria-labelledby="method-title">
        <h2 id="method-title">{tr("security.method")}</h2>
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
      </section>

      <section aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{tr("security.passkeys")}</h2>
        <FactorTable tr={tr} locale={locale} kind="passkey" rows={props.passkeys} />
        <p>
          <a class="button-link" href="/security/passkeys/new">
            {tr("security.addPasskey")}
          </a>
        </p>
      </section>

      <section aria-labelledby="totp-title">
        <h2 id="totp-title">{tr("security.totpDevices")}</h2>
        <FactorTable tr={tr} locale={locale} kind="totp" rows={props.totpDevices} />
        <p>
          <a class="button-link" href="/security/totp/new">
            {tr("security.addTotp")}
          </a>
        </p>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{tr("security.passwordTitle")}</h2>
        {props.passwordError && <Alert kind="error">{props.passwordError}</Alert>}
        <NewPasswordForm
          tr={tr}
          action="/security/password"
          userId={props.userId}
          submitLabel={tr("security.passwordTitle")}
          rules={tr("password.rulesChange")}
          autofocus={false}
          before={
            <Field
              id="current-password"
              name="current_password"
              type="password"
              label={tr("security.currentPassword")}
              autocomplete="current-password"
              maxLength={1024}
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
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{tr("security.sessions")}</h2>
        <ScrollTable
          class="session-table"
          headers={[
            tr("security.sessionStarted"),
            tr("security.sessionSeen"),
            tr("security.sessionClient"),
            tr("security.signOut"),
          ]}
        >
          {props.sessions.map((session) => (
            <tr key={session.id}>
              <td>{formatTime(locale, session.created_at, "")}</td>
              <td>{formatTime(locale, session.last_seen_at, "")}</td>
              <td title={session.user_agent ?? undefined}>
                {(session.user_agent && deviceLabel(session.user_agent)) || "—"} / {session.ip ?? "—"}
              </td>
              <td>
                {session.id === props.currentSessionId ? (
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
        <form method="post" action="/security/sessions/end-others" class="inline-form">
          <button type="submit" class="button-secondary" id="end-other-sessions">
            {tr("security.signOutOthers")}
          </button>
        </form>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{tr("security.events")}</h2>
        <ScrollTable
          class="event-table"
          headers={[tr("security.eventAt"), tr("security.eventType"), tr("security.eventIp")]}
        >
          {props.events.map((event) => (
            <tr key={event.id}>
              <td>{formatTime(locale, event.created_at, "")}</td>
              <td>{eventLabel(tr, event.type)}</td>
              <td>{event.ip ?? "—"}</td>
            </tr>
          ))}
        </ScrollTable>
      </section>

      <p>
        <a href="/">{tr("common.toTop")}</a>
      </p>
    </Card>
  );
}
