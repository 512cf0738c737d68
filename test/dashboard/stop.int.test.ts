import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { dashboardUrl, exitWithin, parts, start, stopAll, until } from "./process.js";
import { scriptedExample, withoutCliCheck } from "./scripted.js";

describe("Ctrl-C on `orchestrate dashboard`", () => {
  afterAll(stopAll);

  it("says it stopped and what it served (without the token); exit 0 when it cut no run short", async () => {
    const project = scriptedExample();
    try {
      const dashboard = start(project.root, ["dashboard", "--port", "0"]);
      const { base, token } = parts(await dashboardUrl(dashboard, "stdout"));
      dashboard.child.kill("SIGINT");
      expect(await dashboard.exited).toBe(0);
      const last = dashboard.stdout().trimEnd().split("\n").at(-1)!;
      expect(last).toBe(`orchestrate dashboard: stopped (SIGINT); it served ${base}/`);
      expect(last).not.toContain(token);
    } finally {
      project.remove();
    }
  }, 60_000);

  it("with a run it resumed still going: the run interrupted and resumable, its resume command printed, exit 130 as `run`'s", async () => {
    const project = scriptedExample(withoutCliCheck);
    try {
      const run = start(project.root, ["run", "implement layer/foundation"]);
      // Each step has its own bound, under the test's, so a step that hangs names itself.
      await until("an attempt", () => (/attempt 1 started/.test(run.stdout()) ? true : undefined), 60_000);
      run.child.kill("SIGINT");
      expect(await exitWithin(run, "the run after SIGINT", 40_000)).toBe(130);
      const runId = /orchestrate resume (\S+)/.exec(run.stdout())![1]!;

      const dashboard = start(project.root, ["dashboard", "--port", "0"]);
      const { base, token } = parts(await dashboardUrl(dashboard, "stdout"));
      const res = await fetch(`${base}/api/runs/${runId}/resume`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      expect(res.status, await res.clone().text()).toBe(200);
      await until("an attempt of the resumed run", () => (runCli(["status", runId, "--project", project.root]).stdout.includes("running") ? true : undefined), 40_000);
      dashboard.child.kill("SIGINT");
      expect(await exitWithin(dashboard, "the dashboard after SIGINT", 40_000), dashboard.stdout() + dashboard.stderr()).toBe(130);
      expect(dashboard.stdout()).toContain(`orchestrate dashboard: SIGINT: stopping the runs it resumed (${runId})`);
      expect(dashboard.stdout()).toContain(`Interrupted run ${runId}. Continue with: orchestrate resume ${runId}`);
      expect(JSON.parse(runCli(["status", runId, "--project", project.root, "--json"]).stdout)).toMatchObject({ runId, state: "interrupted" });
    } finally {
      project.remove();
    }
  }, 240_000);
});
