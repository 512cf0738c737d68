import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { runCli } from "../helpers/cli.js";
import { freePort } from "../helpers/redis.js";
import { exampleProject } from "../mcp/process.js";
import { EMPTY_PLAN } from "../store/helpers.js";
import { chromiumSuite } from "./suite.js";

/**
 * A run queued on a Redis that is gone for good: the page's "Resume here" goes on in the dashboard's
 * process (`resume --no-queue`) and says which jobs workers may still hold.
 */
describe("the dashboard's Resume here, of a queued run", () => {
  const browser = chromiumSuite();

  it("resumes it in the dashboard's process, the warning naming the module whose job a worker may hold", async () => {
    const project = exampleProject("agent: simulate\n");
    const port = await freePort();
    const store = openStore(project.root);
    store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url: `redis://127.0.0.1:${port}` } }), at: 1, modules: [{ moduleId: "money", layer: "foundation" }] });
    store.startAttempt("r1", "money", { kind: "implement", agent: "simulate", promptPath: "p.md", at: 2 });
    store.setRunState("r1", "interrupted", 3);
    store.close();
    try {
      await browser.onDashboard(project.root, async (page, base) => {
        await page.goto(`${base}/#/runs/r1`);
        await page.waitForSelector('[data-run="r1"][data-run-state="interrupted"]');
        // Both ways: on its queue, or here.
        expect(await page.locator('[data-action="resume"]').count()).toBe(1);
        await page.click('[data-action="resume-local"]');
        const notice = await page.waitForSelector("[data-notice]");
        expect(await notice.textContent()).toMatch(new RegExp(`^run r1's queue redis://127\\.0\\.0\\.1:${port}/? does not answer \\(.+\\): workers may still hold the jobs of money; cut off from Redis a worker pushes nothing, and this process runs those modules itself$`));
        await page.waitForSelector('[data-run="r1"][data-run-state="done"]', { timeout: 30_000 });
      });
      const status = JSON.parse(runCli(["status", "r1", "--json", "--project", project.root]).stdout) as { state: string; modules: { id: string; attempts: { state: string; worker?: string }[] }[] };
      expect(status.state).toBe("done");
    } finally {
      project.remove();
    }
  }, 120_000);
});
