// Answers every Request of messaging.ts. Only our own extension pages may ask (content scripts are refused),
// and every request made while unlocked re-arms the auto-lock alarm (idle time counts from the last use).
import { browser } from "wxt/browser";
import type { Account } from "../accounts/account";
import { editAccount, moveAccount, removeAccount, restoreAccount, setOrigin } from "../accounts/account-list";
import { recordBackup, takeReminder } from "../accounts/backup-reminder";
import { firstScreenfulOnAnyPage } from "../accounts/origin-binding";
import { readyCodes } from "../accounts/ready-codes";
import type { ClockMeasurements } from "../clock/clock-skew";
import { clearPreview } from "../import/preview-store";
import type { AccountsResponse, FirstScreenful, Request, ResponseMap } from "../messaging";
import { passkeyInfo } from "../passkeys/passkey";
import { readPasskeySites } from "../passkeys/passkey-sites";
import { readSettings, writeSettings } from "../settings";
import { armAutoLock, disarmAutoLock } from "../vault/auto-lock";
import { unlockWaitMs } from "../vault/unlock-throttle";
import {
  changeMasterPassword,
  createVault,
  isUnlocked,
  lockVault,
  readVault,
  readVaultState,
  resetVault,
  unlockVault,
  updateVault,
} from "../vault/vault-store";
import { addFromTexts, addParams } from "./add-account";
import { scheduleClipboardClear } from "./clipboard-clear";
import { measureTab, readMeasurements } from "./clock-offset";
import { exportBackup } from "./export-backup";
import { fillAccount } from "./fill-tab";
import { takeHotpCode } from "./hotp-counter";
import { confirmImport, importText, previewImport } from "./import-backup";
import { passkeyHandlers } from "./passkey-messages";
import { takePending } from "./pending";
import { deliverRecoverySheet, openRecoverySheet } from "./recovery-sheet";
import { scanImage, scanVisibleTab, startRegionScan } from "./scan";

export const RESET_WORDS = ["リセット", "RESET"];
const MIN_PASSWORD_LENGTH = 8;

type Sender = { id?: string; url?: string; tab?: { id?: number } };

type Handlers = {
  [T in Request["type"]]: (request: Extract<Request, { type: T }>, sender: Sender) => Promise<ResponseMap[T]>;
};

async function rearm(): Promise<void> {
  const [unlocked, settings] = await Promise.all([isUnlocked(), readSettings()]);
  if (unlocked) await armAutoLock(settings.autoLockMinutes);
}

/** One change of the account list, answered with the new list (one decrypt per edit: nobody asks again). */
async function changeAccounts(change: (accounts: Account[]) => Account[]): Promise<AccountsResponse> {
  if (!(await isUnlocked())) return { locked: true };
  return updateVault((data) => {
    const accounts = change(data.accounts);
    return { data: { accounts }, result: { accounts } };
  });
}

/** The accounts the popup's first frame can show, with their codes (messaging.ts says why not the whole list). */
function firstScreenful(accounts: Account[], clock: ClockMeasurements): FirstScreenful {
  const first = firstScreenfulOnAnyPage(accounts);
  return { accounts: first, codes: readyCodes(first, clock, Date.now()), total: accounts.length };
}

const handlers: Handlers = {
  // The popup's one opening question (one round trip instead of four), answered from concurrent reads; the
  // envelope is read and decrypted once for "is there a vault", the first accounts and the passkeys. The popup
  // asks the browser for its page itself, at the same time (ui/opening.ts): one hop less than through here.
  open: async () => {
    const [vault, settings, pending, throttleMs, clock, sites] = await Promise.all([
      readVaultState(),
      readSettings(),
      takePending(),
      unlockWaitMs(),
      readMeasurements(),
      readPasskeySites(),
    ]);
    const { exists, data } = vault;
    // The backup reminder comes with the list, so the popup's first frame needs no second question (and the
    // list does not move down when the answer comes). Asked only while unlocked: a yes is recorded as shown.
    const reminder = data ? await takeReminder() : undefined;
    return {
      hasVault: exists,
      unlocked: data !== null,
      settings,
      pending,
      throttleMs,
      firstScreenful: data ? firstScreenful(data.accounts, clock) : undefined,
      clock,
      passkeys: data ? { passkeys: (data.passkeys ?? []).map(passkeyInfo), sites } : { locked: true, sites },
      reminder,
    };
  },
  create: async ({ password }) => {
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error("password too short");
    await createVault(password);
    return { ok: true };
  },
  unlock: ({ password }) => unlockVault(password),
  lock: async () => {
    await lockVault();
    await clearPreview();
    await disarmAutoLock();
    return { ok: true };
  },
  list: async () => {
    const data = await readVault();
    return data ? { accounts: data.accounts } : { locked: true };
  },
  // A HEAD request to the member's site only while unlocked: a locked popup shows no codes to correct.
  "measure-clock": async ({ tabId, origin }) =>
    (await isUnlocked()) ? measureTab(tabId, origin) : readMeasurements(),
  "scan-visible": () => scanVisibleTab(),
  "scan-region": () => startRegionScan(),
  "scan-image": ({ dataUrl }) => scanImage(dataUrl),
  "add-uri": async ({ text, mode }) => {
    const result = await addFromTexts([text.trim()], undefined);
    if (result.status === "duplicate" && mode !== "ask") return addParams(result.candidate, undefined, mode);
    return result;
  },
  "add-params": ({ params, origin, mode, tabId }) => addParams(params, origin, mode, tabId),
  edit: ({ id, issuer, label }) => changeAccounts((accounts) => editAccount(accounts, id, issuer, label)),
  move: ({ id, offset }) => changeAccounts((accounts) => moveAccount(accounts, id, offset)),
  delete: async ({ id }) => {
    let removed: { account: Account; index: number } | undefined;
    const response = await changeAccounts((accounts) => {
      const index = accounts.findIndex((a) => a.id === id);
      if (accounts[index]) removed = { account: accounts[index], index };
      return removeAccount(accounts, id);
    });
    return removed ? { ...response, removed } : response;
  },
  restore: ({ account, index }) => changeAccounts((accounts) => restoreAccount(accounts, account, index)),
  "set-origin": ({ id, origin }) => changeAccounts((accounts) => setOrigin(accounts, id, origin)),
  "hotp-next": async ({ id }) =>
    (await isUnlocked()) ? { accounts: (await takeHotpCode(id)).accounts } : { locked: true },
  copied: async () => {
    const { clipboardClearSeconds } = await readSettings();
    await scheduleClipboardClear(clipboardClearSeconds);
    return { clearInSeconds: clipboardClearSeconds };
  },
  fill: ({ id, tabId, confirmed, bind }) => fillAccount(id, tabId, confirmed, bind),
  "get-settings": () => readSettings(),
  "set-settings": async ({ settings }) => {
    const saved = await writeSettings(settings);
    await rearm();
    return saved;
  },
  "change-password": async ({ current, next }) => {
    if (next.length < MIN_PASSWORD_LENGTH) throw new Error("password too short");
    return changeMasterPassword(current, next);
  },
  reset: async ({ typed }) => {
    if (!RESET_WORDS.includes(typed.trim())) return { ok: false };
    await resetVault();
    await disarmAutoLock();
    return { ok: true };
  },
  export: (request) => exportBackup(request),
  "import-preview": ({ file, password }) => previewImport(file, password),
  "import-confirm": ({ id }) => confirmImport(id),
  import: ({ text }) => importText(text),
  "open-recovery-sheet": ({ password }) => openRecoverySheet(password),
  "recovery-sheet": (_request, sender) => deliverRecoverySheet(sender),
  "recovery-sheet-printed": async () => {
    await recordBackup();
    return { ok: true };
  },
  "backup-reminder": async () => (await isUnlocked()) && (await takeReminder()),
  ...passkeyHandlers,
};

function fromOurPages(sender: Sender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? "").startsWith(browser.runtime.getURL("/"));
}

/** Answers `request`; `respond` gets the answer as soon as it is ready, before the auto-lock is re-armed. */
export async function handleRequest(
  request: Request,
  sender: Sender,
  respond: (response: unknown) => void = () => {},
): Promise<unknown> {
  if (!fromOurPages(sender) || !(request.type in handlers)) throw new Error("refused");
  const handler = handlers[request.type] as (r: Request, s: Sender) => Promise<unknown>;
  const response = await handler(request, sender);
  respond(response);
  await rearm();
  return response;
}
