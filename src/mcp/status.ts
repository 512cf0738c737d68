import type { Store } from "../store/types.js";
import { agentNotes, findRun, runGates } from "../run/records.js";
import { reportJson, reportMarkdown, type ReportJson } from "../report/markdown.js";
import { statusJson, type StatusJson } from "../report/status.js";

/** What `orchestrate status --json` prints, read from the store. */
export function runStatus(store: Store, root: string, runId?: string): StatusJson {
  const run = findRun(store, runId);
  return statusJson(run, store.getModules(run.id), store.getAttempts(run.id), root, agentNotes(store, run.id));
}

/** What `orchestrate report` prints: markdown, or the JSON model. */
export function runReport(store: Store, runId: string | undefined, format: "md" | "json"): string | ReportJson {
  const run = findRun(store, runId);
  const input = { run, plan: run.plan, modules: store.getModules(run.id), attempts: store.getAttempts(run.id), gates: runGates(store, run.id) };
  return format === "json" ? reportJson(input) : reportMarkdown(input);
}
