import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openRepo } from "../../src/workspace/repo.js";
import { RunWorktrees, type WorkspaceSetup } from "../../src/workspace/worktrees.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8", stdio: "pipe" });

/** A committed repository with tracked sources, an ignored `node_modules` in the checkout and a `build/` folder git ignores. */
async function project(setup: Partial<WorkspaceSetup> = {}): Promise<{ root: string; trees: RunWorktrees }> {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-reuse-"));
  roots.push(root);
  git(root, "init", "-q");
  writeFileSync(join(root, ".gitignore"), "node_modules\nbuild/\n");
  mkdirSync(join(root, "src"));
  for (const name of ["a", "b", "c"]) writeFileSync(join(root, "src", `${name}.ts`), `export const ${name} = 1;\n`);
  git(root, "add", "-A");
  git(root, "commit", "-qm", "start");
  mkdirSync(join(root, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(root, "node_modules", "dep", "index.js"), "module.exports = 1;\n");
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  const trees = new RunWorktrees(repo, root, "run1", { share: ["node_modules"], timeoutMs: 10_000, ...setup });
  await trees.start(repo.head);
  return { root, trees };
}

const worktrees = (root: string) => git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree ")).length;
const attemptBranches = (root: string) => git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/attempts/").split("\n").filter(Boolean);

describe("a released worktree is reused by the next attempt", () => {
  it("moves it to the new attempt's path and resets it to the integration head as a new one would be", async () => {
    const { root, trees } = await project({ setup: "mkdir -p build && echo $RANDOM > build/out && echo ran >> ../setup.log" });
    const first = await trees.create("a-1", "orchestrate/attempts/run1/a/1");
    const untouched = statSync(join(first.dir, "src", "c.ts")).ino;
    // The attempt's work: an edit, a new tracked file, an untracked scratch file and ignored output.
    writeFileSync(join(first.dir, "src", "a.ts"), "export const a = 2;\n");
    writeFileSync(join(first.dir, "src", "new.ts"), "export const n = 1;\n");
    const { commit } = await trees.commit(first, "a: work");
    expect((await trees.merge(commit!, "Merge a")).ok).toBe(true);
    writeFileSync(join(first.dir, "scratch.txt"), "left behind\n");
    mkdirSync(join(first.dir, "build", "cache"), { recursive: true });
    writeFileSync(join(first.dir, "build", "cache", "x"), "stale\n");
    writeFileSync(join(first.dir, "src", "b.ts"), "half-written");
    trees.release(first);

    const second = await trees.create("b-1", "orchestrate/attempts/run1/b/1");
    expect(second.path).not.toBe(first.path);
    expect(existsSync(first.path)).toBe(false);
    // Reused, not checked out again: a file neither commit touched is the same file.
    expect(statSync(join(second.dir, "src", "c.ts")).ino).toBe(untouched);
    // What a new worktree of the head holds, and nothing else.
    expect(second.base).toBe(await trees.head());
    expect(git(second.dir, "rev-parse", "HEAD").trim()).toBe(second.base);
    expect(git(second.dir, "branch", "--show-current").trim()).toBe("orchestrate/attempts/run1/b/1");
    expect(readFileSync(join(second.dir, "src", "a.ts"), "utf8")).toBe("export const a = 2;\n");
    expect(readFileSync(join(second.dir, "src", "b.ts"), "utf8")).toBe("export const b = 1;\n");
    expect(existsSync(join(second.dir, "scratch.txt"))).toBe(false);
    expect(readdirSync(join(second.dir, "build"))).toEqual(["out"]);
    expect(git(second.dir, "status", "--porcelain")).toBe("");
    // The shared link is made again; the main checkout's folder it points to is untouched.
    expect(lstatSync(join(second.dir, "node_modules")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "node_modules", "dep", "index.js"), "utf8")).toBe("module.exports = 1;\n");
    // The setup ran once in each worktree the attempts got.
    expect(readFileSync(join(root, ".orchestrate", "worktrees", "run1", "setup.log"), "utf8")).toBe("ran\nran\n");
    expect(worktrees(root)).toBe(2);

    trees.release(second);
    const head = await trees.create("head-1");
    expect(git(head.dir, "branch", "--show-current").trim()).toBe("");
    expect(git(head.dir, "rev-parse", "HEAD").trim()).toBe(await trees.head());
    trees.release(head);
    await trees.discard();
    expect(worktrees(root)).toBe(1);
    expect(attemptBranches(root)).toEqual([]);
  });

  it("makes a new worktree when the released one is gone", async () => {
    const { root, trees } = await project();
    const first = await trees.create("a-1", "orchestrate/attempts/run1/a/1");
    trees.release(first);
    rmSync(first.path, { recursive: true, force: true });
    const second = await trees.create("b-1", "orchestrate/attempts/run1/b/1");
    expect(readFileSync(join(second.dir, "src", "a.ts"), "utf8")).toBe("export const a = 1;\n");
    expect(git(second.dir, "status", "--porcelain")).toBe("");
    trees.release(second);
    await trees.removeIdle();
    expect(worktrees(root)).toBe(1);
  });
});
