import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";
import { exitWithin, start, until } from "./process.js";
import { chromiumSuite } from "./suite.js";

// A gate SIGTERM cuts off past graceMs judged nothing: `status` and `report` say it stopped before
// it finished (resume runs it again), and so must the page. The gate's command says it started (a
// file), then waits while `slow` exists: the test holds it there whatever the machine's load.
const WAIT = `touch started; while [ -e slow ]; do sleep 0.05; done; echo checked`;

/** The example with one held gate at `level`, run on `request` and stopped by SIGTERM while the gate runs. */
async function stoppedInGate(level: "module" | "system", request: string): Promise<{ root: string; runId: string }> {
  const root = exampleCopy(`agent: simulate\ngraceMs: 200\ngates:\n  discover: false\n  sandbox: false\n  ${level}:\n    - name: wait\n      kind: command\n      run: "${WAIT}"\n`);
  writeFileSync(join(root, "slow"), "");
  const run = start(root, ["run", request]);
  await until("the gate's command", () => (existsSync(join(root, "started")) ? true : undefined), 60_000);
  run.child.kill("SIGTERM");
  expect(await exitWithin(run, "the run after SIGTERM", 40_000)).toBe(130);
  const runId = /orchestrate resume (\S+)/.exec(run.stdout())![1]!;
  return { root, runId };
}

describe("a gate a signal stopped, in Chromium", () => {
  const { onDashboard } = chromiumSuite();

  it("the system gate: the report tab says stopped before it finished, as `status` does, not failed", async () => {
    const { root, runId } = await stoppedInGate("system", "implement system");
    expect(runCli(["status", "--project", root]).stdout).toMatch(/system: stopped · wait cancelled/);
    await onDashboard(root, async (page, base) => {
      await page.goto(`${base}/#/runs/${runId}`);
      await page.locator('[data-run-state="interrupted"]').waitFor();
      await page.locator('button[data-tab="report"]').click();
      const gate = page.locator(".report p", { hasText: "System gate:" });
      await gate.waitFor();
      expect(await gate.getAttribute("data-gate")).toBe("stopped");
      expect(await gate.textContent()).toBe("System gate: stopped before it finished (resume runs it again) — wait cancelled");
      expect(await page.locator(".report").textContent()).not.toContain("failed");
    });
  }, 180_000);

  it("a module gate: the attempt's gate in the module's panel is stopped, its running check too, and no failure is shown", async () => {
    const { root, runId } = await stoppedInGate("module", "implement money");
    expect(runCli(["status", "--project", root]).stdout).toMatch(/gate: stopped · wait cancelled/);
    await onDashboard(root, async (page, base) => {
      await page.goto(`${base}/#/runs/${runId}/money`);
      const gate = page.locator('aside.panel[data-detail="money"] section[data-attempt="1"] .gate');
      await gate.waitFor();
      expect(await gate.getAttribute("data-gate")).toBe("stopped");
      expect(await gate.locator("b").textContent()).toBe("Gate stopped before it finished (resume runs it again)");
      expect(await gate.locator("summary").textContent()).toMatch(/^■ wait \(command\) cancelled$/);
      expect(await page.locator("aside.panel [data-failure]").count()).toBe(0);
    });
  }, 180_000);
});
