// The one typed contract of messages between extension pages (popup, options, guide) and the background
// service worker — every request, every answer and every reason an answer can give — and a typed sender.
// Content scripts never receive secrets: only the fill script gets a code (its message is at the end).
import { browser } from "wxt/browser";
import type { OtpauthErrorCode } from "../shared/otpauth";
import type { OtpParameters } from "../shared/types";
import type { Account } from "./accounts/account";
import type { AddMode } from "./accounts/account-list";
import type { ReadyCodes } from "./accounts/ready-codes";
import type { ClockMeasurements } from "./clock/clock-skew";
import type { FieldFillFailure } from "./fill/fill-script";
import type { ImportDoneResult, ImportPreviewResult } from "./import/result";
import type { PasskeyInfo } from "./passkeys/passkey";
import type { ClipboardClearSeconds, Settings } from "./settings";

/** The vault's accounts after a read or a change; `locked` when the session key is gone. */
export type AccountsResponse = { accounts: Account[] } | { locked: true };

/** Why an add failed; otpauth parse errors reuse the codes of shared/otpauth.ts. */
export type AddErrorCode =
  | OtpauthErrorCode
  | "no-qr"
  | "capture-failed"
  | "image-unreadable"
  | "no-page"
  | "locked"
  | "vault-full";

export type AddResult =
  /** `accounts` is the vault's new list, so the popup does not ask for it again. */
  | { status: "added"; account: Account; tabId?: number; accounts: Account[] }
  | { status: "duplicate"; existing: Account; candidate: OtpParameters; origin?: string; tabId?: number }
  | { status: "error"; error: AddErrorCode; found?: string }
  /** A Google Authenticator export: `count` accounts (and `skipped` unusable ones), added by "import". */
  | { status: "migration"; text: string; count: number; skipped: number }
  | { status: "region-started" };

/** Why a code was not filled: the background's reasons, then the fill script's (fill/fill-script.ts). */
export type FillFailure = "locked" | "no-page" | "no-access" | FieldFillFailure;

export type FillResult =
  | { status: "filled"; kind?: "single" | "split" }
  /** Asked before filling: the account is bound to another site (accountOrigin), or to none yet. */
  | { status: "confirm"; accountOrigin?: string; pageOrigin: string }
  | { status: "failed"; reason: FillFailure };

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: "wrong-password" | "throttled"; waitMs: number };

export type ExportResult = { text: string } | { locked: true } | Exclude<UnlockResult, { ok: true }>;

/** Something that happened while the popup was closed (region scan, context menu), shown when it opens. */
export type Pending =
  | { kind: "add"; result: AddResult }
  | { kind: "choose-account"; tabId: number; origin?: string };

export interface PageInfo {
  tabId?: number;
  origin?: string;
}

/**
 * The accounts the popup's first frame can show, whichever page it opens on (accounts/origin-binding.ts), with
 * their current codes (accounts/ready-codes.ts) and how many accounts the vault holds. The whole list is a bigger
 * answer, which the browser takes longer to carry (45 KB for 200 accounts: 12–18 ms more than a small answer,
 * with the bench's popup probe): the popup asks for it (`list`) once that frame is painted.
 */
export interface FirstScreenful {
  accounts: Account[];
  codes: ReadyCodes;
  total: number;
}

/** Everything the popup needs from the worker to open, in one message: status and (if unlocked) the first accounts. */
export interface OpenResponse {
  hasVault: boolean;
  unlocked: boolean;
  settings: Settings;
  pending?: Pending;
  throttleMs: number;
  /** While unlocked. */
  firstScreenful?: FirstScreenful;
  /** The PC clock's offsets measured so far (clock/clock-skew.ts); the popup measures the page again. */
  clock: ClockMeasurements;
  /** What `passkey-list` answers, from the same read of the vault as the accounts. */
  passkeys: PasskeysResponse;
  /** What `backup-reminder` answers, while unlocked (a yes is recorded as shown); absent while locked. */
  reminder?: boolean;
}

export type Request =
  | { type: "open" }
  | { type: "create"; password: string }
  | { type: "unlock"; password: string }
  | { type: "lock" }
  | { type: "list" }
  | { type: "measure-clock"; tabId: number; origin: string }
  | { type: "scan-visible" }
  | { type: "scan-region" }
  | { type: "scan-image"; dataUrl: string }
  | { type: "add-uri"; text: string; mode: AddMode }
  | { type: "add-params"; params: OtpParameters; origin?: string; mode: AddMode; tabId?: number }
  | { type: "edit"; id: string; issuer: string; label: string }
  | { type: "move"; id: string; offset: -1 | 1 }
  | { type: "delete"; id: string }
  | { type: "restore"; account: Account; index: number }
  | { type: "set-origin"; id: string; origin?: string }
  | { type: "hotp-next"; id: string }
  /** The popup copied a code: the background clears the clipboard after the member's chosen delay. */
  | { type: "copied" }
  /** `bind`: the member chose to bind an unbound account to the page's site while confirming the fill. */
  | { type: "fill"; id: string; tabId: number; confirmed: boolean; bind?: boolean }
  | { type: "get-settings" }
  | { type: "set-settings"; settings: Settings }
  | { type: "change-password"; current: string; next: string }
  | { type: "reset"; typed: string }
  | { type: "export"; format: "encrypted" }
  /** The plain list: the master password is typed again and checked (throttled like unlock). */
  | { type: "export"; format: "otpauth"; password: string }
  /** `file`: the chosen file's bytes, base64. */
  | { type: "import-preview"; file: string; password?: string }
  | { type: "import-confirm"; id: string }
  /** The popup's Google Authenticator export, already counted and confirmed there. */
  | { type: "import"; text: string }
  | { type: "open-recovery-sheet"; password: string }
  | { type: "recovery-sheet" }
  | { type: "recovery-sheet-printed" }
  | { type: "backup-reminder" }
  | { type: "passkey-list" }
  | { type: "passkey-rename"; id: string; label: string }
  | { type: "passkey-delete"; id: string }
  /** 「このサイトでパスキーを使う」 for the popup's page (`tabId`, known through activeTab). */
  | { type: "passkey-allow-site"; tabId: number }
  | { type: "passkey-forget-site"; origin: string }
  /** The passkey window: what the site asks, then the member's answer. */
  | { type: "passkey-request"; requestId: number }
  | { type: "passkey-approve"; requestId: number; password?: string; passkeyId?: string }
  /** `toBrowser`: the member hands this site's requests to the browser's own authenticator. */
  | { type: "passkey-decline"; requestId: number; toBrowser: boolean }
  /** The inline menu under a site's passkey field (conditional UI): its tab's request, named by `token`. */
  | { type: "passkey-menu"; token: string }
  /** The member chose a passkey there (none: the vault is locked, the window asks first). */
  | { type: "passkey-menu-pick"; token: string; passkeyId?: string };

/** The vault's passkeys for the popup (no private keys), and the sites allowed to use them. */
export type PasskeysResponse =
  | { passkeys: PasskeyInfo[]; sites: string[] }
  | { locked: true; sites: string[] };

/** A site's WebAuthn request waiting in our window (background/passkey-requests.ts). */
export interface PasskeyRequestView {
  kind: "create" | "get";
  origin: string;
  rpId: string;
  /** create: the site's name and the account it registers. */
  rpName?: string;
  userName?: string;
  /** The master password must be typed (locked, or no recent unlock within the chosen window). */
  needsPassword: boolean;
  hasVault: boolean;
  /** A pick from the site's sign-in field (conditional UI): there is no browser request to hand over. */
  fromField?: boolean;
}

/** The inline menu's list: the site's passkeys (none shown while the vault is locked). */
export interface PasskeyMenuView {
  rpId: string;
  locked: boolean;
  passkeys: PasskeyInfo[];
}

/** What an approval led to; `choose`: several passkeys of the site, the member picks one. */
export type PasskeyApproval =
  | { status: "done" }
  | { status: "gone" }
  | { status: "needs-password" }
  | { status: "no-passkey" }
  | { status: "excluded" }
  | { status: "choose"; passkeys: PasskeyInfo[] }
  /** The master password was wrong or is throttled (as for unlock). */
  | { status: "refused"; reason: "wrong-password" | "throttled"; waitMs: number };

/** Opening the recovery sheet: the master password typed again, while unlocked. */
export type OpenSheetResult = UnlockResult | { ok: false; reason: "locked" };

/** The recovery sheet's one delivery of the accounts, or nothing (a reload, another tab, too late, locked). */
/** `passkeys`: the vault's passkeys by site and user only (their keys are never printed). */
export type SheetDelivery =
  | { accounts: Account[]; passkeys?: { rpId: string; userName: string }[] }
  | { expired: true };

export interface ResponseMap {
  open: OpenResponse;
  create: { ok: true };
  unlock: UnlockResult;
  lock: { ok: true };
  list: AccountsResponse;
  "measure-clock": ClockMeasurements;
  "scan-visible": AddResult;
  "scan-region": AddResult;
  "scan-image": AddResult;
  "add-uri": AddResult;
  "add-params": AddResult;
  edit: AccountsResponse;
  move: AccountsResponse;
  /** The deleted account and its place, for undo (absent when the id was not in the list). */
  delete: AccountsResponse & { removed?: { account: Account; index: number } };
  restore: AccountsResponse;
  "set-origin": AccountsResponse;
  "hotp-next": AccountsResponse;
  /** Seconds until the clipboard is cleared (0: never). */
  copied: { clearInSeconds: ClipboardClearSeconds };
  fill: FillResult;
  "get-settings": Settings;
  "set-settings": Settings;
  "change-password": UnlockResult;
  reset: { ok: boolean };
  export: ExportResult;
  "import-preview": ImportPreviewResult;
  "import-confirm": ImportDoneResult;
  import: ImportDoneResult;
  "open-recovery-sheet": OpenSheetResult;
  "recovery-sheet": SheetDelivery;
  "recovery-sheet-printed": { ok: true };
  /** Whether the popup shows the backup reminder now (it is shown once). */
  "backup-reminder": boolean;
  "passkey-list": PasskeysResponse;
  "passkey-rename": PasskeysResponse;
  "passkey-delete": PasskeysResponse;
  /** `allowed: false`: the page is not https (or http on localhost), so it cannot use passkeys. */
  "passkey-allow-site": { allowed: boolean; sites: string[] };
  "passkey-forget-site": { sites: string[] };
  /** Null: the request is gone (answered, cancelled by the site, timed out). */
  "passkey-request": PasskeyRequestView | null;
  "passkey-approve": PasskeyApproval;
  "passkey-decline": { ok: true };
  /** Null: no such request in that tab (answered, aborted, navigated away). */
  "passkey-menu": PasskeyMenuView | null;
  "passkey-menu-pick": { ok: boolean };
}

export type RequestOf<T extends Request["type"]> = Extract<Request, { type: T }>;

export function send<T extends Request["type"]>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  return browser.runtime.sendMessage(request) as Promise<ResponseMap[T]>;
}

// The background → offscreen document message (entrypoints/offscreen): overwrite the clipboard now.
export const CLEAR_CLIPBOARD_MESSAGE = "kosmo-clear-clipboard";
