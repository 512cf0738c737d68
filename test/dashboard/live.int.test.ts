import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ModuleDetail, RunDetail, RunRow } from "../../src/dashboard/server/views.js";
import { runCli } from "../helpers/cli.js";
import { artifact } from "./browser.js";
import { nodeStates, recordStates, seen } from "./page.js";
import { dashboardUrl, parts, start, until, type Child } from "./process.js";
import { scriptedExample, withoutCliCheck, type Scripted } from "./scripted.js";
import { storedEvents } from "./stream.js";
import { chromiumSuite } from "./suite.js";

async function api<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Lets each module go once the page shows it running, checking that its dependencies show
 * done by then; returns when every module was let go. `each` runs after every release.
 */
async function releaseAsShown(page: Page, project: Scripted, deps: Map<string, string[]>, each?: (released: number) => Promise<void>): Promise<void> {
  const released = new Set<string>();
  while (released.size < deps.size) {
    // Up to a minute: on a loaded machine a layer gate (a worktree, the suite so far) can hold the next module that long.
    const running = await until(
      "a module the page shows running",
      async () => {
        const states = await nodeStates(page);
        const fresh = Object.entries(states).filter(([id, s]) => s === "running" && !released.has(id));
        return fresh.length ? { states, ids: fresh.map(([id]) => id) } : undefined;
      },
      60_000,
    );
    for (const id of running.ids) {
      for (const d of deps.get(id) ?? []) expect(running.states[d], `${id} runs before its dependency ${d} is done`).toBe("done");
      released.add(id);
      project.release(id);
    }
    await each?.(released.size);
  }
}

/** Saves a process's output beside the screenshots: what to read when a test here fails. */
function keepLog(name: string, ...children: Child[]): void {
  writeFileSync(artifact(name), children.map((c) => `${c.stdout()}\n--- stderr\n${c.stderr()}`).join("\n=====\n"));
}

describe("the dashboard in Chromium, on live runs of the example", () => {
  const browser = chromiumSuite();

  it("shows another process's run: nodes change state in dependency order within a second; a module's prompt, gate output and cost", async () => {
    const project = scriptedExample();
    const dashboard = start(project.root, ["dashboard", "--port", "0"]);
    const url = await dashboardUrl(dashboard, "stdout");
    const { base, token } = parts(url);
    const page = await browser.newPage();
    const run = start(project.root, ["run", "implement system"]);
    try {
      await recordStates(page);
      // The page loads (and trades the URL's token for its cookie) while the run starts.
      const [runId] = await Promise.all([until("the run", async () => (await api<RunRow[]>(base, token, "/api/runs"))[0]?.id), page.goto(url)]);
      const detail = await api<RunDetail>(base, token, `/api/runs/${runId}`);
      await page.goto(`${base}/#/runs/${runId}`);
      await page.waitForSelector(`[data-run="${runId}"][data-run-state="running"]`);
      await releaseAsShown(page, project, new Map(detail.nodes.map((n) => [n.id, n.dependsOn])), async (n) => {
        if (n === 5) await page.screenshot({ path: artifact("graph-live.png") });
      });
      expect(await run.exited).toBe(0);
      await page.waitForSelector(`[data-run="${runId}"][data-run-state="done"]`);
      expect(Object.values(await nodeStates(page))).toEqual(detail.nodes.map(() => "done"));
      await page.screenshot({ path: artifact("graph-done.png") });

      // Every transition the store recorded (from the page's first look on) reached the page within a second.
      const shown = await seen(page);
      const stored = (await storedEvents(base, token, runId)).filter((e) => e.type === "module:state" && e.at >= shown[0]!.at);
      const lags = stored.map((e) => {
        const state = (e.data as { state: string }).state;
        const on = shown.find((s) => s.module === e.moduleId && s.state === state && s.at >= e.at - 50);
        return { module: e.moduleId, state, lag: on ? on.at - e.at : Infinity };
      });
      // A module is validating for a moment only (its gate): the page may show running, then done.
      expect(lags.filter((l) => l.state !== "validating" && l.lag > 1000)).toEqual([]);
      expect(lags.filter((l) => l.state === "done")).toHaveLength(detail.nodes.length);
      process.stdout.write(`dashboard lag, store row -> page: max ${Math.max(...lags.filter((l) => Number.isFinite(l.lag)).map((l) => l.lag))} ms over ${lags.length} transitions\n`);

      // A module's detail: the prompt sent, the gate's output, tokens and cost.
      await page.click('g[data-module="journal"]');
      const panel = page.locator('[data-detail="journal"]');
      await panel.waitFor();
      await expect.poll(() => panel.locator("[data-prompt]").textContent()).toContain("journal");
      await panel.locator(".gate summary", { hasText: "tests" }).click();
      expect(await panel.locator(".gate-output").first().textContent()).toMatch(/Ran \d+ tests?/);
      expect(await panel.locator("[data-cost]").first().textContent()).toContain("1,540 tokens");
      expect(await panel.locator("[data-cost]").first().textContent()).toContain("$0.01");
      expect(await panel.textContent()).toContain("ledger/core/journal.py");
      await page.screenshot({ path: artifact("module-detail.png") });
      const module = await api<ModuleDetail>(base, token, `/api/runs/${runId}/modules/journal`);
      expect(module.attempts[0]!.gate!.checks.map((c) => c.name)).toEqual(["tests", "architecture"]);
    } finally {
      await page.close();
      run.child.kill("SIGKILL");
      dashboard.child.kill("SIGTERM");
      await dashboard.exited;
      keepLog("live-order.log", run, dashboard);
      project.remove();
    }
    // The whole example (seven waves, four gates running its suite): 87-110 s on 2 cores at a load of 12-15, over 120 s above that.
  }, 180_000);

  it("cancels another process's run (SIGINT: exit 130, resumable), survives its own restart, then resumes the run in its process", async () => {
    // One layer of the example (errors, then events and money on it): this test is about the cancel and the resume, not the
    // plan's size. The system gate then keeps its tests but not its smoke test of the cli, a module outside the layer.
    const project = scriptedExample(withoutCliCheck);
    let dashboard = start(project.root, ["dashboard", "--port", "0"]);
    const url = await dashboardUrl(dashboard, "stdout");
    const { base, port, token } = parts(url);
    const page = await browser.newPage();
    const run = start(project.root, ["run", "implement layer/foundation"]);
    try {
      const [runId] = await Promise.all([until("the run", async () => (await api<RunRow[]>(base, token, "/api/runs"))[0]?.id), page.goto(url)]);
      const detail = await api<RunDetail>(base, token, `/api/runs/${runId}`);
      expect(detail.nodes.map((n) => n.id).sort()).toEqual(["errors", "events", "money"]);
      await page.goto(`${base}/#/runs/${runId}`);
      await page.waitForSelector('g[data-module="errors"][data-state="running"]');
      await page.click('[data-action="cancel"]');
      // Ctrl-C in the CLI's terms: the grace period, the attempt cancelled, exit 130.
      expect(await run.exited).toBe(130);
      expect(run.stdout()).toContain(`orchestrate resume ${runId}`);
      await page.waitForSelector(`[data-run="${runId}"][data-run-state="interrupted"]`);
      const status = runCli(["status", runId, "--project", project.root]);
      expect(status.stdout).toMatch(/interrupted/);

      // The dashboard restarts on its port; the open page (not reloaded) finds it again.
      await page.evaluate("window.__notReloaded = true");
      dashboard.child.kill("SIGTERM");
      expect(await dashboard.exited).toBe(0);
      dashboard = start(project.root, ["dashboard", "--port", String(port)]);
      await dashboardUrl(dashboard, "stdout");
      await page.click('[data-action="resume"]');
      await page.waitForSelector(`[data-run="${runId}"][data-run-state="running"]`);
      await releaseAsShown(page, project, new Map(detail.nodes.map((n) => [n.id, n.dependsOn])));
      await page.waitForSelector(`[data-run="${runId}"][data-run-state="done"]`, { timeout: 30_000 });
      expect(await page.evaluate("window.__notReloaded")).toBe(true);
      const errors = await api<ModuleDetail>(base, token, `/api/runs/${runId}/modules/errors`);
      expect(errors.attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
      expect(runCli(["status", runId, "--project", project.root]).stdout).toMatch(/done/);
    } finally {
      await page.close();
      run.child.kill("SIGKILL");
      dashboard.child.kill("SIGTERM");
      await dashboard.exited;
      keepLog("cancel-resume.log", run, dashboard);
      project.remove();
    }
  }, 120_000);

  it("`run --dashboard` asks for the token, and its cancel is the run's own Ctrl-C (exit 130, resumable)", async () => {
    const project = scriptedExample();
    const run = start(project.root, ["run", "implement system", "--dashboard"]);
    const page = await browser.newPage();
    try {
      const url = await dashboardUrl(run, "stderr");
      const { base, token } = parts(url);
      // This port's cookie is not set yet: without the URL's token, the browser gets 401.
      expect((await page.goto(`${base}/`))?.status()).toBe(401);
      expect(await page.textContent("body")).toContain("Unauthorized");
      const [runId] = await Promise.all([until("the run", async () => (await api<RunRow[]>(base, token, "/api/runs"))[0]?.id), page.goto(url)]);
      await page.goto(`${base}/#/runs/${runId}`);
      await page.waitForSelector('g[data-module="errors"][data-state="running"]');
      await page.screenshot({ path: artifact("run-dashboard.png") });
      await page.click('[data-action="cancel"]');
      expect(await run.exited).toBe(130);
      expect(run.stdout()).toContain(`orchestrate resume ${runId}`);
      const status = runCli(["status", runId, "--project", project.root, "--json"]);
      expect(JSON.parse(status.stdout)).toMatchObject({ runId, state: "interrupted" });
    } finally {
      await page.close();
      run.child.kill("SIGKILL");
      keepLog("run-dashboard.log", run);
      project.remove();
    }
  }, 120_000);
});
