// The one typed union of messages between extension pages (popup, options, guide) and the background
// service worker, and a typed sender. Content scripts never receive secrets: only the fill script gets a code.
import { browser } from "wxt/browser";
import type { OtpauthErrorCode } from "../shared/otpauth";
import type { OtpParameters } from "../shared/types";
import type { Account } from "./accounts/account";
import type { AddMode } from "./accounts/account-list";
import type { ClockMeasurements } from "./clock/clock-skew";
import type { ImportDoneResult, ImportPreviewResult } from "./import/result";
import type { Settings } from "./settings";

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
  | { status: "added"; account: Account; tabId?: number }
  | { status: "duplicate"; existing: Account; candidate: OtpParameters; origin?: string; tabId?: number }
  | { status: "error"; error: AddErrorCode; found?: string }
  /** A Google Authenticator export: `count` accounts (and `skipped` unusable ones), added by "import". */
  | { status: "migration"; text: string; count: number; skipped: number }
  | { status: "region-started" };

export type FillResult =
  | { status: "filled" }
  | { status: "confirm"; accountOrigin?: string; pageOrigin?: string }
  | { status: "failed"; reason: string };

/** Something that happened while the popup was closed (region scan, context menu), shown when it opens. */
export type Pending =
  | { kind: "add"; result: AddResult }
  | { kind: "choose-account"; tabId: number; origin?: string };

export interface StatusResponse {
  hasVault: boolean;
  unlocked: boolean;
  settings: Settings;
  pending?: Pending;
  throttleMs: number;
}

export interface PageInfo {
  tabId?: number;
  origin?: string;
}

/** Everything the popup needs to open, in one message: status, the active page and (if unlocked) the list. */
export interface OpenResponse extends StatusResponse {
  page: PageInfo;
  accounts?: Account[];
  /** The PC clock's offsets measured so far (clock/clock-skew.ts); the popup measures the page again. */
  clock: ClockMeasurements;
}

export type Request =
  | { type: "open" }
  | { type: "status" }
  | { type: "create"; password: string }
  | { type: "unlock"; password: string }
  | { type: "lock" }
  | { type: "list" }
  | { type: "active-page" }
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
  | { type: "fill"; id: string; tabId: number; confirmed: boolean }
  | { type: "get-settings" }
  | { type: "set-settings"; settings: Settings }
  | { type: "change-password"; current: string; next: string }
  | { type: "reset"; typed: string }
  | { type: "export"; format: "encrypted" | "otpauth" }
  /** `file`: the chosen file's bytes, base64. */
  | { type: "import-preview"; file: string; password?: string }
  | { type: "import-confirm"; id: string }
  /** The popup's Google Authenticator export, already counted and confirmed there. */
  | { type: "import"; text: string }
  | { type: "open-recovery-sheet"; password: string }
  | { type: "recovery-sheet" }
  | { type: "recovery-sheet-printed" }
  | { type: "backup-reminder" };

export type UnlockResponse =
  | { ok: true }
  | { ok: false; reason: "wrong-password" | "throttled"; waitMs: number };

/** Opening the recovery sheet: the master password typed again, while unlocked. */
export type OpenSheetResult = UnlockResponse | { ok: false; reason: "locked" };

/** The recovery sheet's one delivery of the accounts, or nothing (a reload, another tab, too late, locked). */
export type SheetDelivery = { accounts: Account[] } | { expired: true };

export interface ResponseMap {
  open: OpenResponse;
  status: StatusResponse;
  create: { ok: true };
  unlock: UnlockResponse;
  lock: { ok: true };
  list: { accounts: Account[] } | { locked: true };
  "active-page": PageInfo;
  "measure-clock": ClockMeasurements;
  "scan-visible": AddResult;
  "scan-region": AddResult;
  "scan-image": AddResult;
  "add-uri": AddResult;
  "add-params": AddResult;
  edit: { ok: boolean };
  move: { ok: boolean };
  delete: { ok: boolean; account?: Account; index?: number };
  restore: { ok: boolean };
  "set-origin": { ok: boolean };
  "hotp-next": { ok: boolean };
  fill: FillResult;
  "get-settings": Settings;
  "set-settings": Settings;
  "change-password": UnlockResponse;
  reset: { ok: boolean };
  export: { text: string } | { locked: true };
  "import-preview": ImportPreviewResult;
  "import-confirm": ImportDoneResult;
  import: ImportDoneResult;
  "open-recovery-sheet": OpenSheetResult;
  "recovery-sheet": SheetDelivery;
  "recovery-sheet-printed": { ok: true };
  /** Whether the popup shows the backup reminder now (it is shown once). */
  "backup-reminder": boolean;
}

export type RequestOf<T extends Request["type"]> = Extract<Request, { type: T }>;

export function send<T extends Request["type"]>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  return browser.runtime.sendMessage(request) as Promise<ResponseMap[T]>;
}
