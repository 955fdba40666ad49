// The popup: first run → unlock → the account list, and the add / result / edit / confirm views.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { Account } from "../accounts/account";
import { setOrigin } from "../accounts/account-list";
import type { ReadyCodes } from "../accounts/ready-codes";
import { type ClockMeasurements, correctedNow, measurementFor, skewWarning } from "../clock/clock-skew";
import { loadLanguage, type MessageKey, t } from "../i18n";
import type { ImportDoneResult } from "../import/result";
import {
  type AccountsResponse,
  type AddResult,
  type FillFailure,
  type PageInfo,
  type PasskeysResponse,
  send,
} from "../messaging";
import { AccountList } from "./AccountList";
import { AddPanel } from "./AddPanel";
import { BackupReminder } from "./BackupReminder";
import { ClockWarning } from "./ClockWarning";
import { ConfirmFill } from "./ConfirmFill";
import { CreateVault } from "./CreateVault";
import { EditForm } from "./EditForm";
import { ImportSummary } from "./ImportSummary";
import { askOpening, type Opening } from "./opening";
import { PasskeySection } from "./PasskeySection";
import { ResultView } from "./ResultView";
import { Unlock } from "./Unlock";
import { useNow } from "./use-now";

type Phase =
  | { kind: "loading" }
  | { kind: "create" }
  | { kind: "unlock"; throttleMs: number }
  | { kind: "main" };
type View =
  | { kind: "list" }
  | { kind: "add" }
  | { kind: "result"; result: Exclude<AddResult, { status: "region-started" }> }
  | { kind: "imported"; result: ImportDoneResult }
  | { kind: "edit"; account: Account }
  | { kind: "confirm"; account: Account; tabId: number; accountOrigin?: string; pageOrigin: string };

const FILL_ERRORS: Record<FillFailure, MessageKey> = {
  locked: "fillError_locked",
  "no-page": "fillError_no_page",
  "no-access": "fillError_no_access",
  "wrong-origin": "fillError_wrong_origin",
  "no-field": "fillError_no_field",
  "bad-code": "fillError_no_field",
  "not-accepted": "fillError_no_field",
};

/** How long "元に戻す" stays offered after a delete. */
const UNDO_MS = 10_000;

/** A tab of the settings page (tabs.create: unlike window.open, no popup blocker without a user gesture). */
function openOptions(hash = "") {
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
}

interface Props {
  /** The opening questions, already asked by popup.html's head script so the answers are on their way. */
  opening?: Opening;
}

export function PopupApp({ opening }: Props) {
  const now = useNow();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [view, setView] = useState<View>({ kind: "list" });
  const [accounts, setAccounts] = useState<Account[]>([]);
  /** How many accounts the vault holds: more than `accounts` while only the first screenful is known. */
  const [total, setTotal] = useState(0);
  /** The worker's codes from the opening; each is used only for the step it was made for, then computed here. */
  const [codes, setCodes] = useState<ReadyCodes>();
  const [page, setPage] = useState<PageInfo>({});
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState("");
  /** Read out by screen readers through a live region that is always in the page (inserted ones are missed). */
  const [announcement, setAnnouncement] = useState("");
  const [undo, setUndo] = useState<{ account: Account; index: number } | null>(null);
  const [reminder, setReminder] = useState(false);
  /** Set when the opening answered the reminder question, so that it is not asked a second time. */
  const reminderAnswered = useRef(false);
  const [clock, setClock] = useState<ClockMeasurements>({});
  /** The passkeys the opening answered with: handed to the first passkey section only (later ones ask). */
  const openingPasskeys = useRef<PasskeysResponse>();
  function takeOpeningPasskeys() {
    const passkeys = openingPasskeys.current;
    openingPasskeys.current = undefined;
    return passkeys;
  }

  /** How many lists have been shown: a list asked for before a change must not be shown over the change's. */
  const listsShown = useRef(0);

  /** Shows the list a read or a change answered with (changes answer with the new list: no second ask). */
  function apply(list: AccountsResponse) {
    listsShown.current++;
    if ("locked" in list) return setPhase({ kind: "unlock", throttleMs: 0 });
    setAccounts(list.accounts);
    setTotal(list.accounts.length);
    setPhase({ kind: "main" });
  }

  async function refresh() {
    const shownBefore = listsShown.current;
    const list = await send({ type: "list" });
    // A change answered meanwhile (a delete right after the popup opened) has shown a newer list.
    if (listsShown.current === shownBefore) apply(list);
  }

  async function start() {
    // One message for status and list (each round trip to the service worker costs tens of ms), and the page.
    const asked = opening ?? askOpening();
    const [status, activePage] = await Promise.all([asked.status, asked.page]);
    await loadLanguage(status.settings.language);
    document.documentElement.lang = t("localeCode");
    if (status.pending?.kind === "choose-account") {
      setPage({ tabId: status.pending.tabId, origin: status.pending.origin });
      setChoosing(true);
    } else setPage(activePage);
    setClock(status.clock);
    if (status.pending?.kind === "add") showResult(status.pending.result);
    if (!status.hasVault) return setPhase({ kind: "create" });
    const first = status.firstScreenful;
    if (!status.unlocked || !first) return setPhase({ kind: "unlock", throttleMs: status.throttleMs });
    setAccounts(first.accounts);
    setTotal(first.total);
    setCodes(first.codes);
    openingPasskeys.current = status.passkeys;
    if (status.reminder !== undefined) {
      reminderAnswered.current = true;
      setReminder(status.reminder);
    }
    setPhase({ kind: "main" });
  }

  // A layout effect runs as soon as the popup is mounted, not after its first (empty) frame is painted: the
  // answer, often there already, is shown in the first frame.
  useLayoutEffect(() => {
    void start();
  }, []);

  // Asked once unlocked (the opening answers it when the popup opens unlocked; asked here after an unlock or
  // a new vault); the background counts it as shown.
  const unlocked = phase.kind === "main";
  useEffect(() => {
    if (!unlocked) return;
    if (reminderAnswered.current) reminderAnswered.current = false;
    else void send({ type: "backup-reminder" }).then(setReminder);
  }, [unlocked]);
  // The whole list, once the first screenful is painted (messaging.ts, FirstScreenful).
  const partial = unlocked && accounts.length < total;
  useEffect(() => {
    if (partial) void refresh();
  }, [partial]);
  // Measure the page's clock again (activeTab lets us) once the codes are shown: not while locked, when
  // there is nothing to correct. The codes follow when the answer comes.
  useEffect(() => {
    const { tabId, origin } = page;
    if (unlocked && tabId !== undefined && origin)
      void send({ type: "measure-clock", tabId, origin }).then(setClock);
  }, [unlocked]);

  async function fill(account: Account, confirmed = false, tabId = page.tabId, bind = false) {
    if (tabId === undefined) return setNotice(t("fillError_no_page"));
    const result = await send({ type: "fill", id: account.id, tabId, confirmed, bind });
    if (result.status === "confirm") return setView({ kind: "confirm", account, tabId, ...result });
    if (result.status === "failed") return setNotice(t(FILL_ERRORS[result.reason]));
    if (bind && view.kind === "confirm") setAccounts(setOrigin(accounts, account.id, view.pageOrigin));
    setNotice(t("filled"));
    if (view.kind !== "result") setView({ kind: "list" });
    setChoosing(false);
  }

  function showResult(result: AddResult) {
    if (result.status === "region-started") return;
    if (result.status === "added") {
      setAnnouncement(`${t("added")} ${result.account.issuer || result.account.label}`);
    }
    if (result.status === "added" && result.tabId !== undefined) setPage({ ...page, tabId: result.tabId });
    if (result.status === "added") apply(result);
    setView({ kind: "result", result });
  }

  async function remove(account: Account) {
    const { removed, ...list } = await send({ type: "delete", id: account.id });
    if (removed) {
      setUndo(removed);
      const id = removed.account.id;
      setTimeout(() => setUndo((current) => (current?.account.id === id ? null : current)), UNDO_MS);
    }
    apply(list);
  }

  async function undoDelete() {
    if (!undo) return;
    setUndo(null);
    apply(await send({ type: "restore", ...undo }));
  }

  async function lock() {
    await send({ type: "lock" });
    setAccounts([]);
    setTotal(0);
    setCodes(undefined);
    openingPasskeys.current = undefined;
    setView({ kind: "list" });
    setPhase({ kind: "unlock", throttleMs: 0 });
  }

  const actions = {
    onFill: page.tabId !== undefined && page.origin ? (a: Account) => void fill(a) : undefined,
    onEdit: (account: Account) => setView({ kind: "edit", account }),
    onMove: async (account: Account, offset: -1 | 1) =>
      apply(await send({ type: "move", id: account.id, offset })),
    onDelete: (account: Account) => void remove(account),
    onHotpNext: async (account: Account) => apply(await send({ type: "hotp-next", id: account.id })),
  };

  /** The time an account's codes are made at: the PC clock corrected by its site's (or this page's) offset. */
  const nowFor = (account: Account) =>
    correctedNow(now, measurementFor(clock, { accountOrigin: account.origin, pageOrigin: page.origin }, now));
  const pageClock = measurementFor(clock, { pageOrigin: page.origin }, now);
  const clockWarning = skewWarning(pageClock);

  if (phase.kind === "loading") return <main class="popup" aria-busy="true" />;
  if (phase.kind === "create")
    return (
      <main class="popup">
        <CreateVault onCreated={() => apply({ accounts: [] })} />
      </main>
    );
  if (phase.kind === "unlock") {
    return (
      <main class="popup">
        <Unlock throttleMs={phase.throttleMs} onUnlocked={() => void refresh()} />
      </main>
    );
  }

  return (
    <main class="popup">
      <header class="bar">
        <span class="brand">{t("extShortName")}</span>
        <button
          type="button"
          class="bar-button accent"
          onClick={() => setView({ kind: "add" })}
          aria-label={t("addTitle")}
        >
          ＋ {t("add")}
        </button>
        <button type="button" class="bar-button" onClick={() => openOptions()} aria-label={t("settings")}>
          ⚙
        </button>
        <button type="button" class="bar-button" onClick={lock}>
          {t("lock")}
        </button>
      </header>
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      <div role="status">
        {notice && (
          <p class="notice">
            {notice}
            <button type="button" class="link" onClick={() => setNotice("")} aria-label={t("close")}>
              ×
            </button>
          </p>
        )}
      </div>
      {view.kind === "list" && clockWarning && pageClock && (
        <ClockWarning warning={clockWarning} origin={pageClock.origin} />
      )}
      {view.kind === "list" && reminder && (
        <BackupReminder
          onBackup={() => openOptions("#backup")}
          onSheet={() => openOptions("#recovery-sheet")}
          onClose={() => setReminder(false)}
        />
      )}
      {view.kind === "list" && choosing && <p class="notice">{t("chooseForPage", page.origin ?? "—")}</p>}
      {view.kind === "list" && (
        <AccountList
          accounts={accounts}
          total={total}
          origin={page.origin}
          nowFor={nowFor}
          codes={codes}
          {...actions}
        />
      )}
      {view.kind === "list" && <PasskeySection page={page} initial={takeOpeningPasskeys()} />}
      {view.kind === "add" && <AddPanel onResult={showResult} onCancel={() => setView({ kind: "list" })} />}
      {view.kind === "result" && (
        <ResultView
          result={view.result}
          now={view.result.status === "added" ? nowFor(view.result.account) : now}
          onFill={(a) => void fill(a, false, view.result.status === "added" ? view.result.tabId : page.tabId)}
          onResolveDuplicate={async (mode) => {
            if (view.result.status !== "duplicate") return;
            const { candidate, origin, tabId } = view.result;
            showResult(await send({ type: "add-params", params: candidate, origin, tabId, mode }));
          }}
          onImport={async (text) => {
            const result = await send({ type: "import", text });
            if (result.status === "imported") setAnnouncement(t("importAdded", result.added));
            setView({ kind: "imported", result });
            await refresh(); // an import answers with counts, not the list
          }}
          onDone={() => setView({ kind: "list" })}
          onBackup={() => openOptions("#backup")}
        />
      )}
      {view.kind === "imported" && (
        <section class="panel">
          <ImportSummary result={view.result} />
          <button type="button" class="primary" onClick={() => setView({ kind: "list" })}>
            {t("done")}
          </button>
        </section>
      )}
      {view.kind === "edit" && (
        <EditForm
          account={view.account}
          onCancel={() => setView({ kind: "list" })}
          onSave={async (issuer, label) => {
            apply(await send({ type: "edit", id: view.account.id, issuer, label }));
            setView({ kind: "list" });
          }}
        />
      )}
      {view.kind === "confirm" && (
        <ConfirmFill
          {...view}
          onCancel={() => setView({ kind: "list" })}
          onConfirm={(bind) => void fill(view.account, true, view.tabId, bind)}
        />
      )}
      <div role="status">
        {undo && (
          <div class="toast">
            {t("deleted", undo.account.issuer || undo.account.label)}
            <button type="button" class="link" onClick={undoDelete}>
              {t("undo")}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}
