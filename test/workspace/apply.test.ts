import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyBranch, commitDirty, openRepo, type Repo } from "../../src/workspace/index.js";
import { conflictHunks } from "../../src/workspace/conflict.js";
import { makeProject } from "../helpers/project.js";
import { checkout, commitAll, git, makeRepo } from "./git-fixture.js";

async function repoAt(root: string): Promise<Repo> {
  const repo = await openRepo(root);
  if ("reason" in repo) throw new Error(repo.reason);
  return repo;
}

/** An integration branch `orchestrate/r1` one commit ahead of main, changing `file`. */
function withRunBranch(root: string, file: string, text: string): string {
  git(root, "checkout", "-q", "-b", "orchestrate/r1");
  writeFileSync(join(root, file), text);
  const commit = commitAll(root, "run work");
  git(root, "checkout", "-q", "main");
  return commit;
}

describe("applyBranch", () => {
  it("fast-forwards a clean checkout whose branch has not moved", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const work = withRunBranch(root, "b.txt", "b\n");
    const applied = await applyBranch(root, "orchestrate/r1", true);
    expect(applied).toEqual({ ok: true, message: "fast-forwarded main to orchestrate/r1 (1 commit)" });
    expect(git(root, "rev-parse", "HEAD")).toBe(work);
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("merges when the user's branch moved since the run started", async () => {
    const root = makeRepo({ "a.txt": "a\n" }, { identity: false });
    withRunBranch(root, "b.txt", "b\n");
    writeFileSync(join(root, "c.txt"), "c\n");
    const mine = commitAll(root, "my own work");
    const applied = await applyBranch(root, "orchestrate/r1", false);
    expect(applied).toEqual({ ok: true, message: "merged orchestrate/r1 into main (main had moved since the run started)" });
    expect(git(root, "rev-parse", "HEAD^1")).toBe(mine);
    expect(readFileSync(join(root, "b.txt"), "utf8")).toBe("b\n");
  });

  it("says the branch is already in when it is", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    git(root, "branch", "orchestrate/r1");
    expect(await applyBranch(root, "orchestrate/r1", true)).toEqual({ ok: true, message: "main already holds orchestrate/r1" });
  });

  it("refuses a dirty checkout and changes nothing", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    withRunBranch(root, "b.txt", "b\n");
    writeFileSync(join(root, "a.txt"), "mine, unsaved\n");
    git(root, "add", "a.txt");
    writeFileSync(join(root, "notes.txt"), "untracked\n");
    const before = checkout(root);
    const applied = await applyBranch(root, "orchestrate/r1", true);
    expect(applied.ok).toBe(false);
    expect(applied.message).toBe("not applied: the working tree has uncommitted changes (a.txt); commit or stash them, then `git merge orchestrate/r1`");
    expect(checkout(root)).toEqual(before);
  });

  it("leaves untracked files to git: one the branch does not touch stays, one it would overwrite refuses with git's reason", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const work = withRunBranch(root, "b.txt", "b\n");
    writeFileSync(join(root, "b.txt"), "my own b\n");
    const before = checkout(root);
    const refused = await applyBranch(root, "orchestrate/r1", true);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^not applied: .*untracked working tree files would be overwritten/);
    expect(checkout(root)).toEqual(before);

    writeFileSync(join(root, "notes.txt"), "untracked\n");
    git(root, "stash", "-q", "-u");
    writeFileSync(join(root, "notes.txt"), "untracked\n");
    const applied = await applyBranch(root, "orchestrate/r1", true);
    expect(applied.ok).toBe(true);
    expect(git(root, "rev-parse", "HEAD")).toBe(work);
    expect(readFileSync(join(root, "notes.txt"), "utf8")).toBe("untracked\n");
  });

  it("applies a run started with --include-dirty: the changes it committed first are set aside and come back with the branch", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    writeFileSync(join(root, "a.txt"), "a, edited before the run\n");
    writeFileSync(join(root, "new.txt"), "new before the run\n");
    const repo = await repoAt(root);
    const base = (await commitDirty(repo, root, "dirty"))!;
    git(root, "branch", "orchestrate/r1", base);
    git(root, "stash", "-q", "-u");
    git(root, "checkout", "-q", "orchestrate/r1");
    writeFileSync(join(root, "b.txt"), "b\n");
    const work = commitAll(root, "run work");
    git(root, "checkout", "-q", "main");
    git(root, "stash", "pop", "-q");
    const stashes = git(root, "stash", "list");
    expect(await applyBranch(root, "orchestrate/r1", true)).toMatchObject({ ok: false });
    const applied = await applyBranch(root, "orchestrate/r1", true, base);
    expect(applied).toEqual({ ok: true, message: "fast-forwarded main to orchestrate/r1 (2 commits)" });
    expect(git(root, "rev-parse", "HEAD")).toBe(work);
    expect(git(root, "status", "--porcelain")).toBe("");
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("a, edited before the run\n");
    expect(git(root, "stash", "list")).toBe(stashes);
  });

  it("leaves nothing in the temporary folder: the index it compares the working tree through is removed", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    writeFileSync(join(root, "a.txt"), "a, edited before the run\n");
    const tmp = makeProject({});
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const base = (await commitDirty(await repoAt(root), root, "dirty"))!;
      git(root, "branch", "orchestrate/r1", base);
      git(root, "stash", "-q");
      git(root, "checkout", "-q", "orchestrate/r1");
      writeFileSync(join(root, "b.txt"), "b\n");
      commitAll(root, "run work");
      git(root, "checkout", "-q", "main");
      git(root, "stash", "pop", "-q");
      expect(await applyBranch(root, "orchestrate/r1", true, base)).toMatchObject({ ok: true });
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("refuses a detached HEAD and changes nothing", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    withRunBranch(root, "b.txt", "b\n");
    git(root, "checkout", "-q", "--detach");
    const head = git(root, "rev-parse", "HEAD");
    const applied = await applyBranch(root, "orchestrate/r1", true);
    // A merge there would be a commit on no branch: the advice switches to main, the one branch at HEAD, first.
    expect(applied).toEqual({ ok: false, message: "not applied: HEAD is detached, so a merge there would be on no branch; switch to a branch first: `git switch main && git merge orchestrate/r1`" });
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });

  it("on a detached HEAD no branch points at, names no branch to switch to", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    withRunBranch(root, "b.txt", "b\n");
    git(root, "checkout", "-q", "--detach");
    writeFileSync(join(root, "c.txt"), "c\n");
    commitAll(root, "a commit on no branch");
    const applied = await applyBranch(root, "orchestrate/r1", true);
    expect(applied.message).toBe("not applied: HEAD is detached, so a merge there would be on no branch; switch to a branch first: `git switch <your branch> && git merge orchestrate/r1`");
  });

  it("aborts a merge that conflicts and leaves the checkout as it was", async () => {
    const root = makeRepo({ "a.txt": "1\n2\n3\n" });
    withRunBranch(root, "a.txt", "1\nrun\n3\n");
    writeFileSync(join(root, "a.txt"), "1\nmine\n3\n");
    commitAll(root, "my edit");
    const before = checkout(root);
    const applied = await applyBranch(root, "orchestrate/r1", true);
    expect(applied).toEqual({ ok: false, message: "not applied: merging orchestrate/r1 into main conflicts in a.txt; the checkout is as it was" });
    expect(checkout(root)).toEqual(before);
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("1\nmine\n3\n");
  });
});

describe("commitDirty", () => {
  it("commits staged, unstaged and untracked changes on top of HEAD, the user's index and files unchanged", async () => {
    const root = makeRepo({ "a.txt": "a\n", "b.txt": "b\n", "gone.txt": "gone\n", ".gitignore": "*.log\n" });
    writeFileSync(join(root, "a.txt"), "a staged\n");
    git(root, "add", "a.txt");
    writeFileSync(join(root, "a.txt"), "a staged, then edited\n");
    writeFileSync(join(root, "b.txt"), "b unstaged\n");
    git(root, "rm", "-q", "gone.txt");
    writeFileSync(join(root, "new.txt"), "untracked\n");
    writeFileSync(join(root, "debug.log"), "ignored\n");
    const before = checkout(root);
    const repo = await repoAt(root);
    const commit = await commitDirty(repo, root, "dirty");
    expect(commit).toBeDefined();
    expect(git(root, "rev-parse", `${commit}^`)).toBe(repo.head);
    expect(git(root, "show", `${commit}:a.txt`)).toBe("a staged, then edited");
    expect(git(root, "show", `${commit}:b.txt`)).toBe("b unstaged");
    expect(git(root, "show", `${commit}:new.txt`)).toBe("untracked");
    expect(git(root, "ls-tree", "--name-only", commit!)).toBe(".gitignore\na.txt\nb.txt\nnew.txt");
    expect(checkout(root)).toEqual(before);
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("a staged, then edited\n");
  });

  it("answers nothing for a clean checkout, and leaves .orchestrate/ out", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    const repo = await repoAt(root);
    writeFileSync(join(root, "a.txt"), "a\n");
    expect(await commitDirty(repo, root, "dirty")).toBeUndefined();
    git(root, "config", "core.excludesFile", "/dev/null");
    writeFileSync(join(root, ".orchestrate"), "");
    expect(await commitDirty(repo, root, "dirty")).toBeUndefined();
  });

  it("commits the changes of a checkout where an earlier run left .orchestrate/, which git ignores", async () => {
    const root = makeRepo({ "a.txt": "a\n" });
    // What a run leaves: its state folder, listed in the repository's own exclude file.
    mkdirSync(join(root, ".orchestrate"));
    writeFileSync(join(root, ".orchestrate", "state.db"), "state");
    appendFileSync(join(root, ".git", "info", "exclude"), ".orchestrate/\n");
    writeFileSync(join(root, "a.txt"), "a dirty\n");
    const commit = await commitDirty(await repoAt(root), root, "dirty");
    expect(git(root, "show", `${commit}:a.txt`)).toBe("a dirty");
    expect(git(root, "ls-tree", "-r", "--name-only", commit!)).toBe("a.txt");
  });

  it("commits only the project's folder of a monorepo, in a repository with no identity", async () => {
    const root = makeRepo({ "packages/app/a.txt": "a\n", "other/o.txt": "o\n" }, { identity: false });
    writeFileSync(join(root, "packages/app/a.txt"), "a dirty\n");
    writeFileSync(join(root, "other/o.txt"), "o dirty\n");
    const project = join(root, "packages/app");
    const commit = await commitDirty(await repoAt(project), project, "dirty");
    expect(git(root, "show", `${commit}:packages/app/a.txt`)).toBe("a dirty");
    expect(git(root, "show", `${commit}:other/o.txt`)).toBe("o");
    expect(git(root, "log", "-1", "--format=%an", commit!)).toBe("orchestrate");
  });
});

describe("conflictHunks", () => {
  it("answers each conflicting region with its line, and caps the text", () => {
    const text = "a\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\nb\n<<<<<<< ours\n1\n=======\n2\n>>>>>>> theirs\n";
    expect(conflictHunks(text)).toBe("line 2:\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n\nline 8:\n<<<<<<< ours\n1\n=======\n2\n>>>>>>> theirs");
    expect(conflictHunks(text, 10)).toBe("line 2:\n<<\n… (86 more characters)");
    expect(conflictHunks("no markers\n")).toBe("");
  });
});
