import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, realpath, rm, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { conflictHunks } from "./conflict.js";
import { addAll, commitStaged, dropKeptWork, gitCommitting, gitFailed, gitOk, gitRun, leftBySetup, pathExists, stageGateChanges, stageWork, WorkspaceError, workEnv } from "./git.js";
import { gitAcross, gitPastAddedWorktrees, oneAtATime } from "./other-worktrees.js";
import { dirtyPaths, type Repo } from "./repo.js";
import { runSetup, type SetupLauncher } from "./setup.js";

/** How each worktree is made ready for work: `workspace.share` and `workspace.setup` of the config. */
export interface WorkspaceSetup {
  /** Paths of the project symlinked from the main checkout into each worktree (`node_modules`, `.venv`). */
  share: readonly string[];
  /** A shell command run once in each new worktree, in the project's folder of it (`npm ci`). */
  setup?: string;
  /** The setup command's time limit. */
  timeoutMs: number;
  /** Where the setup command runs (src/run/confinement.ts `setupLauncher`). @default unconfined, with the allow-listed environment */
  launch?: SetupLauncher;
}

/** One worktree of a run. */
export interface Worktree {
  /** Its top folder. */
  path: string;
  /** The project's folder in it, where agents and gates work. */
  dir: string;
  /** The commit it was made from. */
  base: string;
  /** Its branch; undefined for a detached worktree (gates, docs). */
  branch?: string;
  /** What `workspace.setup` added or changed there (paths from the repository's top, a folder it made as `dir/`): the setup's, never the attempt's work. */
  setupLeft?: string[];
  /** The index of the attempt's work as it stood when its gate started (`stageWork`): what is committed, with the passing gate's changes to its files (`Cargo.lock`) but never what it added (`target/`). */
  work?: string;
}

/** What merging an attempt's commit into the integration branch did. */
export type MergeResult = { ok: true; commit: string } | { ok: false; files: string[]; detail: string };

/** The run's integration branch: where every module's work lands, in dependency order. */
export const integrationBranch = (runId: string): string => `orchestrate/${runId}`;

/**
 * An attempt's branch. Not `orchestrate/<run>/<module>`: git keeps a branch as a file, so
 * `orchestrate/<run>` (the integration branch) cannot also be a folder of branches.
 */
export const attemptBranch = (runId: string, moduleId: string, n: number): string => `orchestrate/attempts/${runId}/${moduleId}/${n}`;

/** Where a run's worktrees live: under the project's `.orchestrate/`, which git is told to ignore. */
export const worktreesHome = (root: string, runId: string): string => join(root, ".orchestrate", "worktrees", runId);

/**
 * A run's worktrees and its integration branch, in the user's repository. The user's own
 * branch, index and working tree are never touched: work is committed in worktrees and
 * merged by writing trees and commits and moving the integration branch's ref.
 */
export class RunWorktrees {
  readonly branch: string;
  readonly home: string;
  private merging: Promise<unknown> = Promise.resolve();
  private made = 0;
  /** The integration head this run last set, while no other head was seen: what the next merge starts from. */
  private written: string | undefined;
  /** Released worktrees, reused by the next `create`. */
  private idle: Worktree[] = [];

  constructor(
    readonly repo: Repo,
    /** The project folder (in the main checkout). */
    readonly root: string,
    readonly runId: string,
    private readonly setup: WorkspaceSetup,
  ) {
    this.branch = integrationBranch(runId);
    this.home = worktreesHome(root, runId);
  }

  /** Makes the integration branch at `base` unless it exists (a resumed run); answers its head. */
  async start(base: string): Promise<string> {
    await ignoreStateFolder(this.root);
    const existing = await this.headOrNone();
    if (existing) return (this.written = existing);
    await gitOk(["branch", "--no-track", this.branch, base], this.root);
    return (this.written = base);
  }

  /** Whether the integration branch exists. */
  async exists(): Promise<boolean> {
    return (await this.headOrNone()) !== undefined;
  }

  /** The integration branch's commit. */
  async head(): Promise<string> {
    const head = await this.headOrNone();
    if (!head) throw new WorkspaceError(`the integration branch ${this.branch} is gone (deleted outside orchestrate?)`);
    return head;
  }

  private async headOrNone(): Promise<string | undefined> {
    const out = await gitRun(["rev-parse", "--verify", "-q", `refs/heads/${this.branch}`], this.root);
    return out.code === 0 ? out.stdout.trim() : undefined;
  }

  /**
   * A worktree at the integration head: on `branch` (made or reset there), or detached.
   * Shared paths are linked and the setup command has run when it returns. A worktree
   * released by an ended attempt is moved here and reset rather than a new one checked out.
   */
  async create(name: string, branch?: string, signal?: AbortSignal, setup = true, at?: string): Promise<Worktree> {
    const path = join(this.home, name);
    // A worktree a killed process left at this path goes first.
    if (existsSync(path)) await this.removePath(path);
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    const base = at ?? (await this.head());
    if (!(await this.reuse(path, base, branch))) await oneAtATime(this.root, () => gitAcross(["worktree", "add", "--quiet", ...(branch ? ["-B", branch] : ["--detach"]), path, base], this.root));
    const tree: Worktree = { path, dir: join(path, this.repo.prefix), base, ...(branch ? { branch } : {}) };
    try {
      const left = await this.prepare(tree.dir, signal, setup);
      if (left.length) tree.setupLeft = left;
    } catch (error) {
      await this.remove(tree);
      throw error;
    }
    return tree;
  }

  /**
   * Moves an idle worktree to `path` and resets it to `base` as a new one would be: its
   * tracked files as at `base`, nothing untracked or ignored (shared links and setup's
   * output included; `prepare` makes them again). Git writes only the files that differ,
   * where `worktree add` writes every file and `worktree remove` deletes every one: on a
   * repository of 10,000 files that is seconds an attempt. Answers false when there is none
   * to reuse or it could not be reset (it is removed then).
   */
  private async reuse(path: string, base: string, branch?: string): Promise<boolean> {
    const idle = this.idle.pop();
    if (!idle) return false;
    try {
      await oneAtATime(this.root, () => gitAcross(["worktree", "move", idle.path, path], this.root));
    } catch {
      await this.removePath(idle.path);
      return false;
    }
    try {
      // An attempt's branch is its own: git 2.44 on would otherwise read every worktree's admin folder to see it is checked out nowhere else.
      await gitOk(["checkout", "--quiet", "--force", "--ignore-other-worktrees", ...(branch ? ["-B", branch] : ["--detach"]), base, "--"], path);
      await gitOk(["clean", "--quiet", "-ffdx"], path);
      await dropKeptWork(path);
      return true;
    } catch {
      await this.removePath(path);
      return false;
    }
  }

  /** A detached worktree at the integration head for `fn` (gates, the docs step), released after; `setup: false` skips the setup command (the docs step needs no dependencies). */
  async atHead<T>(fn: (tree: Worktree) => Promise<T>, signal?: AbortSignal, setup = true): Promise<T> {
    const tree = await this.create(`head-${++this.made}`, undefined, signal, setup);
    try {
      return await fn(tree);
    } finally {
      this.release(tree);
    }
  }

  /** A detached worktree at `commit` (the run's base: a failed gate run again there), set up as a gate's is, released after. */
  async atCommit<T>(commit: string, fn: (tree: Worktree) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const tree = await this.create(`base-${++this.made}`, undefined, signal, true, commit);
    try {
      return await fn(tree);
    } finally {
      this.release(tree);
    }
  }

  /**
   * Hands back a worktree whose work is done (committed, or its diff saved): the next
   * `create` resets and reuses it. Its branch, if any, goes with the run's other attempt
   * branches in `discard`.
   */
  release(tree: Worktree): void {
    this.idle.push(tree);
  }

  /** Removes the released worktrees that no attempt reused. */
  async removeIdle(): Promise<void> {
    for (const tree of this.idle.splice(0)) await this.remove(tree);
  }

  /** Links the shared paths and runs the setup command; answers what the setup left in the worktree (as `git status` lists it). */
  private async prepare(dir: string, signal: AbortSignal | undefined, setup: boolean): Promise<string[]> {
    for (const shared of this.setup.share) {
      const from = join(this.root, shared);
      const to = join(dir, shared);
      if (!existsSync(from) || pathExists(to)) continue;
      await mkdir(dirname(to), { recursive: true });
      // To where it leads: the sandbox makes that readable, not the checkout's own link to it (a node_modules linked to a
      // shared store), which a hidden /tmp or home leaves dangling, and a gate's `npm test` then finds no `tsc`.
      await symlink(await realpath(from), to);
    }
    if (!this.setup.setup || !setup) return [];
    await runSetup({ command: this.setup.setup, timeoutMs: this.setup.timeoutMs, ...(this.setup.launch ? { launch: this.setup.launch } : {}) }, dir, signal);
    // A setup's output that git does not ignore (`cp -r assets .build` without `.build` in .gitignore) would otherwise be committed by every attempt.
    // A folder it made is one entry (`.build/`): git matches each exclude pathspec against every path, and 25,000 files' took it 10 s.
    return dirtyPaths(dir, [".orchestrate", ...this.setup.share], "normal");
  }

  /** Stages everything in the worktree but what is never the attempt's work (orchestrate's folder, the shared links, what the setup left). */
  private addAll(tree: Worktree): Promise<unknown> {
    return addAll(tree.dir, [".orchestrate", ...this.setup.share], tree.setupLeft);
  }

  /** Keeps the attempt's work as it is now, its gate about to run: what the gate then adds or deletes is left out of its commit and patch, and what it changes out of its patch. */
  async beforeGate(tree: Worktree): Promise<void> {
    tree.work = await stageWork(tree.path, tree.dir, [".orchestrate", ...this.setup.share], tree.setupLeft);
  }

  /** Files changed in the worktree's project folder since it was made, relative to that folder. */
  async changes(tree: Worktree): Promise<string[]> {
    const left = leftBySetup(tree.setupLeft);
    return (await dirtyPaths(tree.dir, [".orchestrate", ...this.setup.share])).filter((f) => !left(f)).map((f) => this.inProject(f)).sort();
  }

  /** A path from the repository's top (as `status` and `merge-tree` name it) relative to the project's folder, which is what the run speaks of. */
  private inProject(path: string): string {
    const { prefix } = this.repo;
    return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
  }

  /**
   * Commits everything changed in the worktree's project folder, or, its gate passed, the work as
   * it stood when the gate started with the gate's changes to its files (`gate`, from the project's
   * folder; see stageGateChanges); answers the commit and its files, or none when nothing changed.
   */
  async commit(tree: Worktree, message: string): Promise<{ commit?: string; files: string[]; gate?: string[] }> {
    if (!tree.work) await this.addAll(tree);
    const gate = tree.work ? await stageGateChanges(tree.dir, tree.work, [".orchestrate", ...this.setup.share], tree.setupLeft) : [];
    await commitStaged(tree.dir, message, this.repo.identity, tree.work ? workEnv(tree.work) : undefined);
    // An agent may have committed (some or all of) its work itself: that is the attempt's work too.
    const commit = (await gitOk(["rev-parse", "HEAD"], tree.dir)).trim();
    if (commit === tree.base) return { files: [] };
    const files = (await gitOk(["diff", "--name-only", "-z", "--relative", "--no-renames", tree.base, commit], tree.dir)).split("\0").filter(Boolean);
    return { commit, files: files.sort(), ...(gate.length ? { gate: gate.map((f) => this.inProject(f)) } : {}) };
  }

  /** The worktree's changes as a patch (untracked files included), for the record of a failed attempt. */
  async diff(tree: Worktree): Promise<string> {
    // What could not be staged is left out of the patch, which is only the record of a failure.
    if (!tree.work) await this.addAll(tree).catch(() => undefined);
    return (await gitRun(["diff", "--cached", "--binary", tree.base], tree.dir, tree.work ? workEnv(tree.work) : undefined)).stdout;
  }

  /**
   * Applies a failed attempt's patch (`diff`'s, saved from its worktree) to a new worktree, so a
   * retry goes on from the work its gate judged; answers false, leaving the worktree as it was,
   * when the patch does not apply (the integration head moved under it).
   */
  async carry(tree: Worktree, patchFile: string): Promise<boolean> {
    // Applied at the repository's top: the patch names paths from there, as `diff` wrote them.
    const applied = await gitRun(["apply", "--binary", "--whitespace=nowarn", patchFile], tree.path);
    return applied.code === 0;
  }

  /**
   * Merges `commit` into the integration branch, one merge at a time: `git merge-tree`
   * first, so a conflict changes nothing and answers the files and hunks; else a merge
   * commit and a compare-and-swap of the branch's ref. `fastForward` moves the branch
   * to the commit itself when it is a descendant (the docs step's commit).
   */
  merge(commit: string, message: string, fastForward = false): Promise<MergeResult> {
    const next = this.merging.then(() => this.mergeNow(commit, message, fastForward));
    this.merging = next.catch(() => undefined);
    return next;
  }

  private async mergeNow(commit: string, message: string, fastForward: boolean): Promise<MergeResult> {
    // The head this run last wrote, if it wrote one: the ref's compare-and-swap below checks it, and the head is read again when it moved meanwhile.
    const head = this.written ?? (await this.head());
    const base = (await gitRun(["merge-base", head, commit], this.root)).stdout.trim();
    if (base === commit) {
      // Nothing moves: the head it is in must be the branch's.
      const now = await this.head();
      if (now !== head) return this.mergeAgain(commit, message, fastForward);
      return { ok: true, commit: head };
    }
    if (fastForward && base === head) return (await this.moveHead(commit, head)) ? { ok: true, commit } : this.mergeAgain(commit, message, fastForward);
    const out = await gitRun(["merge-tree", "--write-tree", "--name-only", head, commit], this.root);
    const [tree = "", ...rest] = out.stdout.split("\n");
    if (out.code === 0) {
      const merged = (await gitCommitting(["commit-tree", tree.trim(), "-p", head, "-p", commit, "-m", message], this.root, this.repo.identity)).trim();
      return (await this.moveHead(merged, head)) ? { ok: true, commit: merged } : this.mergeAgain(commit, message, fastForward);
    }
    if (out.code !== 1) throw new WorkspaceError(`git merge-tree failed: ${out.stderr.trim()}`);
    const blank = rest.indexOf("");
    const files = [...new Set(rest.slice(0, blank < 0 ? rest.length : blank))];
    const messages = blank < 0 ? "" : rest.slice(blank + 1).join("\n").trim();
    const hunks: string[] = [];
    for (const file of files.slice(0, 5)) {
      const text = await gitRun(["cat-file", "-p", `${tree.trim()}:${file}`], this.root);
      const found = text.code === 0 ? conflictHunks(text.stdout) : "";
      if (found) hunks.push(`${file}:\n${found}`);
    }
    return { ok: false, files: files.map((f) => this.inProject(f)), detail: [messages, ...hunks].filter(Boolean).join("\n\n") };
  }

  /**
   * Moves the integration branch from `from` to `to`; answers false when it was not at `from`
   * (moved outside the run) and is still there, so the merge is done again from where it is.
   */
  private async moveHead(to: string, from: string): Promise<boolean> {
    const out = await gitRun(["update-ref", `refs/heads/${this.branch}`, to, from], this.root);
    if (out.code === 0) {
      this.written = to;
      return true;
    }
    this.written = undefined;
    if ((await this.head()) !== from) return false;
    throw gitFailed(["update-ref", `refs/heads/${this.branch}`, to, from], this.root, out);
  }

  /** The merge again from the branch's head as git has it, the one this run wrote having been moved. */
  private mergeAgain(commit: string, message: string, fastForward: boolean): Promise<MergeResult> {
    this.written = undefined;
    return this.mergeNow(commit, message, fastForward);
  }

  /** Whether `commit` is in the history of `of` (the integration head by default). */
  async contains(commit: string, of?: string): Promise<boolean> {
    const out = await gitRun(["merge-base", "--is-ancestor", commit, of ?? (await this.head())], this.root);
    return out.code === 0;
  }

  /** Removes a worktree and its branch. */
  async remove(tree: Worktree): Promise<void> {
    await this.removePath(tree.path);
    // `branch -D` reads every worktree's admin folder too (is the branch checked out there?).
    if (tree.branch) await oneAtATime(this.root, () => gitPastAddedWorktrees(["branch", "-D", tree.branch!], this.root));
  }

  private removePath(path: string): Promise<void> {
    return oneAtATime(this.root, async () => {
      const out = await gitPastAddedWorktrees(["worktree", "remove", "--force", "--force", path], this.root);
      if (out.code !== 0) {
        await rm(path, { recursive: true, force: true });
        await gitRun(["worktree", "prune"], this.root);
      }
    });
  }

  /** Deletes the integration branch when the checked-out branch holds all of it (`git branch -d` refuses otherwise). */
  async deleteBranchIfMerged(): Promise<boolean> {
    return (await gitPastAddedWorktrees(["branch", "-d", this.branch], this.root)).code === 0;
  }

  /** Removes every worktree and attempt branch of the run (the integration branch stays). */
  async discard(): Promise<void> {
    this.idle = [];
    await removeRunWorktrees(this.root, this.runId);
  }
}

/** Removes the worktrees under the run's folder and its attempt branches; answers how many of each went. */
export function removeRunWorktrees(root: string, runId: string): Promise<{ worktrees: number; branches: number }> {
  return oneAtATime(root, () => removeAll(root, runId));
}

async function removeAll(root: string, runId: string): Promise<{ worktrees: number; branches: number }> {
  const home = worktreesHome(root, runId);
  const listed = await gitPastAddedWorktrees(["worktree", "list", "--porcelain"], root);
  const paths = listed.stdout.split("\n").flatMap((l) => (l.startsWith("worktree ") ? [l.slice("worktree ".length)] : [])).filter((p) => p.startsWith(`${home}/`));
  for (const path of paths) {
    const out = await gitPastAddedWorktrees(["worktree", "remove", "--force", "--force", path], root);
    if (out.code !== 0) await rm(path, { recursive: true, force: true });
  }
  await rm(home, { recursive: true, force: true });
  await gitRun(["worktree", "prune"], root);
  const refs = await gitRun(["for-each-ref", "--format=%(refname:short)", `refs/heads/orchestrate/attempts/${runId}/`], root);
  const branches = refs.stdout.split("\n").filter(Boolean);
  if (branches.length) await gitPastAddedWorktrees(["branch", "-D", ...branches], root);
  return { worktrees: paths.length, branches: branches.length };
}

/** `.orchestrate/` (the store, attempts' files, worktrees) in the repository's own exclude file, once: never in the user's commits or `git status`. */
async function ignoreStateFolder(root: string): Promise<void> {
  const file = (await gitOk(["rev-parse", "--git-path", "info/exclude"], root)).trim();
  const path = file.startsWith("/") ? file : join(root, file);
  const present = await readFile(path, "utf8").catch(() => "");
  if (present.split("\n").some((l) => l.trim() === ".orchestrate/")) return;
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${present && !present.endsWith("\n") ? "\n" : ""}# orchestrate's run state and worktrees\n.orchestrate/\n`);
}
