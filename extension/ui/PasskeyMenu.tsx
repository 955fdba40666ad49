// The inline menu under a site's passkey field (the relay's iframe; the page cannot read it): the site's
// passkeys by name and user name. Choosing one opens the passkey window, which asks for the approval
// exactly as for パスキーでログイン (the master password, or a recent unlock).
import { useEffect, useState } from "preact/hooks";
import { currentLanguage, loadLanguage, t } from "../i18n";
import { type PasskeyMenuView, send } from "../messaging";
import { passkeyName } from "../passkeys/passkey";

export function PasskeyMenu({ token }: { token: string }) {
  const [view, setView] = useState<PasskeyMenuView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Both questions at once: the menu should appear as soon as the field is clicked.
    void Promise.all([send({ type: "get-settings" }), send({ type: "passkey-menu", token })]).then(
      async ([settings, menu]) => {
        await loadLanguage(settings.language);
        document.documentElement.lang = currentLanguage();
        setView(menu);
      },
    );
  }, []);

  async function pick(passkeyId?: string) {
    setBusy(true);
    await send({ type: "passkey-menu-pick", token, ...(passkeyId ? { passkeyId } : {}) });
    setBusy(false);
  }

  if (!view) return <main class="passkey-menu" aria-busy={view === undefined} />;
  return (
    <main class="passkey-menu">
      <h1>{t("passkeyMenuHeading")}</h1>
      {view.locked ? (
        <button type="button" class="passkey-menu-item" disabled={busy} onClick={() => void pick()}>
          {t("passkeyMenuLocked")}
        </button>
      ) : view.passkeys.length === 0 ? (
        <p class="small" id="passkey-menu-none">
          {t("passkeyMenuNone")}
        </p>
      ) : (
        <ul>
          {view.passkeys.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="passkey-menu-item"
                data-passkey-id={p.id}
                disabled={busy}
                onClick={() => void pick(p.id)}
              >
                <span class="passkey-menu-user">{p.userName}</span>
                {passkeyName(p) !== p.userName && <span class="small"> {passkeyName(p)}</span>}
                <span class="small passkey-menu-site">{view.rpId}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
