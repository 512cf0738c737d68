import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { spawnCli } from "../helpers/queue.js";
import { git } from "./git-fixture.js";
import { agent, runIdOf, runProject } from "./run-fixture.js";

// A retry's worktree is made anew from the integration head; what it is given of the failed attempt's work.

const promptOf = (root: string, runId: string, id: string, n: number): string => readFileSync(join(root, ".orchestrate/runs", runId, id, `attempt-${n}.prompt.md`), "utf8");

describe("a retry in its own worktree", () => {
  it("goes on from the work its gate failed, and is told so: the draft it fixes is there, and a file only the first attempt wrote lands", () => {
    const { root, agents } = runProject([{ id: "m" }], { config: 'gates:\n  module: [ { name: done, kind: command, run: "grep -q good src/m.txt" } ]\n' });
    // Attempt 1 drafts two files; attempt 2 only edits the draft, which fails where the draft is missing.
    agent(agents, "m", [
      'if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then mkdir -p src && echo draft > src/m.txt && echo helper > src/helper.txt; exit 0; fi',
      "grep -q draft src/m.txt",
      "sed -i s/draft/good/ src/m.txt",
    ].join("\n"));
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const runId = runIdOf(root);
    expect(git(root, "show", `orchestrate/${runId}:src/m.txt`)).toBe("good");
    expect(git(root, "show", `orchestrate/${runId}:src/helper.txt`)).toBe("helper");
    const prompt = promptOf(root, runId, "m", 2);
    expect(prompt).toContain("</previous-error>\nFind the cause and fix it in this attempt.\nYour workspace holds attempt 1's changes as it left them: fix what failed rather than start again.\n");
    expect(prompt).not.toContain("{{");
  });

  it("after Ctrl-C and `resume`, still goes on from the work its gate failed", async () => {
    const { root, agents } = runProject([{ id: "m" }], { config: 'graceMs: 100\ngates:\n  module: [ { name: done, kind: command, run: "grep -q good src/m.txt" } ]\n' });
    const waiting = join(agents, "attempt-2-started");
    // Attempt 1 drafts and fails its gate; attempt 2 waits for Ctrl-C; attempt 3 (resumed) only edits the draft.
    agent(agents, "m", [
      'if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then mkdir -p src && echo draft > src/m.txt; exit 0; fi',
      `if [ "$ORCHESTRATE_ATTEMPT" = 2 ]; then touch ${waiting}; sleep 60; fi`,
      "grep -q draft src/m.txt",
      "sed -i s/draft/good/ src/m.txt",
    ].join("\n"));
    const first = spawnCli(["run", "implement system"], root);
    while (!existsSync(waiting)) await sleep(50);
    first.child.kill("SIGINT");
    expect(await first.exited, first.stderr()).toBe(130);
    const runId = runIdOf(root);
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(git(root, "show", `orchestrate/${runId}:src/m.txt`)).toBe("good");
    expect(promptOf(root, runId, "m", 3)).toContain("Your workspace holds attempt 2's changes as it left them: fix what failed rather than start again.\n");
  }, 60_000);

  it("starts again without an ownership failure's work, told where that work is kept", () => {
    const { root, agents } = runProject([{ id: "a", file: "src/a.txt" }, { id: "b", file: "src/b.txt" }], { config: "ownership: fail\n" });
    agent(agents, "a", [
      'if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then mkdir -p src && echo a > src/a.txt && echo "not mine" > src/b.txt; exit 0; fi',
      "! grep -qs \"not mine\" src/b.txt",
      "mkdir -p src && echo a > src/a.txt",
    ].join("\n"));
    agent(agents, "b", "mkdir -p src && echo b > src/b.txt");
    const out = runCli(["run", "implement system", "--concurrency", "1"], { cwd: root });
    expect(out.stderr).toContain("a (attempt 1) changed src/b.txt (owned by b)");
    expect(out.code).toBe(0);
    const runId = runIdOf(root);
    expect(git(root, "show", `orchestrate/${runId}:src/b.txt`)).toBe("b");
    const patch = join(root, ".orchestrate/runs", runId, "a", "attempt-1.diff");
    expect(promptOf(root, runId, "a", 2)).toContain(`Attempt 1's changes are not in your workspace, which starts again from the run's integration branch; they are kept as a patch in ${patch}.`);
    expect(readFileSync(patch, "utf8")).toContain("+not mine");
  });
});
