// A short, readable name for the browser and system behind a user agent: the passkey's default name and the
// client column of the security page's session list.
/** "Chrome / Windows" from a user agent, as a starting point for the passkey's name (the member edits it). */
export function deviceLabel(userAgent: string): string {
  const browser = [
    ["Edg/", "Edge"],
    ["Firefox/", "Firefox"],
    ["Chrome/", "Chrome"],
    ["Safari/", "Safari"],
  ].find(([marker]) => userAgent.includes(marker!))?.[1];
  const os = [
    ["Windows", "Windows"],
    ["Android", "Android"],
    ["iPhone", "iPhone"],
    ["iPad", "iPad"],
    ["Mac OS X", "Mac"],
    ["CrOS", "ChromeOS"],
    ["Linux", "Linux"],
  ].find(([marker]) => userAgent.includes(marker!))?.[1];
  return [browser, os].filter(Boolean).join(" / ");
}
