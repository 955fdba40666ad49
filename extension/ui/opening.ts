// The popup's two opening questions: the worker's status and list (`open`), and the page the popup was opened
// on (the browser's active tab). popup.html asks them from a tiny script in its head (entrypoints/popup-open.ts)
// before the popup's own script has been fetched, so that the answers travel while that script loads and
// compiles; the popup takes them when it starts.
import { activePage } from "../active-tab";
import { type OpenResponse, type PageInfo, send } from "../messaging";

export interface Opening {
  status: Promise<OpenResponse>;
  page: Promise<PageInfo>;
}

/** Where the head script leaves its questions for the popup's script (two bundles: the page is their only link). */
const HANDOFF = "__kosmoOpening";
type HandoffWindow = { [HANDOFF]?: Opening };

/** Asks the opening questions, unless they were asked already. */
export function askOpening(): Opening {
  const handoff = globalThis as HandoffWindow;
  if (handoff[HANDOFF]) return handoff[HANDOFF];
  const opening: Opening = {
    status: send({ type: "open" }),
    page: activePage().then(({ tabId, origin }) => ({ tabId, origin })),
  };
  handoff[HANDOFF] = opening;
  return opening;
}
