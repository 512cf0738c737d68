import type { Plan } from "../plan/types.js";
import type { RunRecord, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import { RunError } from "../errors.js";
import { reportJson, reportMarkdown, type ReportJson } from "../cli/render/report.js";
import { statusJson, type StatusJson } from "../cli/render/status.js";

/** Run `runId`, or the project's latest run. */
export function findRun(store: Store, runId?: string): RunRecord {
  const run = runId ? store.getRun(runId) : store.listRuns(1)[0];
  if (!run) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project` : "No runs in this project yet (start one with the run tool)");
  return run;
}

/** What `orchestrate status --json` prints, read from the store. */
export function runStatus(store: Store, root: string, runId?: string): StatusJson {
  const run = findRun(store, runId);
  return statusJson(run, store.getModules(run.id), store.getAttempts(run.id), root);
}

/** What `orchestrate report` prints: markdown, or the JSON model. */
export function runReport(store: Store, runId: string | undefined, format: "md" | "json"): string | ReportJson {
  const run = findRun(store, runId);
  const input = { run, plan: JSON.parse(run.plan) as Plan, modules: store.getModules(run.id), attempts: store.getAttempts(run.id), gates: runGates(store, run.id) };
  return format === "json" ? reportJson(input) : reportMarkdown(input);
}

/** Layer and system gate results, as the run recorded them. */
function runGates(store: Store, runId: string): GateResult[] {
  return store
    .getEvents(runId)
    .filter((e) => e.type === "gate")
    .map((e) => (e.data as { result: GateResult }).result)
    .filter((g) => g.level !== "module");
}
