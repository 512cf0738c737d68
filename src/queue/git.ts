import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { GitOutput } from "../agents/git.js";
import { addAll, commitStaged, gitOk, gitRun, hasIdentity, stageGateChanges, stageWork, workEnv } from "../workspace/git.js";
import { gitAcross, gitPastAddedWorktrees } from "../workspace/other-worktrees.js";
import { QueueError } from "./errors.js";

/** Runs git operations one at a time: concurrent fetches and pushes in one repository fight over its ref locks. */
class Serial {
  private last: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.last.then(fn);
    this.last = next.catch(() => undefined);
    return next;
  }
}

/** Git's words on a failed command, kept short. */
function gitMessage(out: { stdout: string; stderr: string }): string {
  return (out.stderr || out.stdout).trim().split("\n").slice(-3).join(" / ");
}

/**
 * `git fetch` in the user's repository, where the run adds worktrees meanwhile: a fetch's
 * connectivity check reads every worktree's admin folder, and fails on one being written, which
 * is tried again. (The fetch is not queued behind the run's `worktree add`s instead: a slow
 * remote would then hold up every gate's worktree.)
 */
function fetchFrom(remote: string, refspec: string, cwd: string): Promise<GitOutput> {
  return gitPastAddedWorktrees(["fetch", "--quiet", "--no-tags", remote, refspec], cwd);
}

/**
 * The coordinator's side of the data plane: the integration branch pushed to the queue's
 * remote before each dispatch, workers' attempt branches fetched back for the merge.
 */
export class CoordinatorGit {
  private readonly serial = new Serial();
  private pushed: string | undefined;

  constructor(
    /** The project (in the user's repository). */
    private readonly root: string,
    private readonly remote: string,
  ) {}

  /** The project's folder inside its repository, as workers must find it in theirs. */
  async prefix(): Promise<string> {
    return (await gitOk(["rev-parse", "--show-prefix"], this.root)).trim();
  }

  /** The integration head as the branch on the remote, unless it is there already. Heads only move forward, so no force. */
  push(head: string, branch: string): Promise<void> {
    return this.serial.run(async () => {
      if (this.pushed === `${branch}@${head}`) return;
      const out = await gitRun(["push", "--quiet", "--no-verify", this.remote, `${head}:refs/heads/${branch}`], this.root);
      if (out.code !== 0 && !(await this.remoteHolds(branch, head))) throw new QueueError(`git push of ${branch} to the queue's remote ${this.remote} failed: ${gitMessage(out)}`);
      this.pushed = `${branch}@${head}`;
    });
  }

  /** Whether the remote's `branch` already holds `commit` (pushed by an earlier session of the run). */
  private async remoteHolds(branch: string, commit: string): Promise<boolean> {
    const out = await fetchFrom(this.remote, `refs/heads/${branch}`, this.root);
    if (out.code !== 0) return false;
    return (await gitRun(["merge-base", "--is-ancestor", commit, "FETCH_HEAD"], this.root)).code === 0;
  }

  /** A worker's attempt branch fetched into the repository under the same name; answers its commit. */
  fetch(branch: string): Promise<string> {
    return this.serial.run(async () => {
      const out = await fetchFrom(this.remote, `+refs/heads/${branch}:refs/heads/${branch}`, this.root);
      if (out.code !== 0) throw new QueueError(`git fetch of ${branch} from the queue's remote ${this.remote} failed: ${gitMessage(out)}`);
      return (await gitOk(["rev-parse", `refs/heads/${branch}`], this.root)).trim();
    });
  }
}

/**
 * A worker's copy of a remote: one bare repository per remote under the worker's folder,
 * fetched into before each attempt, with a worktree per attempt.
 */
export class WorkerRepo {
  private readonly serial = new Serial();
  readonly dir: string;

  constructor(
    home: string,
    readonly remote: string,
  ) {
    this.dir = join(home, "repos", `${createHash("sha256").update(remote).digest("hex").slice(0, 16)}.git`);
  }

  /** `base` from the remote's `branch`; a QueueError (the job cannot succeed anywhere like this) when the remote is out of reach or lacks it. */
  fetch(branch: string, base: string): Promise<void> {
    return this.serial.run(async () => {
      if (!existsSync(this.dir)) {
        await mkdir(this.dir, { recursive: true });
        await gitOk(["init", "--quiet", "--bare"], this.dir);
      }
      if ((await gitRun(["cat-file", "-e", `${base}^{commit}`], this.dir)).code === 0) return;
      // Another worker process given the same --dir may be adding a worktree meanwhile.
      const out = await fetchFrom(this.remote, `+refs/heads/${branch}:refs/heads/${branch}`, this.dir);
      if (out.code !== 0) throw new QueueError(`the git remote ${this.remote} cannot be reached from this worker: ${gitMessage(out)}`);
      if ((await gitRun(["cat-file", "-e", `${base}^{commit}`], this.dir)).code !== 0) throw new QueueError(`the git remote ${this.remote} has no commit ${base.slice(0, 12)} on ${branch}`);
    });
  }

  /** A detached worktree at `base` in `path`. */
  addWorktree(path: string, base: string): Promise<void> {
    return this.serial.run(async () => {
      if (existsSync(path)) await this.removeNow(path);
      // Another worker process given the same --dir may be adding one meanwhile.
      await gitAcross(["worktree", "add", "--quiet", "--detach", path, base], this.dir);
    });
  }

  /**
   * Commits what changed in `dir` (orchestrate's own folder and what the setup left aside), or
   * `work` (the index `work` staged before the gate ran, with what the passing gate changed in its
   * files: stageGateChanges, answered as `gate`) when given; answers the commit and its files
   * relative to `dir`, or none.
   */
  async commit(dir: string, base: string, message: string, setupLeft: readonly string[] = [], work?: string): Promise<{ commit?: string; files: string[]; gate?: string[] }> {
    if (!work) await addAll(dir, [".orchestrate"], setupLeft);
    const gate = work ? await stageGateChanges(dir, work, [".orchestrate"], setupLeft) : [];
    if (!(await commitStaged(dir, message, await hasIdentity(dir), work ? workEnv(work) : undefined))) return { files: [] };
    const commit = (await gitOk(["rev-parse", "HEAD"], dir)).trim();
    const files = (await gitOk(["diff", "--name-only", "-z", "--relative", "--no-renames", base, commit], dir)).split("\0").filter(Boolean);
    return { commit, files: files.sort(), ...(gate.length ? { gate } : {}) };
  }

  /** What changed in `dir` since `base` (or in `work`, the index staged before the gate ran), as a patch (a failed attempt's record). */
  async diff(dir: string, base: string, setupLeft: readonly string[] = [], work?: string): Promise<string> {
    // What could not be staged is left out of the patch, which is only the record of a failure.
    if (!work) await addAll(dir, [".orchestrate"], setupLeft).catch(() => undefined);
    return (await gitRun(["diff", "--cached", "--binary", base], dir, work ? workEnv(work) : undefined)).stdout;
  }

  /** The attempt's work in the worktree at `top` (its project folder `dir`) staged aside, its gate about to run: what the gate then writes is not committed (`commit`'s `work`). */
  work(top: string, dir: string, setupLeft: readonly string[] = []): Promise<string> {
    return stageWork(top, dir, [".orchestrate"], setupLeft);
  }

  /** Applies `patch` (a failed attempt's `diff`, paths from the repository's top) in the worktree at `top`; false, the worktree left as it was, when it does not apply. */
  async apply(top: string, patch: string): Promise<boolean> {
    return (await gitRun(["apply", "--binary", "--whitespace=nowarn", "-"], top, undefined, patch)).code === 0;
  }

  /** Pushes `commit` as `branch` on the remote (a retried job pushes it again: forced). */
  push(commit: string, branch: string): Promise<void> {
    return this.serial.run(async () => {
      const out = await gitRun(["push", "--quiet", "--no-verify", this.remote, `+${commit}:refs/heads/${branch}`], this.dir);
      if (out.code !== 0) throw new QueueError(`the git remote ${this.remote} refused the attempt's branch ${branch}: ${gitMessage(out)}`);
    });
  }

  remove(path: string): Promise<void> {
    return this.serial.run(() => this.removeNow(path));
  }

  private async removeNow(path: string): Promise<void> {
    const out = await gitPastAddedWorktrees(["worktree", "remove", "--force", "--force", path], this.dir);
    if (out.code !== 0) {
      await rm(path, { recursive: true, force: true });
      await gitRun(["worktree", "prune"], this.dir);
    }
  }
}
