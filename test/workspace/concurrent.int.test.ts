import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { openStore } from "../../src/store/open.js";
import { extraWorktrees, git, orchestrateBranches } from "./git-fixture.js";
import { agent, mergesPerModule, runIdOf, runProject } from "./run-fixture.js";

/** Shell: wait for marker file `$1` (another agent's signal); the attempt's time limit ends a wait that never ends. */
const WAIT = (file: string) => `while [ ! -e ${file} ]; do sleep 0.01; done`;

function attemptsOf(root: string, runId: string, moduleId: string): { n: number; state: string; error?: string }[] {
  const store = openStore(root);
  try {
    return store.getAttempts(runId, moduleId).map((a) => ({ n: a.n, state: a.state, ...(a.error ? { error: a.error } : {}) }));
  } finally {
    store.close();
  }
}

describe("concurrent modules in their own worktrees", () => {
  it("never sees a concurrently running module it does not depend on, and always sees its dependencies", () => {
    // a and b run at once; c depends on a and starts while b still runs (b waits for c's signal).
    const { root, agents } = runProject([{ id: "a" }, { id: "b" }, { id: "c", deps: ["a"] }], { config: "timeoutMs: 20000\n" });
    const log = agents;
    agent(agents, "a", `mkdir -p src && echo a > src/a.txt\ntouch ${log}/a.started\n${WAIT(`${log}/b.started`)}\nls src > ${log}/a.ls`);
    agent(agents, "b", `mkdir -p src && echo b > src/b.txt\ntouch ${log}/b.started\n${WAIT(`${log}/a.started`)}\n${WAIT(`${log}/c.listed`)}\nls src > ${log}/b.ls`);
    agent(agents, "c", `mkdir -p src && echo c > src/c.txt\nls src > ${log}/c.ls\ntouch ${log}/c.listed`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const ls = (id: string) => readFileSync(join(log, `${id}.ls`), "utf8").trim().split("\n");
    // a finished after b wrote its file, c before b finished: neither saw b's file.
    expect(ls("a")).toEqual(["a.txt"]);
    expect(ls("b")).toEqual(["b.txt"]);
    // c started once a was merged: its dependency's file is there, the running b's is not.
    expect(ls("c")).toEqual(["a.txt", "c.txt"]);
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(git(root, "ls-tree", "--name-only", `${branch}:src`).split("\n")).toEqual(["a.txt", "b.txt", "c.txt"]);
  });

  it("fails the second of two modules editing the same lines with MERGE_CONFLICT; its retry from the new head resolves it", () => {
    const { root, agents } = runProject([{ id: "x" }, { id: "y" }], { files: { "shared.txt": "1\n2\n3\n" }, config: "timeoutMs: 20000\n" });
    const log = agents;
    agent(agents, "x", `printf '1\\nfrom x\\n3\\n' > shared.txt\ntouch ${log}/x.started\n${WAIT(`${log}/y.started`)}`);
    // y's first attempt finishes only once x is merged, so it is y that conflicts; its retry keeps both lines.
    agent(
      agents,
      "y",
      `if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then
  printf '1\\nfrom y\\n3\\n' > shared.txt
  touch ${log}/y.started
  until git show "orchestrate/$ORCHESTRATE_RUN_ID:shared.txt" | grep -q 'from x'; do sleep 0.01; done
else
  cp shared.txt ${log}/y2.saw
  printf '1\\nfrom x\\nfrom y\\n3\\n' > shared.txt
fi`,
    );
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const runId = runIdOf(root);
    expect(out.stdout).toContain("y: attempt 1 failed: merge conflict in shared.txt");
    expect(attemptsOf(root, runId, "x").map((a) => a.state)).toEqual(["done"]);
    const y = attemptsOf(root, runId, "y");
    expect(y.map((a) => a.state)).toEqual(["failed", "done"]);
    expect(y[0]!.error).toMatch(/^merging into orchestrate\/\S+ conflicts in shared\.txt:/);
    // The retry's prompt names the file and shows the hunk; the retry started from the head holding x's line.
    const prompt = runCli(["status", runId, "--prompt", "y", "--attempt", "2"], { cwd: root }).stdout;
    expect(prompt).toContain("conflicts in shared.txt");
    expect(prompt).toMatch(/shared\.txt:\nline 2:\n<<<<<<< [0-9a-f]+\nfrom x\n=======\nfrom y\n>>>>>>> [0-9a-f]+/);
    expect(readFileSync(join(agents, "y2.saw"), "utf8")).toBe("1\nfrom x\n3\n");
    // The failed attempt's work is kept as a patch.
    expect(readFileSync(join(root, `.orchestrate/runs/${runId}/y/attempt-1.diff`), "utf8")).toContain("+from y");
    const branch = `orchestrate/${runId}`;
    expect(git(root, "show", `${branch}:shared.txt`)).toBe("1\nfrom x\nfrom y\n3");
    expect(mergesPerModule(root, branch)).toEqual({ x: 1, y: 1 });
    const store = openStore(root);
    try {
      expect(store.getMerges(runId).map((m) => `${m.moduleId}#${m.n}:${m.state}`).sort()).toEqual(["x#1:merged", "y#1:failed", "y#2:merged"]);
    } finally {
      store.close();
    }
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual([branch]);
  });

  it("runs a module's gate in its own worktree, undisturbed by another agent's half-written file", () => {
    const gate = "sh -c 'rc=0; for f in src/*.sh; do sh -n \"$f\" || rc=1; done; touch LOG/{module}.gated; exit $rc'";
    const { root, agents } = runProject([{ id: "a", file: "src/a.sh" }, { id: "b", file: "src/b.sh" }], { config: "timeoutMs: 20000\n" });
    const log = agents;
    const config = readFileSync(join(root, "orchestrate.config.yaml"), "utf8");
    // Unconfined: the gate leaves its mark in the test's folder, outside the workspace, which the sandbox keeps read-only.
    const withGate = `${config}gates:\n  module:\n    - name: syntax\n      kind: command\n      sandbox: false\n      run: ${JSON.stringify(gate.replace("LOG", log))}\n`;
    writeFileSync(join(root, "orchestrate.config.yaml"), withGate);
    git(root, "commit", "-qam", "gate");
    agent(agents, "a", `mkdir -p src && echo 'echo a' > src/a.sh\n${WAIT(`${log}/b.broken`)}`);
    // b leaves a broken file and waits while a's gate runs, then finishes it.
    agent(agents, "b", `mkdir -p src && echo 'if then (' > src/b.sh\ntouch ${log}/b.broken\n${WAIT(`${log}/a.gated`)}\necho 'echo b' > src/b.sh`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const runId = runIdOf(root);
    expect(attemptsOf(root, runId, "a").map((a) => a.state)).toEqual(["done"]);
    expect(attemptsOf(root, runId, "b").map((a) => a.state)).toEqual(["done"]);
    expect(existsSync(join(log, "b.gated"))).toBe(true);
  });
});
