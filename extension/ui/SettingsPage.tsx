// The settings page: auto-lock time, language, the fill shortcut (and where to change it), origin bindings,
// master password change, backup export, import from other authenticators and the reset that is the only way out of a forgotten password.
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { Account } from "../accounts/account";
import { currentLanguage, loadLanguage, type MessageKey, t } from "../i18n";
import { send } from "../messaging";
import {
  CLIPBOARD_CLEAR_CHOICES,
  type ClipboardClearSeconds,
  type Language,
  PASSKEY_UNLOCK_CHOICES,
  type PasskeyUnlockMinutes,
  type Settings,
} from "../settings";
import { AUTO_LOCK_CHOICES } from "../vault/auto-lock";
import { BackupSection } from "./BackupSection";
import { ImportSection } from "./ImportSection";
import { PasswordSection } from "./PasswordSection";

const CLIPBOARD_CLEAR_LABELS: Record<ClipboardClearSeconds, MessageKey> = {
  0: "clipboardClearNever",
  30: "clipboardClear30",
  60: "clipboardClear60",
  120: "clipboardClear120",
};

function shortcutsUrl(): string {
  return navigator.userAgent.includes("Edg/")
    ? "edge://extensions/shortcuts"
    : "chrome://extensions/shortcuts";
}

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [shortcut, setShortcut] = useState("");
  const [saved, setSaved] = useState("");

  async function load() {
    const current = await send({ type: "get-settings" });
    await loadLanguage(current.language);
    document.documentElement.lang = currentLanguage();
    document.title = t("settingsTitle");
    setSettings(current);
    const list = await send({ type: "list" });
    setAccounts("locked" in list ? null : list.accounts);
    const commands = await browser.commands.getAll();
    setShortcut(commands.find((c) => c.name === "fill-otp")?.shortcut ?? "");
  }

  useEffect(() => {
    void load();
  }, []);

  // The popup links to a section (#backup, #recovery-sheet), which exists only once the page has rendered.
  const loaded = settings !== null;
  useEffect(() => {
    if (loaded && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [loaded]);

  async function save(next: Settings) {
    setSettings(await send({ type: "set-settings", settings: next }));
    await loadLanguage(next.language);
    setSaved(t("saved"));
  }

  async function unbind(account: Account) {
    const list = await send({ type: "set-origin", id: account.id, origin: undefined });
    setAccounts("locked" in list ? null : list.accounts);
  }

  if (!settings) return <main class="page" aria-busy="true" />;
  const bound = accounts?.filter((a) => a.origin) ?? [];
  return (
    <main class="page">
      <h1>{t("settingsTitle")}</h1>
      <p role="status" class="small">
        {saved}
      </p>
      <section aria-labelledby="s-lock">
        <h2 id="s-lock">{t("autoLock")}</h2>
        <div class="row">
          <label for="auto-lock">{t("autoLockAfter")}</label>
          <select
            id="auto-lock"
            value={settings.autoLockMinutes}
            onChange={(e) => void save({ ...settings, autoLockMinutes: Number(e.currentTarget.value) })}
          >
            {AUTO_LOCK_CHOICES.map((m) => (
              <option key={m} value={m}>
                {t("minutes", m)}
              </option>
            ))}
          </select>
        </div>
        <p class="small">{t("autoLockNote")}</p>
      </section>
      <section aria-labelledby="s-clipboard">
        <h2 id="s-clipboard">{t("clipboardClear")}</h2>
        <select
          id="clipboard-clear"
          aria-labelledby="s-clipboard"
          aria-describedby="clipboard-clear-note"
          value={settings.clipboardClearSeconds}
          onChange={(e) =>
            void save({
              ...settings,
              clipboardClearSeconds: Number(e.currentTarget.value) as ClipboardClearSeconds,
            })
          }
        >
          {CLIPBOARD_CLEAR_CHOICES.map((seconds) => (
            <option key={seconds} value={seconds}>
              {t(CLIPBOARD_CLEAR_LABELS[seconds])}
            </option>
          ))}
        </select>
        <p id="clipboard-clear-note" class="small">
          {t("clipboardClearNote")}
        </p>
      </section>
      <section aria-labelledby="s-passkey-unlock">
        <h2 id="s-passkey-unlock">{t("passkeysHeading")}</h2>
        <label for="passkey-unlock">{t("passkeyUnlockLabel")}</label>
        <select
          id="passkey-unlock"
          value={settings.passkeyUnlockMinutes}
          onChange={(e) =>
            void save({
              ...settings,
              passkeyUnlockMinutes: Number(e.currentTarget.value) as PasskeyUnlockMinutes,
            })
          }
        >
          {PASSKEY_UNLOCK_CHOICES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes === 0 ? t("passkeyUnlockNever") : t("passkeyUnlockMinutes", minutes)}
            </option>
          ))}
        </select>
        <p class="small">{t("passkeyUnlockNote")}</p>
      </section>
      <section aria-labelledby="s-lang">
        <h2 id="s-lang">{t("language")}</h2>
        <select
          id="language"
          aria-labelledby="s-lang"
          value={settings.language}
          onChange={(e) => void save({ ...settings, language: e.currentTarget.value as Language })}
        >
          <option value="auto">{t("languageAuto")}</option>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </section>
      <section aria-labelledby="s-key">
        <h2 id="s-key">{t("shortcut")}</h2>
        <p>{shortcut ? t("shortcutCurrent", shortcut) : t("shortcutNone")}</p>
        <p class="small">{t("shortcutWhere", shortcutsUrl())}</p>
        <button
          type="button"
          class="secondary"
          onClick={() => void browser.tabs.create({ url: shortcutsUrl() })}
        >
          {t("shortcutOpen")}
        </button>
      </section>
      <section aria-labelledby="s-origins">
        <h2 id="s-origins">{t("originBindings")}</h2>
        <p class="small">{t("originBindingsNote")}</p>
        {accounts === null && <p>{t("unlockToSee")}</p>}
        {accounts !== null && bound.length === 0 && <p>{t("noBindings")}</p>}
        {bound.length > 0 && (
          <table>
            <tbody>
              {bound.map((a) => (
                <tr key={a.id}>
                  <td>{a.issuer || a.label}</td>
                  <td>{a.label}</td>
                  <td>{a.origin}</td>
                  <td>
                    <button type="button" class="link" onClick={() => void unbind(a)}>
                      {t("unbind")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <PasswordSection unlocked={accounts !== null} />
      <ImportSection unlocked={accounts !== null} onImported={() => void load()} />
      <BackupSection unlocked={accounts !== null} onReset={() => void load()} />
    </main>
  );
}
