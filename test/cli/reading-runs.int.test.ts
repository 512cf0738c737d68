import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";
import type { SqliteStore } from "../../src/store/sqlite.js";

/** Two modules in one layer, run once with the offline agent and no gates. */
function ranProject(): { root: string; runId: string } {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/TIDES_AGENT.md": moduleSpec({ module: "pkg/tides.py" }),
    ".claude/layers/core/modules/HARBOURS_AGENT.md": moduleSpec({ module: "pkg/harbours.py" }),
    "pkg/tides.py": "",
    "pkg/harbours.py": "",
    "orchestrate.config.yaml": "agent: simulate\ngates:\n  discover: false\n",
  });
  expect(runCli(["run", "implement system", "--project", root]).code).toBe(0);
  const store = openStore(root);
  const runId = store.listRunHeads(1)[0]!.id;
  store.close();
  return { root, runId };
}

describe("a run whose stored plan cannot be read", () => {
  it("status and report show what the store holds, then one line naming the run and what to do, exit 2; clean still works", () => {
    const { root, runId } = ranProject();
    const store = openStore(root) as SqliteStore;
    store.db.prepare("UPDATE runs SET plan = '{cut short' WHERE id = ?").run(runId);
    store.close();
    for (const args of [["status"], ["status", runId], ["report"], ["status", "--json"]]) {
      const out = runCli([...args, "--project", root]);
      expect(out.code, args.join(" ")).toBe(2);
      expect(out.stderr.trim().split("\n")).toStrictEqual([
        `orchestrate: Run ${runId}: its stored plan cannot be read (its row in .orchestrate/state.db is damaged), so it is shown without its plan; start a new run with \`orchestrate run\`, and \`orchestrate clean ${runId}\` removes its worktrees and branches`,
      ]);
      expect(out.stdout).toContain("tides");
    }
    expect(runCli(["status", "--project", root]).stdout).toMatch(/✓ tides\s+done/);
    const resume = runCli(["resume", runId, "--project", root]);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain(`The stored plan of run ${runId} cannot be read`);
    expect(resume.stderr).not.toContain("    at ");
    const clean = runCli(["clean", runId, "--project", root]);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
  });
});

describe("a run whose process is gone claims no module is running", () => {
  it("status, status --json and report show the module cut off as pending, its open attempt cancelled", async () => {
    const { root, runId } = ranProject();
    const store = openStore(root);
    // As a `kill -9` leaves it: the run and one module recorded running, an attempt open, a lock holder that is no process.
    store.setRunState(runId, "running", Date.now());
    store.startAttempt(runId, "tides", { kind: "implement", agent: "simulate", promptPath: "p.md", at: Date.now() });
    store.takeLock({ pid: 4194305, startTime: "gone", runId, since: Date.now() }, () => false);
    store.close();
    const status = (await cliHere(["status", "--project", root])).stdout;
    expect(status).toContain("interrupted (process gone");
    expect(status).not.toMatch(/\brunning\b/);
    expect(status).toMatch(/· tides\s+pending\s+2 attempts .*cut off: its run's process is gone/);
    const json = JSON.parse((await cliHere(["status", "--json", "--project", root])).stdout) as { modules: { id: string; state: string; attempts: { state: string }[] }[] };
    expect(json.modules.find((m) => m.id === "tides")).toMatchObject({ state: "pending", attempts: [{ state: "done" }, { state: "cancelled" }] });
    const report = (await cliHere(["report", "--project", root])).stdout;
    expect(report).not.toContain("🔄");
    expect(report).not.toMatch(/\brunning\b/);
  });
});
