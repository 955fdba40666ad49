// The member guide's structure, shared by the extension page (GuidePage.tsx) and the Markdown copy that the
// end-to-end run writes into docs/ next to its screenshots. Texts are catalogue keys; shots are file stems.
export type GuideBlock =
  | { kind: "heading"; key: string; literal?: string }
  | { kind: "text"; key: string }
  | { kind: "steps"; prefix: string; count: number }
  | { kind: "shot"; name: string };

export interface GuideSection {
  title: string;
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

export const GUIDE_OUTLINE: GuideSection[] = [
  {
    title: "guideInstallTitle",
    blocks: [
      { kind: "heading", key: "", literal: "Google Chrome" },
      { kind: "steps", prefix: "guideInstallChrome", count: 4 },
      { kind: "heading", key: "", literal: "Microsoft Edge" },
      { kind: "steps", prefix: "guideInstallEdge", count: 4 },
    ],
  },
  {
    title: "guideCreateTitle",
    blocks: [
      { kind: "steps", prefix: "guideCreate", count: 3 },
      { kind: "shot", name: "popup-create" },
    ],
  },
  {
    title: "guideEnrollTitle",
    blocks: [
      { kind: "text", key: "guideEnrollIntro" },
      { kind: "steps", prefix: "guideEnroll", count: 5 },
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
      { kind: "steps", prefix: "guideSignIn", count: 3 },
      { kind: "shot", name: "popup-list" },
    ],
  },
  {
    title: "guideSettingsTitle",
    blocks: [
      { kind: "steps", prefix: "guideSettings", count: 3 },
      { kind: "shot", name: "settings" },
    ],
  },
  { title: "guideSafetyTitle", blocks: [{ kind: "steps", prefix: "guideSafety", count: 4 }] },
  {
    title: "guideBackupTitle",
    blocks: [
      { kind: "text", key: "guideBackupIntro" },
      { kind: "shot", name: "popup-reminder" },
      { kind: "steps", prefix: "guideBackup", count: 3 },
      { kind: "shot", name: "recovery-sheet" },
      { kind: "heading", key: "guideRestoreHeading" },
      { kind: "steps", prefix: "guideRestore", count: 3 },
      { kind: "shot", name: "settings-restored" },
    ],
  },
];

export function shotCaptionKey(name: string): string {
  return `guideShot_${name.replace(/-/g, "_")}`;
}
