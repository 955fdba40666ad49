// The signature counter. A relying party (the portal, through @simplewebauthn) refuses an assertion whose
// counter is not greater than the one it stored, once either is non-zero. Our passkeys live in a vault that
// is meant to be backed up and restored: a plain per-use counter restored from last month's backup would be
// lower than what the site saw, and the member would be locked out exactly when recovering. So the counter
// is the later of "one more than last time" and the current time in seconds: it rises on every use, and
// still rises after a restore. (A copy used in parallel is not detected — a backup is such a copy by design.)
export function nextSignCount(previous: number, now = Date.now()): number {
  return Math.min(0xffff_ffff, Math.max(previous + 1, Math.floor(now / 1000)));
}
