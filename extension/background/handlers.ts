// Answers every Request of messaging.ts. Only our own extension pages may ask (content scripts are refused),
// and every request made while unlocked re-arms the auto-lock alarm (idle time counts from the last use).
import { browser } from "wxt/browser";
import { editAccount, moveAccount, removeAccount, restoreAccount, setOrigin } from "../accounts/account-list";
import { recordBackup, takeReminder } from "../accounts/backup-reminder";
import { clearPreview } from "../import/preview-store";
import type { Request, ResponseMap } from "../messaging";
import { readSettings, writeSettings } from "../settings";
import { armAutoLock, disarmAutoLock } from "../vault/auto-lock";
import { unlockWaitMs } from "../vault/unlock-throttle";
import {
  changeMasterPassword,
  createVault,
  hasVault,
  isUnlocked,
  lockVault,
  readVault,
  readVaultState,
  resetVault,
  unlockVault,
  updateVault,
} from "../vault/vault-store";
import { activePage } from "./active-tab";
import { addFromTexts, addParams } from "./add-account";
import { measureTab, readMeasurements } from "./clock-offset";
import { exportBackup } from "./export-backup";
import { fillAccount } from "./fill-tab";
import { confirmImport, importText, previewImport } from "./import-backup";
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

async function edit(change: Parameters<typeof updateVault>[0]) {
  await updateVault(change);
  return { ok: true };
}

async function status() {
  const [vault, unlocked, settings, pending, throttleMs] = await Promise.all([
    hasVault(),
    isUnlocked(),
    readSettings(),
    takePending(),
    unlockWaitMs(),
  ]);
  return { hasVault: vault, unlocked, settings, pending, throttleMs };
}

async function pageInfo() {
  const { tabId, origin } = await activePage();
  return { tabId, origin };
}

const handlers: Handlers = {
  // The popup's one opening question (one round trip instead of three), answered from concurrent reads; the
  // envelope is read and parsed once for both "is there a vault" and the list.
  open: async () => {
    const [vault, settings, pending, throttleMs, page, clock] = await Promise.all([
      readVaultState(),
      readSettings(),
      takePending(),
      unlockWaitMs(),
      pageInfo(),
      readMeasurements(),
    ]);
    const { exists, data } = vault;
    return {
      hasVault: exists,
      unlocked: data !== null,
      settings,
      pending,
      throttleMs,
      page,
      accounts: data?.accounts,
      clock,
    };
  },
  status,
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
  "active-page": pageInfo,
  "measure-clock": ({ tabId, origin }) => measureTab(tabId, origin),
  "scan-visible": () => scanVisibleTab(),
  "scan-region": () => startRegionScan(),
  "scan-image": ({ dataUrl }) => scanImage(dataUrl),
  "add-uri": async ({ text, mode }) => {
    const result = await addFromTexts([text.trim()], undefined);
    if (result.status === "duplicate" && mode !== "ask") return addParams(result.candidate, undefined, mode);
    return result;
  },
  "add-params": ({ params, origin, mode, tabId }) => addParams(params, origin, mode, tabId),
  edit: ({ id, issuer, label }) =>
    edit((d) => ({ data: { accounts: editAccount(d.accounts, id, issuer, label) }, result: 0 })),
  move: ({ id, offset }) =>
    edit((d) => ({ data: { accounts: moveAccount(d.accounts, id, offset) }, result: 0 })),
  delete: async ({ id }) => {
    const removed = await updateVault((d) => {
      const index = d.accounts.findIndex((a) => a.id === id);
      return {
        data: { accounts: removeAccount(d.accounts, id) },
        result: { account: d.accounts[index], index },
      };
    });
    return { ok: removed.index >= 0, ...removed };
  },
  restore: ({ account, index }) =>
    edit((d) => ({ data: { accounts: restoreAccount(d.accounts, account, index) }, result: 0 })),
  "set-origin": ({ id, origin }) =>
    edit((d) => ({ data: { accounts: setOrigin(d.accounts, id, origin) }, result: 0 })),
  "hotp-next": ({ id }) =>
    edit((d) => ({
      data: { accounts: d.accounts.map((a) => (a.id === id ? { ...a, counter: (a.counter ?? 0) + 1 } : a)) },
      result: 0,
    })),
  fill: ({ id, tabId, confirmed }) => fillAccount(id, tabId, confirmed),
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
  export: ({ format }) => exportBackup(format),
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
};

function fromOurPages(sender: Sender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? "").startsWith(browser.runtime.getURL("/"));
}

export async function handleRequest(request: Request, sender: Sender): Promise<unknown> {
  if (!fromOurPages(sender) || !(request.type in handlers)) throw new Error("refused");
  const handler = handlers[request.type] as (r: Request, s: Sender) => Promise<unknown>;
  const response = await handler(request, sender);
  await rearm();
  return response;
}
