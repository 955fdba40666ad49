// Words that mark a one-time-code field, and words that mark fields we must never fill (decoys), in Japanese
// and English. Collected from the manual's screens and from how other authenticators detect OTP fields
// (../shared/research/extension-anchors.md §3–4). Kept apart from the scoring so both can be read at a glance.

/** Whole tokens (after splitting names like `otp_code`, `mfaCode`, `two-factor`) that mean "one-time code". */
export const STRONG_TOKENS = new Set([
  "otp",
  "totp",
  "hotp",
  "2fa",
  "mfa",
  "tfa",
  "2sv",
  "otc",
  "onetime",
  "passcode",
]);

/** Substrings of the compacted text (lower case, separators removed) that mean "one-time code". */
export const STRONG_COMPACT = [
  "onetimecode",
  "onetimepassword",
  "onetimepin",
  "onetime",
  "twofactor",
  "secondfactor",
  "twostep",
  "2step",
  "multifactor",
  "verificationcode",
  "verifycode",
  "authcode",
  "authenticationcode",
  "authenticatorcode",
  "authenticator",
  "securitycode",
  "smscode",
  "totpcode",
  "otpcode",
  "mfacode",
  "approvalscode",
];

/** Japanese phrases that mean "one-time code" (full-width forms are folded to half-width before matching). */
export const STRONG_JA = [
  "ワンタイム",
  "認証コード",
  "確認コード",
  "セキュリティコード",
  "検証コード",
  "認証番号",
  "確認番号",
  "ワンタイムパスワード",
  "二段階認証",
  "2段階認証",
  "二要素認証",
  "2要素認証",
  "多要素認証",
  "パスコード",
  "認証アプリ",
];

/** Weaker evidence: a "code" or "PIN" field, or a mention of the number of digits. */
export const WEAK_TOKENS = new Set(["code", "pin", "token", "verification", "verify", "digit", "digits"]);
export const WEAK_JA = ["コード", "桁", "暗証"];

/** Tokens of fields that hold something else: never fill them. */
export const DECOY_TOKENS = new Set([
  "search",
  "query",
  "q",
  "email",
  "mail",
  "user",
  "username",
  "userid",
  "login",
  "phone",
  "tel",
  "mobile",
  "card",
  "cc",
  "cvc",
  "cvv",
  "csc",
  "coupon",
  "promo",
  "voucher",
  "zip",
  "postal",
  "postcode",
  "address",
  "captcha",
  "newsletter",
  "comment",
  "firstname",
  "lastname",
  "birthday",
  "amount",
  "quantity",
  "qty",
]);
export const DECOY_JA = [
  "検索",
  "メールアドレス",
  "ユーザー",
  "ユーザ名",
  "会員ID",
  "電話",
  "携帯番号",
  "カード番号",
  "有効期限",
  "クーポン",
  "郵便番号",
  "住所",
  "画像認証",
  "表示されている文字",
  "氏名",
  "生年月日",
  "数量",
];

/** Input types that never hold a typed one-time code. */
export const NON_CODE_TYPES = new Set([
  "email",
  "search",
  "url",
  "date",
  "datetime-local",
  "month",
  "week",
  "time",
  "color",
  "range",
  "file",
  "checkbox",
  "radio",
  "submit",
  "button",
  "image",
  "reset",
  "hidden",
]);

/** autocomplete tokens of other data (anything cc-* counts too). */
export const DECOY_AUTOCOMPLETE = new Set([
  "username",
  "email",
  "current-password",
  "new-password",
  "tel",
  "tel-national",
  "tel-local",
  "name",
  "given-name",
  "family-name",
  "nickname",
  "organization",
  "street-address",
  "address-line1",
  "address-line2",
  "postal-code",
  "country",
  "bday",
  "transaction-amount",
]);
