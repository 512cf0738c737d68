import { afterAll, beforeAll } from "vitest";
import type { Page } from "playwright-core";
import { launchChromium, type Launched } from "./browser.js";
import { dashboardUrl, parts, start, stopAll } from "./process.js";

/** Chromium for the tests of one `describe` that start the CLI's processes (`start`). */
export interface ChromiumSuite {
  /** A new page of the suite's browser. */
  newPage(): Promise<Page>;
  /**
   * Starts `orchestrate dashboard` on `root`, opens its address on a new page (trading the
   * token for the cookie) and hands the page and the dashboard's base address to `look`; the
   * page closes and the dashboard stops after, whatever `look` did.
   */
  onDashboard(root: string, look: (page: Page, base: string) => Promise<void>): Promise<void>;
}

/**
 * Launches Chromium before the `describe` it is called in and closes it after, stopping every
 * process `start` made that still runs (a test that timed out never reaches its own `finally`).
 */
export function chromiumSuite(): ChromiumSuite {
  let browser: Launched | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    stopAll();
    await browser?.close();
  });
  const newPage = () => {
    if (!browser) throw new Error("Chromium is not running: call chromiumSuite() inside a describe, and pages only in its tests");
    return browser.context.newPage();
  };
  return {
    newPage,
    async onDashboard(root, look) {
      const dashboard = start(root, ["dashboard", "--port", "0"]);
      const url = await dashboardUrl(dashboard, "stdout");
      const page = await newPage();
      try {
        await page.goto(url);
        await look(page, parts(url).base);
      } finally {
        await page.close();
        dashboard.child.kill("SIGTERM");
        await dashboard.exited;
      }
    },
  };
}
