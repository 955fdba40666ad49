// The recovery sheet (recovery-sheet.html): every account with its QR code and its key written out, to print
// and lock away. The accounts come once, by message, to the tab the background opened after the master password
// was typed again; a reload shows nothing, and neither does the page once the vault locks. The page keeps them
// in memory only and writes nothing anywhere.
import { useEffect, useState } from "preact/hooks";
import { formatOtpauthUri } from "../../shared/otpauth";
import { type Account, displayName } from "../accounts/account";
import { currentLanguage, loadLanguage, type MessageKey, t } from "../i18n";
import { type SheetDelivery, send } from "../messaging";
import { onSessionKeyCleared } from "../vault/session-key";
import { QrCode } from "./QrCode";

/** The key as people copy it by hand: groups of four characters. */
export function keyInGroups(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}

function AccountCard({ account }: { account: Account }) {
  /** Catalogue key of the term, and the value. */
  const rows: [MessageKey, string][] = [
    ["sheetIssuer", account.issuer || "—"],
    ["sheetLabel", account.label],
    ["sheetKey", keyInGroups(account.secret)],
    ["sheetAlgorithm", account.algorithm],
    ["sheetDigits", String(account.digits)],
    account.type === "hotp"
      ? ["sheetCounter", String(account.counter ?? 0)]
      : ["sheetPeriod", t("sheetSeconds", account.period)],
    ["sheetSite", account.origin ?? t("sheetNoSite")],
  ];
  return (
    <article class="sheet-account">
      <QrCode text={formatOtpauthUri(account)} label={displayName(account)} />
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} class={term === "sheetKey" ? "sheet-key" : undefined}>
            <dt>{t(term)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

export function RecoverySheet() {
  const [delivery, setDelivery] = useState<SheetDelivery | null>(null);

  useEffect(() => {
    void (async () => {
      const settings = await send({ type: "get-settings" });
      await loadLanguage(settings.language);
      document.documentElement.lang = currentLanguage();
      document.title = t("sheetTitle");
      setDelivery(await send({ type: "recovery-sheet" }));
    })();
    // Printed (or the print dialog closed): counts as a backup for the popup's reminder.
    const printed = () => void send({ type: "recovery-sheet-printed" });
    window.addEventListener("afterprint", printed);
    const stopWatching = onSessionKeyCleared(() => setDelivery({ expired: true }));
    return () => {
      window.removeEventListener("afterprint", printed);
      stopWatching();
    };
  }, []);

  if (!delivery) return <main class="sheet" aria-busy="true" />;
  if ("expired" in delivery) {
    return (
      <main class="sheet">
        <h1>{t("sheetTitle")}</h1>
        <p role="alert">{t("sheetExpired")}</p>
      </main>
    );
  }
  const date = new Intl.DateTimeFormat(currentLanguage() === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "long",
  }).format(new Date());
  return (
    <main class="sheet">
      <header class="sheet-heading">
        <h1>{t("sheetTitle")}</h1>
        <p class="sheet-date">{t("sheetDate", date)}</p>
        <p class="sheet-warning">{t("sheetWarning")}</p>
      </header>
      <div class="no-print sheet-actions">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t("sheetPrint")}
        </button>
        <p class="small">{t("sheetPrintNote", delivery.accounts.length)}</p>
      </div>
      {delivery.accounts.length === 0 && <p>{t("sheetEmpty")}</p>}
      {delivery.accounts.map((account) => (
        <AccountCard key={account.id} account={account} />
      ))}
      {delivery.passkeys && (
        <section class="sheet-passkeys">
          <h2>{t("sheetPasskeys")}</h2>
          <p class="small">{t("sheetPasskeysNote")}</p>
          <ul>
            {delivery.passkeys.map((p) => (
              <li key={`${p.rpId}-${p.userName}`}>{`${p.rpId}: ${p.userName}`}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
