// The member guide's structure, shared by the extension page (GuidePage.tsx) and the Markdown copy that the
// end-to-end run writes into docs/ next to its screenshots. Texts are catalogue keys; shots are file stems.
import type { MessageKey } from "../i18n";

export type GuideBlock =
  | { kind: "heading"; key: MessageKey }
  /** A heading that is a name in every language (a browser's). */
  | { kind: "name"; text: string }
  | { kind: "text"; key: MessageKey }
  | { kind: "steps"; keys: MessageKey[] }
  | { kind: "shot"; name: GuideShot };

export interface GuideSection {
  title: MessageKey;
  blocks: GuideBlock[];
}

/** The screenshots tests/e2e/extension-portal.test.ts takes. */
export const GUIDE_SHOTS = [
  "popup-create",
  "popup-add",
  "popup-added",
  "portal-filled",
  "overlay",
  "popup-list",
  "settings",
] as const;

/** The screenshots tests/e2e/backup-restore.test.ts takes. */
export const BACKUP_GUIDE_SHOTS = ["popup-reminder", "recovery-sheet", "settings-restored"] as const;

/** The screenshots tests/e2e/extension-passkey.test.ts takes. */
export const PASSKEY_GUIDE_SHOTS = [
  "passkey-allow",
  "passkey-window",
  "passkey-field",
  "passkey-popup",
] as const;

export type GuideShot =
  | (typeof GUIDE_SHOTS)[number]
  | (typeof BACKUP_GUIDE_SHOTS)[number]
  | (typeof PASSKEY_GUIDE_SHOTS)[number];

const SHOT_CAPTIONS: Record<GuideShot, MessageKey> = {
  "popup-create": "guideShot_popup_create",
  "popup-add": "guideShot_popup_add",
  "popup-added": "guideShot_popup_added",
  "portal-filled": "guideShot_portal_filled",
  overlay: "guideShot_overlay",
  "popup-list": "guideShot_popup_list",
  settings: "guideShot_settings",
  "popup-reminder": "guideShot_popup_reminder",
  "recovery-sheet": "guideShot_recovery_sheet",
  "settings-restored": "guideShot_settings_restored",
  "passkey-allow": "guideShot_passkey_allow",
  "passkey-window": "guideShot_passkey_window",
  "passkey-field": "guideShot_passkey_field",
  "passkey-popup": "guideShot_passkey_popup",
};

export const GUIDE_OUTLINE: GuideSection[] = [
  {
    title: "guideInstallTitle",
    blocks: [
      { kind: "name", text: "Google Chrome" },
      {
        kind: "steps",
        keys: ["guideInstallChrome1", "guideInstallChrome2", "guideInstallChrome3", "guideInstallChrome4"],
      },
      { kind: "name", text: "Microsoft Edge" },
      {
        kind: "steps",
        keys: ["guideInstallEdge1", "guideInstallEdge2", "guideInstallEdge3", "guideInstallEdge4"],
      },
    ],
  },
  {
    title: "guideCreateTitle",
    blocks: [
      { kind: "steps", keys: ["guideCreate1", "guideCreate2", "guideCreate3"] },
      { kind: "shot", name: "popup-create" },
    ],
  },
  {
    title: "guideEnrollTitle",
    blocks: [
      { kind: "text", key: "guideEnrollIntro" },
      {
        kind: "steps",
        keys: ["guideEnroll1", "guideEnroll2", "guideEnroll3", "guideEnroll4", "guideEnroll5"],
      },
      { kind: "shot", name: "popup-add" },
      { kind: "shot", name: "popup-added" },
      { kind: "shot", name: "portal-filled" },
      { kind: "heading", key: "addScanRegion" },
      { kind: "text", key: "guideRegion" },
      { kind: "shot", name: "overlay" },
      { kind: "heading", key: "addImageFile" },
      { kind: "text", key: "guideImage" },
    ],
  },
  {
    title: "guideSignInTitle",
    blocks: [
      { kind: "steps", keys: ["guideSignIn1", "guideSignIn2", "guideSignIn3"] },
      { kind: "shot", name: "popup-list" },
    ],
  },
  {
    title: "guideSettingsTitle",
    blocks: [
      { kind: "steps", keys: ["guideSettings1", "guideSettings2", "guideSettings3"] },
      { kind: "shot", name: "settings" },
    ],
  },
  {
    title: "guideSafetyTitle",
    blocks: [{ kind: "steps", keys: ["guideSafety1", "guideSafety2", "guideSafety3", "guideSafety4"] }],
  },
  {
    title: "guideBackupTitle",
    blocks: [
      { kind: "text", key: "guideBackupIntro" },
      { kind: "shot", name: "popup-reminder" },
      { kind: "steps", keys: ["guideBackup1", "guideBackup2", "guideBackup3"] },
      { kind: "shot", name: "recovery-sheet" },
      { kind: "heading", key: "guideRestoreHeading" },
      { kind: "steps", keys: ["guideRestore1", "guideRestore2", "guideRestore3"] },
      { kind: "shot", name: "settings-restored" },
    ],
  },
  {
    title: "guidePasskeyTitle",
    blocks: [
      { kind: "text", key: "guidePasskeyIntro" },
      { kind: "steps", keys: ["guidePasskey1", "guidePasskey2", "guidePasskey3"] },
      { kind: "shot", name: "passkey-allow" },
      { kind: "shot", name: "passkey-window" },
      { kind: "steps", keys: ["guidePasskey4", "guidePasskeyField"] },
      { kind: "shot", name: "passkey-field" },
      { kind: "steps", keys: ["guidePasskey5"] },
      { kind: "shot", name: "passkey-popup" },
      { kind: "text", key: "guidePasskeySafety" },
    ],
  },
];

export function shotCaptionKey(name: GuideShot): MessageKey {
  return SHOT_CAPTIONS[name];
}
