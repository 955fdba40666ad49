// Tells the member that the PC clock is off from a site's by more than 15 s, whether the codes are corrected,
// and where to set the clock right (the Windows or macOS steps; both on other systems).
import type { SkewWarning } from "../clock/clock-skew";
import { t } from "../i18n";

interface Props {
  warning: SkewWarning;
  /** The site whose time the PC clock was compared with. */
  origin: string;
}

/** 1分30秒 / 1 min 30 s; hours and minutes beyond an hour. */
function duration(seconds: number): string {
  if (seconds >= 3600)
    return t("clockHoursMinutes", Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60);
  if (seconds >= 60) return t("clockMinutesSeconds", Math.floor(seconds / 60), seconds % 60);
  return t("clockSeconds", seconds);
}

export function ClockWarning({ warning, origin }: Props) {
  const host = new URL(origin).host;
  const system = navigator.userAgent;
  const windows = !system.includes("Mac OS X");
  const mac = !system.includes("Windows");
  return (
    <section class="warning clock-warning" role="alert">
      <p>
        <strong>
          {t(warning.direction === "ahead" ? "clockAhead" : "clockBehind", duration(warning.seconds), host)}
        </strong>
      </p>
      <p>{t(warning.corrected ? "clockCorrected" : "clockNotCorrected")}</p>
      <ul>
        {windows && <li>{t("clockFixWindows")}</li>}
        {mac && <li>{t("clockFixMac")}</li>}
      </ul>
    </section>
  );
}
