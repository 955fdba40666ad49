// The passkey window: names the site (rpId and the page's origin) and the account, asks for the master
// password unless it was typed within the member's recent-unlock window, and answers the site. The member
// may cancel, or hand the site to the browser's own authenticator.
import { useEffect, useState } from "preact/hooks";
import { loadLanguage, t } from "../i18n";
import { type PasskeyApproval, type PasskeyRequestView, send } from "../messaging";
import type { PasskeyInfo } from "../passkeys/passkey";
import { passkeyName } from "../passkeys/passkey";
import { MasterPasswordField, passwordRefusalText } from "./MasterPasswordField";

type Shown = "request" | "excluded" | "no-passkey" | "gone" | "to-browser";

export function PasskeyWindow({ requestId }: { requestId: number }) {
  const [view, setView] = useState<PasskeyRequestView | null | undefined>(undefined);
  const [shown, setShown] = useState<Shown>("request");
  const [password, setPassword] = useState("");
  const [choices, setChoices] = useState<PasskeyInfo[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void (async () => {
      const settings = await send({ type: "get-settings" });
      await loadLanguage(settings.language);
      document.documentElement.lang = t("localeCode");
      const answer = await send({ type: "passkey-request", requestId });
      setView(answer);
      if (!answer) setShown("gone");
      else document.title = t(answer.kind === "create" ? "passkeyCreateTitle" : "passkeyGetTitle");
    })();
  }, []);

  function show(result: PasskeyApproval) {
    if (result.status === "done") return window.close();
    if (result.status === "choose") return setChoices(result.passkeys);
    if (result.status === "refused") {
      setPassword("");
      return setError(passwordRefusalText(result.reason, result.waitMs));
    }
    if (result.status === "needs-password") return setView(view && { ...view, needsPassword: true });
    setShown(result.status);
  }

  async function approve(passkeyId?: string) {
    setBusy(true);
    setError("");
    const typed = view?.needsPassword && choices.length === 0 ? password : undefined;
    show(await send({ type: "passkey-approve", requestId, password: typed, passkeyId }));
    setBusy(false);
  }

  async function decline(toBrowser: boolean) {
    await send({ type: "passkey-decline", requestId, toBrowser });
    if (toBrowser) setShown("to-browser");
    else window.close();
  }

  if (view === undefined) return <main class="popup" aria-busy="true" />;
  const message = {
    excluded: t("passkeyExcluded"),
    "no-passkey": t("passkeyNone"),
    gone: t("passkeyGone"),
    "to-browser": t("passkeyUseBrowserDone"),
  } as const;
  if (shown !== "request" || !view) {
    return (
      <main class="popup passkey-window">
        <p class="notice" role="alert" id="passkey-message">
          {message[shown === "request" ? "gone" : shown]}
        </p>
        <button
          type="button"
          class="primary"
          onClick={() => (shown === "no-passkey" ? decline(false) : window.close())}
        >
          {t("close")}
        </button>
        {shown === "no-passkey" && (
          <button type="button" class="link" id="passkey-browser" onClick={() => decline(true)}>
            {t("passkeyUseBrowser")}
          </button>
        )}
      </main>
    );
  }
  const creating = view.kind === "create";
  return (
    <main class="popup passkey-window">
      <form
        class="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void approve();
        }}
      >
        <h1>{t(creating ? "passkeyCreateTitle" : "passkeyGetTitle")}</h1>
        <dl class="passkey-facts">
          <dt>{t("passkeySite")}</dt>
          <dd id="passkey-rp">
            {view.rpName && view.rpName !== view.rpId ? `${view.rpName} (${view.rpId})` : view.rpId}
          </dd>
          <dt>{t("passkeyPage")}</dt>
          <dd id="passkey-origin">{view.origin}</dd>
          {creating && (
            <>
              <dt>{t("passkeyAccount")}</dt>
              <dd id="passkey-user">{view.userName}</dd>
            </>
          )}
        </dl>
        {!view.hasVault && <p class="error">{t("passkeyNoVault")}</p>}
        {choices.length > 0 ? (
          <fieldset class="passkey-choices">
            <legend>{t("passkeyChoose")}</legend>
            {choices.map((p) => (
              <button
                type="button"
                key={p.id}
                class="secondary"
                disabled={busy}
                onClick={() => void approve(p.id)}
              >
                {passkeyName(p)} <span class="small">{p.userName}</span>
              </button>
            ))}
          </fieldset>
        ) : view.needsPassword ? (
          <>
            <p class="small">{t("passkeyPasswordHint")}</p>
            <MasterPasswordField id="passkey-password" value={password} onInput={setPassword} />
          </>
        ) : (
          <p class="small">{t("passkeyRecentUnlock")}</p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {choices.length === 0 && (
          <button
            type="submit"
            id="passkey-approve"
            class="primary"
            disabled={busy || !view.hasVault || (view.needsPassword && !password)}
          >
            {busy ? t("working") : t(creating ? "passkeyCreateButton" : "passkeyGetButton")}
          </button>
        )}
        <button type="button" id="passkey-cancel" onClick={() => void decline(false)}>
          {t("cancel")}
        </button>
        {!view.fromField && (
          <button type="button" class="link" id="passkey-browser" onClick={() => void decline(true)}>
            {t("passkeyUseBrowser")}
          </button>
        )}
      </form>
    </main>
  );
}
