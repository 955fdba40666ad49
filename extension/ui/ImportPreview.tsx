// The import preview (取り込む内容の確認): what the chosen file would add, replace and leave out, each entry
// named by its line or position and its names (never its key), with the reason an entry is left out. Nothing
// is written until the member presses 「取り込む」.

import { type MessageKey, t } from "../i18n";
import type { EntryRef, ImportPreviewResult, ImportSkip, PreviewEntry, SkipReason } from "../import/result";

type Preview = Extract<ImportPreviewResult, { status: "preview" }>;

/** Long lists are cut: the counts above them are always complete. */
const SHOWN_ENTRIES = 50;

export function entryName(ref: EntryRef): string {
  const where = ref.byLine ? t("importLine", ref.at) : t("importEntry", ref.at);
  const names = [ref.issuer, ref.label].filter(Boolean).join(" / ");
  return names ? `${where}: ${names}` : where;
}

export function formatName(format: Preview["format"], encrypted = false): string {
  const name = t(`importFormat_${format}`);
  return encrypted && format !== "kosmo" ? t("importEncrypted", name) : name;
}

const SKIP_MESSAGES: Record<SkipReason, MessageKey> = {
  "unsupported-type": "importSkip_unsupported_type",
  "bad-secret": "importSkip_bad_secret",
  "bad-digits": "importSkip_bad_digits",
  "bad-algorithm": "importSkip_bad_algorithm",
  "bad-period": "importSkip_bad_period",
  "bad-counter": "importSkip_bad_counter",
  unreadable: "importSkip_unreadable",
  "duplicate-in-vault": "importSkip_duplicate_in_vault",
  "duplicate-in-file": "importSkip_duplicate_in_file",
};

function skipText(skip: ImportSkip): string {
  return t(SKIP_MESSAGES[skip.reason], skip.found ?? "");
}

function EntryList<T extends EntryRef>({ entries, text }: { entries: T[]; text: (entry: T) => string }) {
  return (
    <ul class="import-entries">
      {entries.slice(0, SHOWN_ENTRIES).map((entry) => (
        <li key={`${entry.at}-${entry.issuer}-${entry.label}`}>{text(entry)}</li>
      ))}
      {entries.length > SHOWN_ENTRIES && <li>{t("importMore", entries.length - SHOWN_ENTRIES)}</li>}
    </ul>
  );
}

const typeSuffix = (entry: PreviewEntry) => (entry.type === "hotp" ? " (HOTP)" : "");

export function ImportPreview({
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: Preview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { added, replaced, skipped } = preview;
  const passkeys = preview.passkeys ?? [];
  const writes = added.length + replaced.length + passkeys.length > 0;
  return (
    <section class="import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title">{t("importPreviewTitle")}</h3>
      <p class="small">{t("importPreviewFormat", formatName(preview.format, preview.encrypted))}</p>
      <h4>{t("importPreviewAdd", added.length)}</h4>
      {added.length > 0 && <EntryList entries={added} text={(e) => entryName(e) + typeSuffix(e)} />}
      {replaced.length > 0 && (
        <>
          <h4>{t("importPreviewReplace", replaced.length)}</h4>
          <p class="small warning">{t("importPreviewReplaceNote")}</p>
          <EntryList entries={replaced} text={(e) => entryName(e) + typeSuffix(e)} />
        </>
      )}
      {skipped.length > 0 && (
        <>
          <h4>{t("importPreviewSkip", skipped.length)}</h4>
          <EntryList entries={skipped} text={(e) => `${entryName(e)} — ${skipText(e)}`} />
        </>
      )}
      {passkeys.length > 0 && (
        <>
          <h4>{t("importPreviewPasskeys", passkeys.length)}</h4>
          <ul class="import-entries">
            {passkeys.map((p) => (
              <li key={`${p.rpId}-${p.userName}`}>{`${p.rpId}: ${p.userName}`}</li>
            ))}
          </ul>
        </>
      )}
      {!writes && <p>{t("importPreviewNothing")}</p>}
      <div class="row">
        <button type="button" class="primary" disabled={!writes || busy} onClick={onConfirm}>
          {t("importConfirm")}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </section>
  );
}
