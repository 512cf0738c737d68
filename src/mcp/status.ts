import type { Store } from "../store/types.js";
import { agentNotes, findRun, runExtras, runGates, shownWorkOf } from "../run/records.js";
import { shownRun } from "../run/liveness.js";
import { withWorkspaceHead } from "../run/workspace-view.js";
import { reportJson, reportMarkdown, type ReportJson } from "../report/markdown.js";
import { statusJson, type StatusJson } from "../report/status.js";

/** What `orchestrate status --json` prints, read from the store (and the integration branch's head from git). */
export async function runStatus(store: Store, root: string, runId?: string): Promise<StatusJson> {
  const run = findRun(store, runId);
  const extras = await withWorkspaceHead(runExtras(store, run.id, shownRun(store, run).gone), root);
  const { modules, attempts } = shownWorkOf(store, run.id, extras);
  return statusJson(run, modules, attempts, root, agentNotes(store, run.id), extras);
}

/** What `orchestrate report` prints: markdown, or the JSON model. */
export async function runReport(store: Store, root: string, runId: string | undefined, format: "md" | "json"): Promise<string | ReportJson> {
  const run = findRun(store, runId);
  const extras = await withWorkspaceHead(runExtras(store, run.id, shownRun(store, run).gone), root);
  const input = { run: extras.gone ? { ...run, state: "interrupted" as const } : run, plan: run.plan, ...shownWorkOf(store, run.id, extras), gates: runGates(store, run.id), extras };
  return format === "json" ? reportJson(input) : reportMarkdown(input);
}
