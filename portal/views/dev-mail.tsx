// /dev/mail: the embedded catcher's inbox (development only). Links in the text are made clickable.
import type { VNode } from "preact";
import type { CaughtMail } from "../mail/catcher";
import type { Translate } from "./layout";

export function DevMailListView(props: { tr: Translate; messages: CaughtMail[] }): VNode {
  const { tr } = props;
  return (
    <section class="card card-wide" aria-labelledby="page-title">
      <h1 id="page-title">{tr("devMail.title")}</h1>
      <p class="field-hint">{tr("devMail.intro")}</p>
      {props.messages.length === 0 ? (
        <p class="empty">{tr("devMail.empty")}</p>
      ) : (
        <table class="mail-table">
          <thead>
            <tr>
              <th scope="col">{tr("devMail.receivedAt")}</th>
              <th scope="col">{tr("devMail.to")}</th>
              <th scope="col">{tr("devMail.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {props.messages.map((mail) => (
              <tr key={mail.id}>
                <td>{mail.receivedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{mail.to.join(", ")}</td>
                <td>
                  <a href={`/dev/mail/${mail.id}`}>{mail.subject || "(no subject)"}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DevMailMessageView(props: { tr: Translate; mail: CaughtMail }): VNode {
  const { tr, mail } = props;
  return (
    <section class="card card-wide" aria-labelledby="page-title">
      <h1 id="page-title">{mail.subject}</h1>
      <dl class="mail-meta">
        <dt>{tr("devMail.from")}</dt>
        <dd>{mail.from}</dd>
        <dt>{tr("devMail.to")}</dt>
        <dd>{mail.to.join(", ")}</dd>
        <dt>{tr("devMail.receivedAt")}</dt>
        <dd>{mail.receivedAt.toISOString()}</dd>
      </dl>
      <pre class="mail-body">{linkify(mail.text)}</pre>
      <p class="actions">
        <a href="/dev/mail">{tr("devMail.back")}</a>
      </p>
    </section>
  );
}

function linkify(text: string): (string | VNode)[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a href={part} key={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
