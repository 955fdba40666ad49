// The window messages between the page bridge (MAIN world, page-bridge.ts) and the relay (ISOLATED world,
// relay.ts) of the conditional-UI field. The page sees them all and may forge any of them: they carry only
// what the page gave or may receive (its own request, its own answer), never a passkey's name or key.
// Both sides accept only messages from their own window (a frame's postMessage to the top is refused).

export const BRIDGE_CHANNEL = "kosmo-passkey-bridge";

/** A request's options in the JSON form (binary fields base64url), as the background parses them. */
export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: { type: string; id: string; transports?: string[] }[];
  userVerification?: string;
  timeout?: number;
}

/** An assertion in PublicKeyCredential.toJSON() form (passkeys/get-assertion.ts makes it). */
export interface AssertionJSON {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment?: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, unknown>;
}

export type ToRelay =
  | { channel: typeof BRIDGE_CHANNEL; to: "relay"; kind: "start"; id: number; options: RequestOptionsJSON }
  | { channel: typeof BRIDGE_CHANNEL; to: "relay"; kind: "cancel"; id: number };

export type ToPage =
  | { channel: typeof BRIDGE_CHANNEL; to: "page"; kind: "answer"; id: number; credential: AssertionJSON }
  | { channel: typeof BRIDGE_CHANNEL; to: "page"; kind: "error"; id: number; name: string };

/** A message without its envelope (channel, direction), per kind. */
export type BridgeBody<T> = T extends unknown ? Omit<T, "channel" | "to"> : never;

function ours(data: unknown, to: "relay" | "page"): data is Record<string, unknown> {
  const m = data as Record<string, unknown> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.channel === BRIDGE_CHANNEL &&
    m.to === to &&
    typeof m.id === "number"
  );
}

export function toRelay(data: unknown): ToRelay | null {
  if (!ours(data, "relay")) return null;
  if (data.kind === "cancel") return data as ToRelay;
  return data.kind === "start" && typeof data.options === "object" && data.options !== null
    ? (data as ToRelay)
    : null;
}

export function toPage(data: unknown): ToPage | null {
  if (!ours(data, "page")) return null;
  if (data.kind === "error") return typeof data.name === "string" ? (data as ToPage) : null;
  return data.kind === "answer" && typeof data.credential === "object" && data.credential !== null
    ? (data as ToPage)
    : null;
}
