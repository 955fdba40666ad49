// The member guide's pictures one build's run takes in its language: popup-over-page captures, composed once
// the run has them all (while its browser is still open), and the closing check that every picture the guide
// names was written by this run and that the Markdown guide is up to date.
import { statSync } from "node:fs";
import type { Browser, Page } from "puppeteer-core";
import { expect } from "vitest";
import { expectGuideUpToDate } from "./guide-markdown";
import { capturePopupOverPage, guideFile, type PopupOverPage, writePopupOverPage } from "./guide-shots";

export class GuideRun {
  private readonly startedAt = Date.now();
  private readonly captures: { name: string; capture: PopupOverPage }[] = [];

  constructor(private readonly lang: "ja" | "en") {}

  /** Both pictures now (the popup may close later), under the guide's name `name`. */
  async capturePopup(name: string, page: Page, popup: Page): Promise<void> {
    this.captures.push({ name, capture: await capturePopupOverPage(page, popup) });
  }

  async writeComposites(browser: Browser): Promise<void> {
    for (const { name, capture } of this.captures.splice(0)) {
      await writePopupOverPage(browser, capture, name, this.lang);
    }
  }

  /** Each of `names` was written since the run started; returns the guide's Markdown, checked up to date. */
  expectWritten(names: readonly string[]): string {
    for (const name of names) {
      expect(statSync(guideFile(name, this.lang)).mtimeMs).toBeGreaterThan(this.startedAt);
    }
    return expectGuideUpToDate(this.lang);
  }
}
