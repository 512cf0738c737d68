import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { makeProject, writeFiles } from "../helpers/project.js";

/**
 * Git in these tests sees no config but the repositories' own: no machine-wide or user
 * identity, hooks or signing, so a repository without `user.name` really has none. Set in
 * the test process, it reaches the code under test and every CLI the tests spawn.
 */
export const GIT_ENV = { HOME: mkdtempSync(join(tmpdir(), "orchestrate-home-")), GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" };
Object.assign(process.env, GIT_ENV);
afterAll(() => rmSync(GIT_ENV.HOME, { recursive: true, force: true }));

/** Runs git in `cwd` and answers its output, trimmed; a failure throws with git's message. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Commits everything in the checkout as the test's own user (the repository may have no identity). */
export function commitAll(root: string, message: string): string {
  git(root, "add", "-A");
  git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "--no-verify", "-m", message);
  return git(root, "rev-parse", "HEAD");
}

/** A repository on branch `main` with `files` in one commit; `identity: false` leaves it without a committer. */
export function makeRepo(files: Record<string, string>, opts: { identity?: boolean } = {}): string {
  const root = makeProject(files);
  git(root, "init", "-q", "-b", "main");
  if (opts.identity !== false) {
    git(root, "config", "user.name", "Repo User");
    git(root, "config", "user.email", "user@example.com");
  }
  commitAll(root, "initial");
  return root;
}

/** What the user sees of their checkout: HEAD, branch, index and working tree. */
export function checkout(root: string): { head: string; branch: string; status: string; index: string } {
  return { head: git(root, "rev-parse", "HEAD"), branch: git(root, "symbolic-ref", "-q", "--short", "HEAD"), status: git(root, "status", "--porcelain=v1", "--untracked-files=all"), index: git(root, "ls-files", "-s") };
}

/** Worktrees git knows of besides the main checkout. */
export function extraWorktrees(root: string): string[] {
  return git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree ")).slice(1);
}

/** Branches under `orchestrate/`. */
export function orchestrateBranches(root: string): string[] {
  return git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/").split("\n").filter(Boolean);
}

export { writeFiles };
