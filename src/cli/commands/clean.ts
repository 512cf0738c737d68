import type { Command } from "commander";
import type { RunHead, Store } from "../../store/types.js";
import type { Cleaned } from "../../workspace/index.js";
import type { RemoteCleaned } from "../../queue/remote-clean.js";
import { RunError, UsageError } from "../../errors.js";
import { findProjectRoot } from "../../spec/root.js";
import { plural } from "../style.js";
import { projectFlag } from "../project-flag.js";

interface CleanFlags {
  project: string;
  force?: boolean;
}

/** `clean [RUN]`: the worktrees and branches runs leave in the repository, removed once the runs have ended. */
export function registerClean(program: Command): void {
  program
    .command("clean")
    .description("remove the worktrees and attempt branches of ended runs (or of RUN), a queued run's on its queue's git remote too; a run's integration branch orchestrate/<run> goes only when your branch has merged it")
    .argument("[run]", "run id (default: every ended run of the project)")
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("--force", "also delete integration branches your branch has not merged (their work is lost)")
    .action(async (runId: string | undefined, flags: CleanFlags) => {
      const [{ openExistingStore }, { openRepo }] = await Promise.all([import("../../store/open.js"), import("../../workspace/index.js")]);
      const root = findProjectRoot(flags.project);
      const store = openExistingStore(root);
      if (!store) {
        if (runId) throw unknownRun(runId);
        return void process.stdout.write("Nothing to clean: no runs in this project yet.\n");
      }
      try {
        const runs = await chosenRuns(store, runId);
        const repo = await openRepo(root);
        if ("reason" in repo) return void process.stdout.write(`Nothing to clean: ${repo.reason}, so runs leave no worktrees or branches.\n`);
        process.stdout.write(`${(await cleanRuns(store, root, runs, flags, runId !== undefined)).join("\n")}\n`);
      } finally {
        store.close();
      }
    });
}

function unknownRun(runId: string): RunError {
  return new RunError("RUN_NOT_FOUND", `No run \`${runId}\` in this project (see \`orchestrate runs\`)`);
}

/** RUN, which must exist and have ended; or every run. */
async function chosenRuns(store: Store, runId: string | undefined): Promise<RunHead[]> {
  if (!runId) return store.listRunHeads();
  // Its head: a run whose stored plan cannot be read can still be cleaned.
  const run = store.getRunHead(runId);
  if (!run) throw unknownRun(runId);
  const { live } = await liveness(store, run);
  if (live) throw new UsageError(`Run ${runId} is still running (${live}); clean it after it ends (or stop it: Ctrl-C, or the dashboard's cancel)`);
  return [run];
}

/** The state a run is shown in (`interrupted` when its process is gone), and why it counts as running (a live process holds its lock). */
async function liveness(store: Store, run: RunHead): Promise<{ state: string; live?: string }> {
  const { liveHolder, shownRun } = await import("../../run/liveness.js");
  const holder = liveHolder(store, run.id);
  const state = shownRun(store, run).run.state;
  if (holder) return { state, live: `process ${holder.pid} holds its lock` };
  return state === "running" ? { state, live: "recorded running" } : { state };
}

async function cleanRuns(store: Store, root: string, runs: RunHead[], flags: CleanFlags, named: boolean): Promise<string[]> {
  const { cleanRun, currentBranch, runsWithLeftovers } = await import("../../workspace/index.js");
  const { keptQueueOf } = await import("../../config/queue-kept.js");
  const mine = await currentBranch(root);
  const left = await runsWithLeftovers(root);
  const lines: string[] = [];
  for (const run of runs) {
    const remote = queueRemoteOf(store, run.id, keptQueueOf);
    if (!left.has(run.id) && !remote) {
      if (named) lines.push(`Run ${run.id}: nothing to clean${store.getWorkspace(run.id)?.isolation === "shared" ? " (it worked in the shared working tree)" : ""}`);
      continue;
    }
    const { state, live } = await liveness(store, run);
    if (live) {
      lines.push(`Run ${run.id}: skipped, still running (${live})`);
      continue;
    }
    const cleaned = await cleanRun(root, run.id, flags.force === true);
    const local = describe(run.id, state, cleaned, mine, flags, store.getWorkspace(run.id)?.base);
    const onRemote = remote ? describeRemote(await cleanRemote(root, remote, run.id, cleaned), remote) : undefined;
    if (local || onRemote) lines.push(local && onRemote ? `${local}; ${onRemote}` : (local ?? `Run ${run.id} (${state}): ${onRemote}`));
    else if (named || left.has(run.id)) lines.push(`Run ${run.id}: nothing to clean`);
  }
  return lines.length ? lines : ["Nothing to clean."];
}

/** The git remote a queued run's workers pushed to, as its record keeps it; none for another run (or a record that cannot be read). */
function queueRemoteOf(store: Store, runId: string, keptQueueOf: typeof import("../../config/queue-kept.js").keptQueueOf): string | undefined {
  try {
    return keptQueueOf(store.getRun(runId)?.options ?? "")?.remote;
  } catch {
    return undefined;
  }
}

/** A queued run's branches on its remote: its attempt branches, and its integration branch when the local one went. */
async function cleanRemote(root: string, remote: string, runId: string, local: Cleaned): Promise<RemoteCleaned> {
  const { cleanRemoteBranches } = await import("../../queue/remote-clean.js");
  return cleanRemoteBranches(root, remote, runId, local.integration.state !== "kept");
}

function describeRemote(c: RemoteCleaned, remote: string): string | undefined {
  if (c.state === "absent") return undefined;
  if (c.state === "failed") return `kept its branches on the queue's remote ${remote} (${c.why})`;
  return `deleted ${plural(c.branches.length, "branch", "branches")} on the queue's remote ${remote}`;
}

/** One line per run: what went and what stayed; undefined when the run left nothing. */
function describe(runId: string, state: string, c: Cleaned, mine: string, flags: CleanFlags, base: string | undefined): string | undefined {
  const removed = [c.worktrees ? plural(c.worktrees, "worktree") : "", c.attemptBranches ? plural(c.attemptBranches, "attempt branch", "attempt branches") : ""].filter(Boolean);
  const parts = removed.length ? [`removed ${removed.join(" and ")}`] : [];
  const fate = c.integration;
  const project = projectFlag(flags.project);
  // An interrupted run resumes on its integration branch: without it, its done modules' work is gone.
  const resumable = state === "interrupted";
  // A branch still at the run's base held no work (a failed or interrupted run): "merged" would say its work landed.
  if (fate.state === "deleted") parts.push(`deleted ${c.branch} (${fate.head === base ? "nothing on it" : fate.merged ? `merged into ${mine}` : `not merged: --force${resumable ? "; resuming the run would go on without its done modules' work" : ""}`})`);
  if (fate.state === "kept") {
    const how =
      fate.why === "not merged"
        ? `not merged into ${mine}: ${resumable ? `continue the run with \`orchestrate resume ${runId}${project}\`, ` : ""}bring it in with \`git merge ${c.branch}\`, or delete it with \`orchestrate clean ${runId} --force${project}\``
        : fate.why;
    parts.push(`kept ${c.branch} (${how})`);
  }
  return parts.length ? `Run ${runId} (${state}): ${parts.join("; ")}` : undefined;
}
