import type { RunSummary } from "../../run/orchestrator.js";
import type { Orchestrator } from "../../run/orchestrator.js";
import type { Store } from "../../store/types.js";
import type { StartInterrupt } from "../interrupt.js";
import { baseGateLines, ownershipLine } from "../../report/found.js";
import type { RunFlags } from "./run-flags.js";
import { projectFlag } from "../project-flag.js";
import { bringInCommand, DETACHED_HEAD, type Detached } from "../../workspace/bring-in.js";
import { detachedHead } from "../../workspace/branch.js";

/** What the documentation step wrote, and where the entries of modules that changed nothing went instead. */
function docsLines(written: string[], preview: string | undefined, already: string | undefined): string[] {
  const lines = written.length ? [`Docs: updated ${written.join(", ")}`] : [];
  if (already) lines.push(`Docs: ${already}`);
  if (preview) lines.push(`Docs preview: ${preview} (entries not written to the changelog or README: of modules that changed no file, or for a changelog or README that is not markdown)`);
  return lines;
}

/** Where an isolated run's work is and how to bring it in (or what `--apply` did); `detached` when the checkout is on no branch. */
function workspaceLines(summary: RunSummary, flags: RunFlags, detached: Detached | undefined): string[] {
  const ws = summary.workspace;
  if (!ws) return [];
  const mine = detached ? "your checkout (a detached HEAD)" : "your branch";
  if (ws.removed) return [`Work: none committed, so branch ${ws.branch} was removed; ${mine} and working tree are untouched`];
  const lines = [`Work: branch ${ws.branch} (${ws.base.slice(0, 8)}..${ws.head.slice(0, 8)}); ${mine} and working tree are untouched`];
  if (ws.applied) lines[0] = `Work: branch ${ws.branch} (${ws.base.slice(0, 8)}..${ws.head.slice(0, 8)}): ${ws.applied.message}`;
  if (summary.state === "interrupted") return lines;
  if (ws.head === ws.base || ws.applied?.ok) return lines;
  // --apply was given and refused: its message says why; the merge command once, and no "next time: --apply".
  // On a detached HEAD `--apply` refuses too, and a bare `git merge` would make a commit on no branch.
  if (detached) {
    if (!ws.applied?.message.includes("git merge ")) lines.push(`Bring it in: ${DETACHED_HEAD}; switch to a branch first: ${bringInCommand(ws.branch, detached)}`);
  } else if (!ws.applied) lines.push(`Bring it in: git merge ${ws.branch}   (or next time: orchestrate run ... --apply${projectFlag(flags.project)})`);
  else if (!ws.applied.message.includes("git merge ")) lines.push(`Bring it in: git merge ${ws.branch}`);
  return lines;
}

/** A failed run's modules, and the command that shows a failure's whole error and output (the progress shows its first line only). */
function failedLine(store: Store, runId: string, flags: RunFlags): string {
  const failed = store.getModules(runId).filter((m) => m.state === "failed").map((m) => m.moduleId);
  if (failed.length === 0) return "";
  const shown = failed.length > 5 ? `${failed.slice(0, 5).join(", ")} and ${failed.length - 5} more` : failed.join(", ");
  const command = `orchestrate status ${runId} --output ${failed[0]!}${projectFlag(flags.project)}`;
  return `Failed: ${shown}. ${failed.length === 1 ? "Its" : "A module's"} last attempt's error and output: ${command}\n`;
}

/** Runs with progress and signal handling; returns the exit code: 0 done, 1 failed, 130 interrupted. */
export async function drive(orchestrator: Orchestrator, store: Store, flags: RunFlags, start: (o: Orchestrator) => Promise<RunSummary>, root: string, early: StartInterrupt): Promise<number> {
  const { createProgress } = await import("../render/progress.js");
  const dashboard = flags.dashboard === undefined ? undefined : await serveDashboard(root, flags.dashboard, orchestrator);
  const out = flags.json ? process.stderr : process.stdout;
  const progress = createProgress(out, {});
  // What the user must know of the run's workspace, said once as it starts (before the live view draws): not a repository, uncommitted changes left out or committed.
  // Each writer flushes the progress lines held so far first (plain progress writes once a turn), so lines keep their order.
  orchestrator.on((e) => {
    if (e.type !== "workspace" || !e.note) return;
    progress.flush();
    out.write(`workspace: ${e.note}\n`);
  });
  orchestrator.on(progress.listener);
  let docs: string[] = [];
  orchestrator.on((e) => {
    if (e.type === "warning") {
      progress.flush();
      process.stderr.write(`orchestrate: warning: ${e.message}\n`);
    }
    if (e.type === "ownership" && e.others.length) {
      progress.flush();
      process.stderr.write(`orchestrate: warning: ${ownershipLine(e)}\n`);
    }
    if (e.type === "gate:base") {
      progress.flush();
      for (const line of baseGateLines(e)) out.write(`  ${line}\n`);
    }
    if (e.type === "docs" && e.state === "done") docs = docsLines(e.written ?? [], e.preview, e.already);
  });
  // Until the run starts (its lock, its workspace being set up) the progress says nothing of a signal: this line does.
  let started = false;
  let before = 0;
  orchestrator.on((e) => {
    if (e.type === "run:start") started = true;
  });
  early.handOff((signal) => {
    if (!started) {
      progress.flush();
      out.write(before++ === 0 ? `${signal}: stopping before the run's modules start (again to stop at once)\n` : `${signal}: stopping now\n`);
    }
    orchestrator.stop(signal);
  });
  try {
    const summary = await start(orchestrator);
    progress.stop();
    if (flags.json) {
      const run = store.getRun(summary.runId)!;
      const [{ runExtras }, { withWorkspaceHead }, { statusJson }] = await Promise.all([import("../../run/records.js"), import("../../run/workspace-view.js"), import("../render/status.js")]);
      const extras = await withWorkspaceHead(runExtras(store, run.id), root);
      process.stdout.write(`${JSON.stringify(statusJson(run, store.getModules(run.id), store.getAttempts(run.id), ".", undefined, extras), null, 2)}\n`);
    }
    if (summary.report) out.write(`Findings: ${summary.report}\n`);
    for (const line of docs) out.write(`${line}\n`);
    const detached = summary.workspace ? await detachedHead(root) : undefined;
    for (const line of workspaceLines(summary, flags, detached)) out.write(`${line}\n`);
    if (summary.reason && summary.state !== "done") out.write(`Why: ${summary.reason}\n`);
    if (summary.state === "failed") out.write(failedLine(store, summary.runId, flags));
    if (summary.docsError) {
      process.stderr.write(`orchestrate: the documentation step failed: ${summary.docsError}; the run is recorded ${summary.state}, and \`orchestrate resume ${summary.runId}\` finishes the step\n`);
      return 1;
    }
    if (summary.state === "interrupted") {
      out.write(`Interrupted. Continue with: orchestrate resume ${summary.runId}${projectFlag(flags.project)}\n`);
      return 130;
    }
    return summary.state === "done" ? 0 : 1;
  } finally {
    progress.stop();
    await dashboard?.close();
    store.close();
  }
}

/** `--dashboard`: the dashboard for the run's lifetime; its cancel is this run's Ctrl-C (the orchestrator's `stop`). */
async function serveDashboard(root: string, flag: string | true, orchestrator: Orchestrator): Promise<{ close(): Promise<void> }> {
  const [{ openDashboard }, { portFlag }] = await Promise.all([import("../../dashboard/server/open.js"), import("./dashboard.js")]);
  let live: string | undefined;
  orchestrator.on((event) => {
    if (event.type === "run:start") live = event.runId;
    if (event.type === "run:end") live = undefined;
  });
  const inProcess = { has: (runId: string) => runId === live, stop: () => orchestrator.stop("SIGINT") };
  const dashboard = await openDashboard(root, flag === true ? 0 : portFlag("--dashboard", flag), {
    inProcess: [inProcess],
    onError: (error) => process.stderr.write(`orchestrate dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  });
  process.stderr.write(`orchestrate dashboard: ${dashboard.url}\n`);
  return dashboard;
}

