import { describe, expect, it } from "vitest";
import { en } from "../../../../portal/i18n/en";
import { detectLocale, t } from "../../../../portal/i18n/index";
import { ja } from "../../../../portal/i18n/ja";

describe("message catalogues", () => {
  it("have the same keys and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, value] of [...Object.entries(ja), ...Object.entries(en)])
      expect(value, key).not.toBe("");
  });

  it("use the manual's wording on the sign-in and method screens", () => {
    expect([ja["login.userId"], ja["login.password"], ja["login.remember"], ja["login.submit"]]).toEqual([
      "ユーザID",
      "パスワード",
      "ログイン状態の保存",
      "ログイン",
    ]);
    expect([ja["method.passkey"], ja["method.totp"], ja["method.mail"]]).toEqual([
      "生体認証",
      "ワンタイムパスワード認証（アプリ）",
      "ワンタイムパスワード認証（メール）",
    ]);
    expect(ja["top.noNotices"]).toBe("お知らせはありません。");
  });

  it("fills parameters", () => {
    expect(t("ja", "email.cooldown", { seconds: 42 })).toBe("確認メールの再送信は、42秒後から行えます。");
    expect(t("en", "form.tooLong", { field: "Name", max: 10 })).toBe("Name must be at most 10 characters.");
  });

  it("picks the cookie, then Accept-Language, then Japanese", () => {
    expect(detectLocale("en", "ja")).toBe("en");
    expect(detectLocale(undefined, "en-US,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(detectLocale(undefined, "fr-FR,ja;q=0.5,en;q=0.4")).toBe("ja");
    expect(detectLocale(undefined, "de")).toBe("ja");
    expect(detectLocale("xx", undefined)).toBe("ja");
  });
});
