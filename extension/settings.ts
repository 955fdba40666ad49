// Non-secret preferences, stored in plain storage.local beside the vault envelope.
import { AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES } from "./vault/auto-lock";
import { readStored, writeStored } from "./vault/stored-values";

export type Language = "auto" | "ja" | "en";

/** クリップボードを自動で消去: never (0), 30 s, 1 min, 2 min after a code is copied. */
export const CLIPBOARD_CLEAR_CHOICES = [0, 30, 60, 120] as const;
export type ClipboardClearSeconds = (typeof CLIPBOARD_CLEAR_CHOICES)[number];

/** A passkey request accepts a master password typed this many minutes ago (0: always ask again). */
export const PASSKEY_UNLOCK_CHOICES = [0, 1, 5, 15] as const;
export type PasskeyUnlockMinutes = (typeof PASSKEY_UNLOCK_CHOICES)[number];

export interface Settings {
  autoLockMinutes: number;
  language: Language;
  clipboardClearSeconds: ClipboardClearSeconds;
  passkeyUnlockMinutes: PasskeyUnlockMinutes;
}

const SETTINGS_KEY = "settings";
export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  language: "auto",
  clipboardClearSeconds: 30,
  passkeyUnlockMinutes: 1,
};

export function parseSettings(value: unknown): Settings {
  const v = (value ?? {}) as Partial<Settings>;
  const minutes = (AUTO_LOCK_CHOICES as readonly number[]).includes(v.autoLockMinutes ?? -1)
    ? (v.autoLockMinutes as number)
    : DEFAULT_SETTINGS.autoLockMinutes;
  const language = v.language === "ja" || v.language === "en" ? v.language : "auto";
  const clear = CLIPBOARD_CLEAR_CHOICES.find((s) => s === v.clipboardClearSeconds);
  const passkeyUnlock = PASSKEY_UNLOCK_CHOICES.find((m) => m === v.passkeyUnlockMinutes);
  return {
    autoLockMinutes: minutes,
    language,
    clipboardClearSeconds: clear ?? DEFAULT_SETTINGS.clipboardClearSeconds,
    passkeyUnlockMinutes: passkeyUnlock ?? DEFAULT_SETTINGS.passkeyUnlockMinutes,
  };
}

export async function readSettings(): Promise<Settings> {
  return parseSettings(await readStored("local", SETTINGS_KEY));
}

export async function writeSettings(settings: Settings): Promise<Settings> {
  const parsed = parseSettings(settings);
  await writeStored("local", { [SETTINGS_KEY]: parsed });
  return parsed;
}
