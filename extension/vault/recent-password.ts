// When the master password was last typed and checked (unlock, or typed again for a sensitive act). A passkey
// request may accept it instead of asking again, within the member's chosen window (settings: 0 = always
// ask). Kept in storage.session like the key itself: gone on lock and on browser restart.
import { readStored, removeStored, writeStored } from "./stored-values";

const TYPED_KEY = "passwordTypedAt";

export async function markPasswordTyped(now = Date.now()): Promise<void> {
  await writeStored("session", { [TYPED_KEY]: now });
}

export async function forgetPasswordTyped(): Promise<void> {
  await removeStored("session", TYPED_KEY);
}

/** Whether the password was typed within the last `minutes` (never for 0). */
export async function passwordTypedWithin(minutes: number, now = Date.now()): Promise<boolean> {
  if (minutes <= 0) return false;
  const at = await readStored("session", TYPED_KEY);
  return typeof at === "number" && at <= now && now - at <= minutes * 60_000;
}
