import { existsSync } from "node:fs";
import { join } from "node:path";
import { writePrivate } from "../redact/index.js";
import type { AttemptEnd, ModuleState, RunState, Store } from "../store/types.js";
import type { RunEvent } from "./events.js";
import { keptWork } from "../workspace/kept-work.js";
import { applyBranch, attemptBranch, bringInCommand, detachedHead, commitDirty, dirtyPaths, openRepo, RunWorktrees, WorkspaceError, type Applied, type Repo, type Worktree, type WorkspaceSetup } from "../workspace/index.js";

/** How a run asks for isolation (config `isolation`, `workspace`, and the run's flags). */
export interface IsolationOptions {
  mode: "worktree" | "shared";
  setup: WorkspaceSetup;
  /** Keep attempts' worktrees and branches after the run (`--keep-worktrees`). */
  keep?: boolean;
  /** Commit the uncommitted changes to the integration branch first (`--include-dirty`). */
  includeDirty?: boolean;
  /** Bring the integration branch into the user's branch at the end (`--apply`). */
  apply?: boolean;
  /** Said at a new isolated run's start: a `workspace.share` path no sandboxed gate can write (config/share.ts). */
  warnings?: string[];
}

/** What ending a successful attempt records, kept with its pending merge so a crash between the merge and the record can be finished. */
export interface MergePayload {
  end: AttemptEnd;
  state: ModuleState;
  reason?: string;
}

/** An attempt a killed run cut in its module gate: its work, if its worktree kept it, is saved to `patch` on `resume`. */
export interface CutInGate {
  moduleId: string;
  n: number;
  patch: string;
}

/** What landing an attempt did: its commit merged (or nothing to merge), or a conflict. */
/** `gate`: files the passing gate changed, committed with the work (RunWorktrees.commit). */
export type Landed = { ok: true; files: string[]; commit?: string; into?: string; gate?: string[] } | { ok: false; files: string[]; commit: string; conflict: string; gate?: string[] };

/**
 * A run's isolated workspaces: every attempt in a worktree made from the integration
 * branch's head, its commit merged back (one merge at a time) before its dependents start,
 * gates and the docs step on a worktree of the head. The store records the workspace and
 * each merge, so `resume` knows which merges a killed process finished.
 */
export class Isolation {
  /** Resumed: the files of each attempt cut in its gate (`module#n`) whose work was saved to its patch (none for no change): its gate can run again on it. */
  readonly keptInGate = new Map<string, string[]>();

  private constructor(
    private readonly trees: RunWorktrees,
    private readonly store: Store,
    private readonly options: IsolationOptions,
    private readonly now: () => number,
    readonly base: string,
  ) {}

  get branch(): string {
    return this.trees.branch;
  }

  /**
   * The run's isolation, or undefined when it shares the working tree (config, no
   * repository); a `workspace` event says what the user should know (why it is shared,
   * uncommitted changes left out or included).
   */
  static async start(root: string, store: Store, runId: string, options: IsolationOptions, now: () => number, emit: (event: RunEvent) => void, cut: readonly CutInGate[] = []): Promise<Isolation | undefined> {
    const recorded = store.getWorkspace(runId);
    if (recorded?.isolation === "shared" || (!recorded && options.mode === "shared")) {
      if (!recorded) store.setWorkspace({ runId, isolation: "shared", at: now() });
      return undefined;
    }
    const repo = await openRepo(root);
    if ("reason" in repo) {
      const note = `${repo.reason}: every agent works in the project's one working tree (isolation: shared)`;
      if (!recorded) {
        store.setWorkspace({ runId, isolation: "shared", note, at: now() });
        emit({ type: "workspace", runId, isolation: "shared", note });
      }
      return undefined;
    }
    const trees = new RunWorktrees(repo, root, runId, options.setup);
    if (recorded) {
      // Resumed: nothing of the killed process is running; its worktrees go, its merges are settled from git.
      const isolation = new Isolation(trees, store, options, now, recorded.base ?? repo.head);
      if (!(await trees.exists()) && store.getMerges(runId).some((m) => m.state !== "failed")) {
        throw new WorkspaceError(`the run's integration branch ${trees.branch} is gone (deleted outside the run?), and with it the work of its done modules; start a new run`);
      }
      await trees.start(isolation.base);
      // Before its worktree goes: the work of an attempt cut in its gate, as its close would have saved it.
      for (const c of cut) {
        const work = await keptWork(join(trees.home, `${c.moduleId}-${c.n}`), repo.prefix, trees.branch).catch(() => undefined);
        if (!work) continue;
        if (work.patch) writePrivate(c.patch, work.patch);
        isolation.keptInGate.set(`${c.moduleId}#${c.n}`, work.files);
      }
      await trees.discard();
      await isolation.settleMerges();
      return isolation;
    }
    const { base, note } = await startingPoint(repo, root, runId, options.includeDirty === true);
    await trees.start(base);
    store.setWorkspace({ runId, isolation: "worktree", branch: trees.branch, base, ...(note ? { note } : {}), at: now() });
    emit({ type: "workspace", runId, isolation: "worktree", branch: trees.branch, base, ...(note ? { note } : {}) });
    for (const message of options.warnings ?? []) emit({ type: "warning", runId, message });
    return new Isolation(trees, store, options, now, base);
  }

  /** A worktree for attempt `n` of a module, at the integration head: its dependencies' work is in it, running modules' is not. */
  open(runId: string, moduleId: string, n: number, signal?: AbortSignal): Promise<Worktree> {
    return this.trees.create(`${moduleId}-${n}`, attemptBranch(runId, moduleId, n), signal);
  }

  /** Puts a failed attempt's saved changes (`patchFile`) into a retry's new worktree; false when they no longer apply or none were saved. */
  async carry(tree: Worktree, patchFile: string): Promise<boolean> {
    return existsSync(patchFile) && this.trees.carry(tree, patchFile);
  }

  /** Keeps an attempt's work as it is before its gate runs in its worktree: what the gate adds is not committed; what it changes in the work's files is, once it passed. */
  beforeGate(tree: Worktree): Promise<void> {
    return this.trees.beforeGate(tree);
  }

  /** Files changed in a worktree (a read-only attempt must leave none). */
  changes(tree: Worktree): Promise<string[]> {
    return this.trees.changes(tree);
  }

  /**
   * Commits the attempt's work and merges it into the integration branch. The commit is
   * recorded as a pending merge (with `payload`) before the branch moves; the caller marks
   * it merged in the transaction that ends the attempt.
   */
  async land(tree: Worktree, runId: string, moduleId: string, n: number, message: string, payload: MergePayload): Promise<Landed> {
    const { commit, files, gate } = await this.trees.commit(tree, message);
    const landed = await this.landCommit(commit, files, runId, moduleId, n, message, payload);
    return gate ? { ...landed, gate } : landed;
  }

  /** Merges an attempt's commit made elsewhere (a queue worker's, fetched into the repository) as `land` merges a worktree's. */
  async landCommit(commit: string | undefined, files: string[], runId: string, moduleId: string, n: number, message: string, payload: MergePayload): Promise<Landed> {
    if (!commit) return { ok: true, files: [] };
    this.store.recordMerge({ runId, moduleId, n, commit, files, payload: { ...payload, end: { ...payload.end, filesChanged: files } }, at: this.now() });
    const merged = await this.trees.merge(commit, `Merge ${moduleId} (attempt ${n})\n\n${message}`);
    // Test-only: the crash window between the branch's move and the store's record of it (test/workspace/kill.int.test.ts).
    if (merged.ok && process.env.ORCHESTRATE_TEST_KILL_AT === "after-merge-ref") process.kill(process.pid, "SIGKILL");
    if (merged.ok) return { ok: true, files, commit, into: merged.commit };
    this.store.finishMerge(runId, moduleId, n, "failed");
    return { ok: false, files, commit, conflict: `merging into ${this.branch} conflicts in ${merged.files.join(", ")}${merged.detail ? `:\n${merged.detail}` : ""}` };
  }

  /** Releases an attempt's worktree for reuse (kept as it is with `--keep-worktrees`); a failed attempt's changes are saved to `diffFile` first. */
  async close(tree: Worktree, diffFile?: string): Promise<void> {
    try {
      const diff = diffFile ? await this.trees.diff(tree).catch(() => "") : "";
      // Its module's folder under runs/ may not exist yet: nothing else of an attempt is a file.
      if (diff) writePrivate(diffFile!, diff);
    } finally {
      // A diff that could not be kept is no reason to leave the worktree out of the pool.
      if (!this.options.keep) this.trees.release(tree);
    }
  }

  /** `fn` on a worktree of the integration head (gates, the refactor baseline); its changes are dropped. */
  atHead<T>(fn: (dir: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.trees.atHead((tree) => fn(tree.dir), signal);
  }

  /** `fn` on a worktree of the run's base commit (a failed gate, run again where the run started); its changes are dropped. */
  atBase<T>(fn: (dir: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.trees.atCommit(this.base, (tree) => fn(tree.dir), signal);
  }

  /** `fn` on a worktree of the integration head (no `workspace.setup`: Markdown needs no dependencies), then what it changed committed there and fast-forwarded into the branch (the docs step). */
  async commitAtHead<T>(fn: (dir: string) => Promise<T>, message: string): Promise<T> {
    return this.trees.atHead(async (tree) => {
      const result = await fn(tree.dir);
      const { commit } = await this.trees.commit(tree, message);
      if (commit) {
        const merged = await this.trees.merge(commit, message, true);
        if (!merged.ok) throw new Error(`the documentation commit conflicts with ${this.branch} in ${merged.files.join(", ")}`);
      }
      return result;
    }, undefined, false);
  }

  /** The integration branch's head. */
  head(): Promise<string> {
    return this.trees.head();
  }

  /** An interrupted run's end: the worktrees released for reuse go (those of attempts still running stay for `resume` to discard); answers the head. */
  async interrupt(): Promise<string> {
    await this.trees.removeIdle();
    return this.trees.head();
  }

  /**
   * At the run's end (`state`, not interrupted): worktrees and attempt branches go (unless kept), and the branch too when
   * it holds no commit of the run (`removed`); with `--apply`, the branch goes into the user's, only when the run is done:
   * a failed one's branch holds work its gates refused.
   */
  async finish(state: RunState): Promise<{ head: string; applied?: Applied; removed?: true }> {
    await (this.options.keep ? this.trees.removeIdle() : this.trees.discard());
    const head = await this.trees.head();
    // A run that committed nothing (an analysis, a run whose attempts all failed) would leave a branch with nothing to merge,
    // one more for the user to delete. Only an interrupted run is resumed on its branch, and `resume` of one whose docs step
    // is pending makes it again at the base. `git branch -d`: only when the checked-out branch holds the base (not an
    // --include-dirty commit of the user's changes).
    if (head === this.base && (await this.trees.deleteBranchIfMerged())) return { head, removed: true };
    if (!this.options.apply) return { head };
    if (state !== "done") {
      const merge = bringInCommand(this.branch, await detachedHead(this.trees.root));
      return { head, applied: { ok: false, message: `not applied: the run ${state === "budget_exceeded" ? "ran out of budget" : "failed"}; \`${merge}\` brings its work in anyway` } };
    }
    // With --include-dirty the branch starts from a commit of the checkout's changes: those may be set aside to apply it.
    const applied = await applyBranch(this.trees.root, this.branch, this.trees.repo.identity, this.base !== this.trees.repo.head ? this.base : undefined);
    // Applied, the branch is wholly in the user's: it would only be one more to delete by hand.
    if (applied.ok && (await this.trees.deleteBranchIfMerged())) return { head, applied: { ...applied, message: `${applied.message}; branch ${this.branch} deleted` } };
    return { head, applied };
  }

  /**
   * Merges a killed process recorded as pending: one git holds in the integration branch is
   * finished from its payload (never merged twice), one it does not is dropped (its attempt
   * was cut and runs again).
   */
  private async settleMerges(): Promise<void> {
    for (const merge of this.store.getMerges(this.trees.runId)) {
      if (merge.state !== "pending") continue;
      if (!(await this.trees.contains(merge.commit))) {
        this.store.finishMerge(merge.runId, merge.moduleId, merge.n, "failed");
        continue;
      }
      const { end, state, reason } = merge.payload as MergePayload;
      const open = this.store.getAttempts(merge.runId, merge.moduleId).find((a) => a.n === merge.n && a.state === "running");
      this.store.batch(() => {
        if (open) this.store.finishAttempt(merge.runId, merge.moduleId, merge.n, end, state, reason);
        this.store.finishMerge(merge.runId, merge.moduleId, merge.n, "merged");
      });
    }
  }
}

/** The integration branch's first commit: HEAD, or HEAD and the uncommitted changes with `--include-dirty`; and what to tell the user. */
async function startingPoint(repo: Repo, root: string, runId: string, includeDirty: boolean): Promise<{ base: string; note?: string }> {
  const dirty = await dirtyPaths(root, [".orchestrate"]);
  if (!dirty.length) return { base: repo.head };
  const files = `${dirty.length} file${dirty.length === 1 ? "" : "s"}`;
  if (!includeDirty) return { base: repo.head, note: `uncommitted changes in ${files} are not included: the run starts from HEAD ${repo.head.slice(0, 8)} (--include-dirty commits them to the integration branch first)` };
  const commit = await commitDirty(repo, root, `Uncommitted changes at the start of run ${runId}`);
  return commit ? { base: commit, note: `uncommitted changes in ${files} were committed to the integration branch first (${commit.slice(0, 8)})` } : { base: repo.head };
}
