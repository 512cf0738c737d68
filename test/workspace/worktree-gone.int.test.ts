import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stageWork, WorkspaceError } from "../../src/workspace/git.js";
import { runCli } from "../helpers/cli.js";
import { git, makeRepo } from "./git-fixture.js";
import { agent, runIdOf, runProject } from "./run-fixture.js";

/**
 * An attempt's worktree deleted under it (by hand, a cleanup script, an agent that removed its
 * own folder): the attempt fails and its retry runs in a new worktree. It was a raw ENOENT out
 * of the run ("unexpected error; please report it", a stack), the run cut off mid-way.
 */
describe("an attempt whose worktree is deleted while its agent runs", () => {
  it("fails that attempt, saying its worktree is gone; the retry in a new worktree lands, and the other modules go on", () => {
    const { root, agents } = runProject([{ id: "a" }, { id: "b" }], { config: 'gates:\n  module: [ { name: present, kind: command, run: "test -f src/{module}.txt" } ]\n' });
    // Attempt 1 of `a` writes its file, then its whole worktree goes (its `.git` file with it).
    agent(agents, "a", ['mkdir -p src && echo a > src/a.txt', 'if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then top=$(git rev-parse --show-toplevel); cd / && rm -rf "$top"; fi'].join("\n"));
    agent(agents, "b", "mkdir -p src && echo b > src/b.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.stderr).not.toContain("unexpected error");
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/a: attempt 1 failed: .*worktree .*a-1 is gone \(deleted while its agent ran\?\)/);
    const runId = runIdOf(root);
    expect(git(root, "show", `orchestrate/${runId}:src/a.txt`)).toBe("a");
    expect(git(root, "show", `orchestrate/${runId}:src/b.txt`)).toBe("b");
    // Nothing of the lost worktree is left registered with git.
    expect(git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree "))).toHaveLength(1);
  }, 30_000);
});

describe("keeping an attempt's work (stageWork, a local attempt's and a worker's)", () => {
  it("in a worktree deleted under it: a WorkspaceError saying the worktree is gone, not ENOENT", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const top = join(mkdtempSync(join(tmpdir(), "orchestrate-gone-")), "tree");
    try {
      git(root, "worktree", "add", "-q", "--detach", top);
      rmSync(top, { recursive: true, force: true });
      const kept = stageWork(top, top, [".orchestrate"]);
      await expect(kept).rejects.toBeInstanceOf(WorkspaceError);
      await expect(kept).rejects.toThrow(`the attempt's worktree ${top} is gone (deleted while its agent ran?)`);
    } finally {
      rmSync(join(top, ".."), { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
