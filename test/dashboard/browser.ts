import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`; scripts/system-deps.sh does it in `npm test`): no browser download. */
export const CHROMIUM = "/usr/bin/chromium";

/** Where screenshots go: gitignored, kept after the run to be looked at. */
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

export interface Launched {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile and nothing that phones home. */
export async function launchChromium(): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), "orchestrate-chromium-"));
  // A fresh user-data-dir each time: no state leaks between tests (Playwright wants it as the profile argument).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    // The page honours the OS's "reduce motion": a running node then does not pulse. The pulse repaints
    // every frame without a GPU, some 0.35 of a core here while a node runs; no test looks at it.
    reducedMotion: "reduce",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
