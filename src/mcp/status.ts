import type { Store } from "../store/types.js";
import { agentNotes, findRun, runExtras, runGates } from "../run/records.js";
import { shownRun } from "../run/liveness.js";
import { reportJson, reportMarkdown, type ReportJson } from "../report/markdown.js";
import { statusJson, type StatusJson } from "../report/status.js";

/** What `orchestrate status --json` prints, read from the store. */
export function runStatus(store: Store, root: string, runId?: string): StatusJson {
  const run = findRun(store, runId);
  return statusJson(run, store.getModules(run.id), store.getAttempts(run.id), root, agentNotes(store, run.id), runExtras(store, run.id, shownRun(store, run).gone));
}

/** What `orchestrate report` prints: markdown, or the JSON model. */
export function runReport(store: Store, runId: string | undefined, format: "md" | "json"): string | ReportJson {
  const run = findRun(store, runId);
  const extras = runExtras(store, run.id, shownRun(store, run).gone);
  const input = { run: extras.gone ? { ...run, state: "interrupted" as const } : run, plan: run.plan, modules: store.getModules(run.id), attempts: store.getAttempts(run.id), gates: runGates(store, run.id), extras };
  return format === "json" ? reportJson(input) : reportMarkdown(input);
}
