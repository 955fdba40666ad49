// The popup's passkeys, under the one-time-code accounts: site, name and user name, last use; rename and
// delete; and 「このサイトでパスキーを使う」 for the page the popup was opened on.
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { currentLanguage, t } from "../i18n";
import { type PageInfo, type PasskeysResponse, send } from "../messaging";
import { type PasskeyInfo, passkeyName } from "../passkeys/passkey";
import { originPattern } from "../passkeys/site-pattern";

function lastUse(passkey: PasskeyInfo): string {
  if (!passkey.lastUsedAt) return t("passkeyNeverUsed");
  const when = new Date(passkey.lastUsedAt).toLocaleString(currentLanguage() === "ja" ? "ja-JP" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return t("passkeyLastUsed", when);
}

function PasskeyRow({
  passkey,
  onChange,
}: {
  passkey: PasskeyInfo;
  onChange: (r: PasskeysResponse) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(passkeyName(passkey));
  if (editing) {
    return (
      <li class="passkey-item">
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            onChange(await send({ type: "passkey-rename", id: passkey.id, label }));
            setEditing(false);
          }}
        >
          <label for={`passkey-label-${passkey.id}`}>{t("passkeyName")}</label>
          <input
            id={`passkey-label-${passkey.id}`}
            value={label}
            maxLength={200}
            onInput={(e) => setLabel(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {t("passkeySave")}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {t("cancel")}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li class="passkey-item" data-passkey-site={passkey.rpId}>
      <div class="passkey-site">{passkey.rpId}</div>
      <div class="passkey-name">
        {passkeyName(passkey)}
        {passkey.userName && passkey.userName !== passkeyName(passkey) ? (
          <span class="small"> ({passkey.userName})</span>
        ) : null}
      </div>
      <div class="small passkey-used">{lastUse(passkey)}</div>
      <div class="passkey-actions">
        <button type="button" class="link" onClick={() => setEditing(true)}>
          {t("passkeyRename")}
        </button>
        <button
          type="button"
          class="link danger"
          onClick={async () => {
            if (!confirm(t("passkeyDeleteConfirm", passkeyName(passkey)))) return;
            onChange(await send({ type: "passkey-delete", id: passkey.id }));
          }}
        >
          {t("passkeyDelete")}
        </button>
      </div>
    </li>
  );
}

interface Props {
  page: PageInfo;
  /** The list the popup's opening answered with (no second read of the vault); asked for when absent. */
  initial?: PasskeysResponse;
}

export function PasskeySection({ page, initial }: Props) {
  const [state, setState] = useState<PasskeysResponse | null>(initial ?? null);
  const [notice, setNotice] = useState("");

  const [fieldGranted, setFieldGranted] = useState(true);

  useEffect(() => {
    if (!initial) void send({ type: "passkey-list" }).then(setState);
    // Whether this site's sign-in field may show passkeys (its host permission; asked again below if not).
    if (page.origin) {
      const origins = [originPattern(page.origin)];
      void Promise.resolve()
        .then(() => browser.permissions.contains({ origins }))
        .then(setFieldGranted, () => {});
    }
  }, []);

  if (!state) return null;
  const passkeys = "passkeys" in state ? state.passkeys : [];
  const allowed = page.origin !== undefined && state.sites.includes(page.origin);

  /** The conditional-UI field's host permission for this site, asked within the click (a user gesture). */
  function requestField() {
    if (!page.origin) return;
    // Not awaited: the browser's prompt may stay open; the background registers the page script on a grant.
    void browser.permissions
      .request({ origins: [originPattern(page.origin)] })
      .then(setFieldGranted, () => {});
  }

  async function allow() {
    if (page.tabId === undefined) return;
    // The message first: the browser's permission prompt takes the focus and closes this popup, and a message
    // already sent still reaches the background. The prompt within the same click (a user gesture).
    const allowing = send({ type: "passkey-allow-site", tabId: page.tabId });
    requestField();
    const result = await allowing;
    setState({ ...state!, sites: result.sites });
    setNotice(result.allowed ? "" : t("passkeyAllowRefused"));
  }

  async function forget() {
    if (!page.origin) return;
    const result = await send({ type: "passkey-forget-site", origin: page.origin });
    setState({ ...state!, sites: result.sites });
  }

  return (
    <section class="passkeys" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t("passkeysHeading")}</h2>
      {page.tabId !== undefined && page.origin && !allowed && (
        <button type="button" id="passkey-allow-site" class="secondary" onClick={() => void allow()}>
          {t("passkeyAllowSite")}
        </button>
      )}
      {allowed && (
        <p class="small" id="passkey-site-allowed">
          {t("passkeyAllowed", page.origin ?? "")}{" "}
          <button type="button" class="link" onClick={() => void forget()}>
            {t("passkeyForgetSite")}
          </button>
          {!fieldGranted && (
            <>
              {" "}
              <button type="button" class="link" id="passkey-allow-field" onClick={requestField}>
                {t("passkeyAllowField")}
              </button>
            </>
          )}
        </p>
      )}
      {notice && <p class="notice">{notice}</p>}
      {passkeys.length > 0 && (
        <ul class="passkey-list">
          {passkeys.map((p) => (
            <PasskeyRow key={p.id} passkey={p} onChange={setState} />
          ))}
        </ul>
      )}
    </section>
  );
}
