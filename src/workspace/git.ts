import { lstatSync } from "node:fs";
import { copyFile, readFile, rm, stat, utimes } from "node:fs/promises";
import { join, resolve } from "node:path";
import { git, type GitOutput } from "../agents/git.js";
import { OrchestrateError } from "../errors.js";

/**
 * Flags for every commit orchestrate makes: the user's hooks (husky, pre-commit) and
 * signing are for their own commits, not for an agent's work in a throw-away worktree,
 * and a machine with no `user.email` must still commit.
 */
export const COMMIT_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false"];
export const IDENTITY = { GIT_AUTHOR_NAME: "orchestrate", GIT_AUTHOR_EMAIL: "orchestrate@localhost", GIT_COMMITTER_NAME: "orchestrate", GIT_COMMITTER_EMAIL: "orchestrate@localhost" };

/** A git command that failed where the run needed it to succeed. */
export class WorkspaceError extends OrchestrateError {
  override name = "WorkspaceError";
  constructor(message: string, options?: ErrorOptions) {
    super("WORKSPACE", message, {}, options);
  }
}

/** Runs git in `cwd` and answers its stdout; a non-zero exit is a WorkspaceError naming the command and git's message. */
export async function gitOk(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const out = await gitRun(args, cwd, env);
  if (out.code !== 0) throw gitFailed(args, cwd, out);
  return out.stdout;
}

/** The WorkspaceError of a git command that failed: the command and git's message. */
export function gitFailed(args: string[], cwd: string, out: GitOutput): WorkspaceError {
  return new WorkspaceError(`git ${args.join(" ")} failed in ${cwd}: ${(out.stderr || out.stdout).trim().split("\n").slice(0, 5).join(" / ")}`);
}

export async function gitRun(args: string[], cwd: string, env?: NodeJS.ProcessEnv, input?: string): Promise<GitOutput> {
  try {
    return await git(args, cwd, env ? { ...process.env, ...env } : process.env, input);
  } catch (error) {
    throw new WorkspaceError(`git could not be started in ${cwd}: ${(error as Error).message}`, { cause: error });
  }
}

/** Commits with orchestrate's identity where the repository has none, never running the user's hooks or signing. */
export async function gitCommitting(args: string[], cwd: string, hasIdentity: boolean): Promise<string> {
  return gitOk([...COMMIT_CONFIG, ...args], cwd, hasIdentity ? undefined : IDENTITY);
}

/**
 * Commits what is staged in `dir` (as `gitCommitting`; in the index `env` names, if any); answers false when nothing is. The
 * commit is tried first, most attempts having work to commit, and only a failed one asks git
 * whether anything was staged: a commit that fails with work staged is an error.
 */
export async function commitStaged(dir: string, message: string, hasIdentity: boolean, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const args = [...COMMIT_CONFIG, "commit", "-q", "--no-verify", "-m", message];
  const out = await gitRun(args, dir, hasIdentity ? env : { ...IDENTITY, ...env });
  if (out.code === 0) return true;
  if ((await gitRun(["diff", "--cached", "--quiet"], dir, env)).code === 0) return false;
  throw gitFailed(args, dir, out);
}

/** Whether the repository (or the user's global config) names a committer: the last `user.name` and `user.email` each set and not blank, read in one `git config`. */
export async function hasIdentity(cwd: string): Promise<boolean> {
  const out = await gitRun(["config", "-z", "--get-regexp", "^user\\.(name|email)$"], cwd);
  // `key\nvalue` records (a key with no value has no newline); a later value of a key overrides an earlier one, as `git config <key>` answers the last.
  const last = new Map<string, string>();
  for (const entry of out.stdout.split("\0")) {
    const nl = entry.indexOf("\n");
    if (entry) last.set(nl < 0 ? entry : entry.slice(0, nl), nl < 0 ? "" : entry.slice(nl + 1));
  }
  return (last.get("user.name") ?? "").trim() !== "" && (last.get("user.email") ?? "").trim() !== "";
}

/**
 * Stages everything changed in `dir` but the `excluded` paths (orchestrate's folder, shared
 * links) and `left` (what `workspace.setup` left there, paths from the repository's top), by
 * exclude pathspecs read from stdin: the setup's thousands of files would pass the command
 * line's length limit. `git add` exits 1 when an exclude pathspec names a path that exists
 * and git ignores (it counts it as an ignored path given on the command line), as
 * `.orchestrate/` in the repository's exclude file or `node_modules` in `.gitignore` and
 * `workspace.share` are; an ignored path is never added anyway, so those go unexcluded. Only a
 * path that exists can be that: when none does, git is not asked.
 */
export async function addAll(dir: string, excluded: readonly string[], left: readonly string[] = [], env?: NodeJS.ProcessEnv): Promise<GitOutput> {
  let ignored = new Set<string>();
  if (excluded.some((p) => pathExists(join(dir, p)))) {
    const out = await gitRun(["check-ignore", "--", ...excluded], dir, env);
    if (out.code === 0) ignored = new Set(out.stdout.split("\n"));
  }
  const pathspecs = [".", ...excluded.filter((p) => !ignored.has(p)).map((p) => `:(exclude)${p}`), ...NEVER_COMMITTED, ...left.map((p) => `:(top,exclude,literal)${p}`)];
  const args = ["add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"];
  const out = await gitRun(args, dir, env, pathspecs.join("\0"));
  return out.code === 0 ? out : Promise.reject(gitFailed(args, dir, out));
}

/**
 * What `workspace.setup` left in a worktree, as `setupLeft` lists it: a path, or a folder it made
 * (`.build/`, listed once rather than its thousands of files: git matches every exclude pathspec
 * against every path) and everything in it.
 */
export function leftBySetup(left: readonly string[] = []): (path: string) => boolean {
  const files = new Set(left);
  const folders = left.filter((p) => p.endsWith("/"));
  return (path) => files.has(path) || folders.some((f) => path.startsWith(f));
}

/**
 * The attempt's work as it stands in the worktree at `top` (its project folder `dir`), its gate
 * about to run: everything `addAll` stages, staged in a copy of the worktree's index. The
 * worktree's own index and files stay as they are (the gate sees them so); what the gate writes
 * after is in neither. Answers the copy's path, which `GIT_INDEX_FILE` names to commit or diff
 * that work (`workEnv`).
 */
export async function stageWork(top: string, dir: string, excluded: readonly string[], left: readonly string[] = []): Promise<string> {
  // A worktree deleted under its attempt (by hand, a cleanup script, its agent) has no `.git` left: said so, not as a raw ENOENT.
  if (!pathExists(join(top, ".git"))) throw new WorkspaceError(`the attempt's worktree ${top} is gone (deleted while its agent ran?): its work cannot be kept; a retry starts in a new worktree`);
  try {
    const index = join(await gitDirOf(top), "index");
    const work = workIndexOf(index);
    // A copy keeps the index's file stats: git hashes only what changed, not every file of the checkout.
    // And its time: git trusts an entry's stats only when the file is older than the index, else reads
    // it ("racy git"); a copy made now would vouch for a file the agent rewrote, same size, in the
    // same clock tick as the checkout (a retry's shared.txt "a" over "b": its commit left it out).
    const { atime, mtime } = await stat(index);
    await copyFile(index, work);
    await utimes(work, atime, mtime);
    await addAll(dir, excluded, left, workEnv(work));
    return work;
  } catch (error) {
    // A full disk (ENOSPC), a folder made unwritable: the attempt's failure, not the run's (or the worker's) crash.
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError(`the attempt's work in ${top} could not be kept: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * After a passing gate, stages in `work` (`stageWork`'s index) what the gate changed in files that
 * work holds, the tree the gate passed being what is committed: a lock file `cargo test` or
 * `npm install` brought up to date with the agent's manifest (else the branch holds a manifest and a
 * lock file that disagree, and every later build rewrites it). Not what the gate added (`target/`,
 * `.pytest_cache/`: its output), nor a file it deleted (a clean step, not a change of the work), nor
 * the paths `stageWork` leaves out. Answers the files, from the repository's top.
 */
export async function stageGateChanges(dir: string, work: string, excluded: readonly string[], left: readonly string[] = []): Promise<string[]> {
  const env = workEnv(work);
  const out = await gitOk(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=MT", "--", ".", ...excluded.map((p) => `:(exclude)${p}`), ...NEVER_COMMITTED], dir, env);
  const bySetup = leftBySetup(left);
  const changed = out.split("\0").filter((p) => p && !bySetup(p));
  if (!changed.length) return [];
  // On stdin, as `addAll`'s: a gate may change more files than a command line holds.
  const args = ["add", "--pathspec-from-file=-", "--pathspec-file-nul"];
  const added = await gitRun(args, dir, env, changed.map((p) => `:(top,literal)${p}`).join("\0"));
  if (added.code !== 0) throw gitFailed(args, dir, added);
  return changed.sort();
}

/** The environment of a git command reading or committing the work `stageWork` staged. */
export const workEnv = (work: string): NodeJS.ProcessEnv => ({ GIT_INDEX_FILE: work });

/** Where `stageWork` keeps the work of the worktree whose index is `index`. */
const workIndexOf = (index: string): string => `${index}.orchestrate-work`;

/** The index of the work `stageWork` kept in the worktree at `top` (its gate had started), or undefined when it kept none. */
export async function keptWorkIndex(top: string): Promise<string | undefined> {
  if (!pathExists(join(top, ".git"))) return undefined;
  const work = workIndexOf(join(await gitDirOf(top), "index"));
  return pathExists(work) ? work : undefined;
}

/** Forgets the work an earlier attempt kept in the worktree at `top`: a worktree reused by another attempt must not offer it as that one's. */
export async function dropKeptWork(top: string): Promise<void> {
  await rm(workIndexOf(join(await gitDirOf(top), "index")), { force: true });
}

/** The git folder of the worktree at `top`, read from its `.git` file (`gitdir: …`) rather than by starting git. */
async function gitDirOf(top: string): Promise<string> {
  const dotGit = join(top, ".git");
  const text = await readFile(dotGit, "utf8").catch(() => undefined);
  const named = text?.startsWith("gitdir: ") ? text.slice("gitdir: ".length).trim() : undefined;
  return named ? resolve(top, named) : dotGit;
}

/**
 * Python's bytecode caches, left out of every commit orchestrate makes even where the
 * project's `.gitignore` does not name them: a gate's tests write them in the attempt's
 * worktree, each worktree's differ (they hold the sources' checkout times), and two attempts
 * of one package then conflicted on `pkg/__pycache__/__init__.cpython-311.pyc` when merged.
 */
export const NEVER_COMMITTED = [":(exclude,glob)**/__pycache__/**", ":(exclude,glob)**/*.py[co]"];

/** Whether anything is at `path`, a dangling link included. */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
