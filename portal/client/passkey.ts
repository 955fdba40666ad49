// The portal's only browser script: WebAuthn ceremonies for passkeys (manual 2-1, 2-2), bundled by
// scripts/build.ts into /static/passkey.js. Pages opt in with data attributes, so no inline script is needed:
//   <button data-passkey="register|authenticate" data-options-url=… data-verify-url=…>
//   <input autocomplete="username webauthn"> plus <div data-passkey-autofill data-options-url=… data-verify-url=…>
//   <p data-passkey-error data-msg-cancelled=… data-msg-unsupported=… data-msg-failed=… hidden>
// The server answers JSON: options → { options } ; verify → { redirect } ; either may answer { error }.
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from "@simplewebauthn/browser";

type Ceremony = "register" | "authenticate";

interface ServerAnswer {
  options?: unknown;
  redirect?: string;
  error?: string;
}

class ShownError extends Error {}

function errorBox(): HTMLElement | null {
  return document.querySelector<HTMLElement>("[data-passkey-error]");
}

function message(kind: "cancelled" | "unsupported" | "failed"): string {
  return errorBox()?.dataset[`msg${kind[0]!.toUpperCase()}${kind.slice(1)}`] ?? kind;
}

function showError(text: string): void {
  const box = errorBox();
  if (!box) return;
  box.textContent = text;
  box.hidden = false;
}

async function postJson(url: string, body: unknown): Promise<ServerAnswer> {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const answer = (await response.json().catch(() => ({}))) as ServerAnswer;
  if (answer.error) throw new ShownError(answer.error);
  if (!response.ok) throw new ShownError(message("failed"));
  return answer;
}

async function runCeremony(ceremony: Ceremony, urls: DOMStringMap, autofill: boolean): Promise<void> {
  const { options } = await postJson(urls.optionsUrl!, { autofill });
  const response =
    ceremony === "register"
      ? await startRegistration({
          optionsJSON: options as Parameters<typeof startRegistration>[0]["optionsJSON"],
        })
      : await startAuthentication({
          optionsJSON: options as Parameters<typeof startAuthentication>[0]["optionsJSON"],
          useBrowserAutofill: autofill,
        });
  const form = document.querySelector<HTMLFormElement>("[data-passkey-extra]");
  const extra = form ? Object.fromEntries(new FormData(form) as unknown as Iterable<[string, string]>) : {};
  const { redirect } = await postJson(urls.verifyUrl!, { response, ...extra });
  if (redirect) window.location.assign(redirect);
}

function explain(error: unknown): string | null {
  if (error instanceof ShownError) return error.message;
  const name =
    error instanceof WebAuthnError ? (error.cause as Error | undefined)?.name : (error as Error)?.name;
  if (name === "AbortError") return null; // another ceremony replaced this one (autofill → button)
  if (name === "NotAllowedError") return message("cancelled");
  return message("failed");
}

async function start(ceremony: Ceremony, urls: DOMStringMap, autofill: boolean): Promise<void> {
  errorBox()?.setAttribute("hidden", "");
  try {
    await runCeremony(ceremony, urls, autofill);
  } catch (error) {
    const text = explain(error);
    if (text && !(autofill && text === message("cancelled"))) showError(text);
  }
}

function wireButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-passkey]")) {
    const ceremony = button.dataset.passkey as Ceremony;
    button.disabled = false;
    button.addEventListener("click", (event) => {
      event.preventDefault();
      void start(ceremony, button.dataset, false);
    });
  }
}

async function wireAutofill(): Promise<void> {
  const urls = document.querySelector<HTMLElement>("[data-passkey-autofill]");
  const input = document.querySelector<HTMLInputElement>('input[autocomplete$="webauthn"]');
  if (!urls || !input || !(await browserSupportsWebAuthnAutofill())) return;
  void start("authenticate", urls.dataset, true);
}

if (browserSupportsWebAuthn()) {
  wireButtons();
  void wireAutofill();
} else if (document.querySelector("[data-passkey]")) {
  showError(message("unsupported"));
}
