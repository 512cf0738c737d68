import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { spawnCli } from "../helpers/queue.js";
import { git } from "../workspace/git-fixture.js";
import { agent, runIdOf, runProject } from "../workspace/run-fixture.js";

interface Status { state: string; modules: { id: string; state: string; attempts: { n: number; state: string }[] }[] }

const lines = (file: string): number => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);

/**
 * A module whose agent counts its calls and whose gate waits, while `hold` exists, for the signal
 * sent once it has started (a file it writes): the run is stopped in the module's gate, after its agent.
 */
async function stoppedInGate(isolation: "worktree" | "shared", work = true): Promise<{ root: string; agents: string; calls: string; gates: string; hold: string }> {
  const { root, agents } = runProject([{ id: "m" }]);
  const calls = join(agents, "agent-calls");
  const gates = join(agents, "gate-runs");
  const started = join(agents, "gate-started");
  const hold = join(agents, "hold");
  writeFileSync(hold, "");
  writeFileSync(join(agents, "gate.sh"), `echo run >> ${gates}\ntouch ${started}\nwhile [ -e ${hold} ]; do sleep 0.05; done\n${work ? `test "$(cat src/m.txt)" = "m's work"\n` : ""}`);
  writeFileSync(join(root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${agents}/$ORCHESTRATE_MODULE.sh\n  prompt: file\nisolation: ${isolation}\nretries: 0\ngraceMs: 100\ngates:\n  discover: false\n  sandbox: false\n  module: [ { name: tests, kind: command, run: "sh ${agents}/gate.sh" } ]\n`);
  agent(agents, "m", `echo call >> ${calls}\n${work ? `mkdir -p src\nprintf "m's work" > src/m.txt` : ""}`);
  const run = spawnCli(["run", "implement system"], root);
  while (!existsSync(started) && run.child.exitCode === null) await sleep(50);
  run.child.kill("SIGINT");
  expect(await run.exited, run.stdout() + run.stderr()).toBe(130);
  return { root, agents, calls, gates, hold };
}

describe("a run stopped during a module's gate, its agent done", () => {
  it.each(["worktree", "shared"] as const)("resumes with the gate on the agent's work, not the agent again (isolation: %s)", async (isolation) => {
    const { root, calls, gates, hold } = await stoppedInGate(isolation);
    expect([lines(calls), lines(gates)]).toEqual([1, 1]);

    rmSync(hold);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain("m: attempt 2 started: the gate again on attempt 1's work, stopped in its gate (no agent)");
    // The agent ran once in all; the gate twice, the second time on the first attempt's work, which it passed.
    expect([lines(calls), lines(gates)]).toEqual([1, 2]);
    const status = JSON.parse(runCli(["status", "--json"], { cwd: root }).stdout) as Status;
    expect(status.state).toBe("done");
    expect(status.modules.map((m) => [m.id, m.state, m.attempts.map((a) => a.state)])).toEqual([["m", "done", ["cancelled", "done"]]]);
    if (isolation === "worktree") expect(git(root, "show", `orchestrate/${runIdOf(root)}:src/m.txt`)).toBe("m's work");
    else expect(readFileSync(join(root, "src/m.txt"), "utf8")).toBe("m's work");
  }, 120_000);

  it("gates again the work of an attempt that changed no file (no patch is kept), not the agent", async () => {
    const { root, calls, gates, hold } = await stoppedInGate("worktree", false);
    expect(existsSync(join(root, ".orchestrate", "runs", runIdOf(root), "m", "attempt-1.diff"))).toBe(false);
    rmSync(hold);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // Before: `warning: m: attempt 1's work cannot be gated again (no patch of its work was kept ...)`, and the agent ran again.
    expect(resumed.stderr).not.toContain("cannot be gated again");
    expect([lines(calls), lines(gates)]).toEqual([1, 2]);
  }, 120_000);

  it("runs the agent again when the stopped attempt's work is gone (its patch deleted)", async () => {
    const { root, calls, gates, hold } = await stoppedInGate("worktree");
    rmSync(join(root, ".orchestrate", "runs", runIdOf(root), "m", "attempt-1.diff"));
    rmSync(hold);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain("orchestrate: warning: m: attempt 1's work cannot be gated again (no patch of its work was kept in ");
    expect([lines(calls), lines(gates)]).toEqual([2, 2]);
  }, 120_000);
});
