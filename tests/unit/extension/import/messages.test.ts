// Every format, skip reason and refusal an import can answer has its message in both catalogues (the UI builds
// the keys from the reason), and the messages that state a limit carry it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IMPORT_FORMATS, IMPORT_REFUSALS, SKIP_REASONS } from "../../../../extension/import/result";

const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`extension/public/_locales/${lang}/messages.json`, "utf8")) as Record<
    string,
    { message: string }
  >;
const key = (prefix: string, reason: string) => `${prefix}${reason.replace(/-/g, "_")}`;

describe.each(["ja", "en"])("import messages (%s)", (lang) => {
  const messages = catalogue(lang);
  it("name every format, skip reason and refusal", () => {
    const keys = [
      ...IMPORT_FORMATS.map((f) => `importFormat_${f}`),
      ...SKIP_REASONS.map((r) => key("importSkip_", r)),
      ...IMPORT_REFUSALS.map((r) => key("importError_", r)),
      "importPreviewTitle",
      "importConfirm",
    ];
    expect(keys.filter((k) => !messages[k]?.message)).toEqual([]);
  });

  it("state the 1,000-account limits", () => {
    expect(messages.importError_too_many_accounts?.message).toContain("$1");
    expect(messages.importError_vault_full?.message).toContain("$1");
    expect(messages.importNote?.message).toContain("1,000");
  });
});

it("names the confirm button 「取り込む」", () => {
  expect(catalogue("ja").importConfirm?.message).toBe("取り込む");
});
