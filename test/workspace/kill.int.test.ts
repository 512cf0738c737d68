import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { openStore } from "../../src/store/open.js";
import { extraWorktrees, git, orchestrateBranches } from "./git-fixture.js";
import { agent, mergesPerModule, runIdOf, runProject } from "./run-fixture.js";

/** Starts `orchestrate run` and answers its exit: by a signal, or `kill()` (SIGKILL) from the test. */
function startRun(root: string, env: Record<string, string> = {}): { exited: Promise<NodeJS.Signals | number | null>; kill: () => void } {
  const child = spawn(process.execPath, [BIN, "run", "implement system"], { cwd: root, env: { ...process.env, CI: "true", NO_COLOR: "1", ...env }, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { exited, kill: () => child.kill("SIGKILL") };
}

/** Resolves once `file` exists (an agent's signal that it is where the test wants it). */
async function appears(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Whether `pid` runs (a zombie, which no init of a container may reap, does not). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

function storeView(root: string, runId: string): { state: string; attempts: Record<string, string[]>; merges: string[] } {
  const store = openStore(root);
  try {
    const attempts: Record<string, string[]> = {};
    for (const m of store.getModules(runId)) attempts[m.moduleId] = store.getAttempts(runId, m.moduleId).map((a) => `${a.n}:${a.state}`);
    return { state: store.getRun(runId)!.state, attempts, merges: store.getMerges(runId).map((m) => `${m.moduleId}#${m.n}:${m.state}`).sort() };
  } finally {
    store.close();
  }
}

const MODULES = [{ id: "a" }, { id: "b" }, { id: "c", deps: ["a"] }, { id: "d", deps: ["b"] }];

describe("kill -9 of an isolated run, then resume", () => {
  it("during an attempt: the killed attempt's worktree is discarded and recreated, every module merged once, nothing stray", async () => {
    const { root, agents } = runProject(MODULES, { config: "timeoutMs: 20000\n" });
    for (const id of ["a", "c", "d"]) agent(agents, id, `mkdir -p src && echo ${id} > src/${id}.txt`);
    // b's first attempt leaves a half-written file and hangs, once a is merged, until it is killed.
    agent(
      agents,
      "b",
      `if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then
  mkdir -p src && echo half > src/b.txt
  echo $$ > ${agents}/b1.pid
  until git show "orchestrate/$ORCHESTRATE_RUN_ID:src/a.txt" >/dev/null 2>&1; do sleep 0.01; done
  touch ${agents}/b1.hung
  i=0; while [ $i -lt 2000 ]; do sleep 0.01; i=$((i+1)); done
  exit 1
fi
ls .. > ${agents}/b2.siblings
ls src > ${agents}/b2.src 2>/dev/null || true
mkdir -p src && echo b > src/b.txt`,
    );
    const run = startRun(root);
    await appears(join(agents, "b1.hung"));
    run.kill();
    expect(await run.exited).toBe("SIGKILL");
    const runId = runIdOf(root);
    // The killed process left b's worktree behind.
    expect(existsSync(join(root, `.orchestrate/worktrees/${runId}/b-1`))).toBe(true);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // The orphaned agent was ended, its worktree gone before the retry started in a new one of the head.
    expect(alive(Number(readFileSync(join(agents, "b1.pid"), "utf8")))).toBe(false);
    expect(readFileSync(join(agents, "b2.siblings"), "utf8")).not.toContain("b-1");
    expect(readFileSync(join(agents, "b2.src"), "utf8")).not.toContain("b.txt");
    const branch = `orchestrate/${runId}`;
    expect(mergesPerModule(root, branch)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    expect(git(root, "show", `${branch}:src/b.txt`)).toBe("b");
    const view = storeView(root, runId);
    expect(view.state).toBe("done");
    expect(view.attempts["b"]!.at(-1)).toBe("2:done");
    // c starts once a is merged, so the kill may cut its first attempt too: each module merged once, whichever attempt.
    const merged = view.merges.filter((m) => m.endsWith(":merged"));
    expect(merged.map((m) => m.split("#")[0]).sort()).toEqual(["a", "b", "c", "d"]);
    expect(merged).toContain("b#2:merged");
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual([branch]);
  });

  it("during a merge, after the integration branch moved and before the store recorded it: the merge is settled from git, never done twice", async () => {
    const { root, agents } = runProject(MODULES, { config: "timeoutMs: 20000\n" });
    for (const { id } of MODULES) agent(agents, id, `mkdir -p src && echo ${id} > src/${id}.txt`);
    const run = startRun(root, { ORCHESTRATE_TEST_KILL_AT: "after-merge-ref" });
    expect(await run.exited).toBe("SIGKILL");
    const runId = runIdOf(root);
    const branch = `orchestrate/${runId}`;
    // Killed right after the first merge: git has it, the store has it pending.
    const first = Object.keys(mergesPerModule(root, branch));
    expect(first).toHaveLength(1);
    expect(storeView(root, runId).merges).toContain(`${first[0]}#1:pending`);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(mergesPerModule(root, branch)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    const view = storeView(root, runId);
    expect(view.state).toBe("done");
    // The merged module's attempt was finished from its pending merge, not run again.
    expect(view.attempts[first[0]!]).toEqual(["1:done"]);
    expect(view.merges.filter((m) => m.endsWith(":merged")).map((m) => m.split("#")[0])).toEqual(["a", "b", "c", "d"]);
    for (const { id } of MODULES) expect(git(root, "show", `${branch}:src/${id}.txt`)).toBe(id);
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual([branch]);
  });
});
