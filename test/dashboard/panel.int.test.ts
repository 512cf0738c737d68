import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { chromiumSuite } from "./suite.js";

// The module panel at an address whose module the run does not have (a stale link, a typo).

describe("the module panel in Chromium", () => {
  const { onDashboard } = chromiumSuite();

  it("a module the run does not have: its error panel closes like any panel, and opening a real module then shows that module", async () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
      ".claude/layers/core/modules/TIDES_AGENT.md": moduleSpec({ module: "src/tides.js", body: "## Purpose\n\nTide tables.\n" }),
      "orchestrate.config.yaml": "agent: simulate\nisolation: shared\n",
    });
    expect(runCli(["run", "implement tides", "--project", root]).code).toBe(0);
    const runId = (JSON.parse(runCli(["status", "--json", "--project", root]).stdout) as { runId: string }).runId;
    await onDashboard(root, async (page, base) => {
      await page.goto(`${base}/#/runs/${runId}/nosuch`);
      const panel = page.locator('aside.panel[data-detail-error="nosuch"]');
      await panel.waitFor();
      expect(await panel.locator(".error").textContent()).toBe(`No module \`nosuch\` in run ${runId}`);
      await panel.locator('button[title="close"]').click();
      await panel.waitFor({ state: "detached" });
      expect(new URL(page.url()).hash).toBe(`#/runs/${runId}`);
      expect(await page.locator("aside.panel").count()).toBe(0);

      // After an error, another module's address shows that module, not the old error.
      await page.goto(`${base}/#/runs/${runId}/nosuch`);
      await panel.waitFor();
      await page.goto(`${base}/#/runs/${runId}/tides`);
      await page.locator('aside.panel[data-detail="tides"]').waitFor();
      expect(await page.locator("aside.panel[data-detail-error]").count()).toBe(0);
    });
  }, 120_000);
});
