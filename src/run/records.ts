import type { RunRecord, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import { RunError } from "../errors.js";

/** Run `runId`, or the project's latest run. */
export function findRun(store: Store, runId?: string): RunRecord {
  const run = runId ? store.getRun(runId) : store.listRuns(1)[0];
  if (!run) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No runs in this project yet (start one with `orchestrate run`)");
  return run;
}

/** Layer and system gate results, as the run recorded them. */
export function runGates(store: Store, runId: string): GateResult[] {
  return store
    .getEvents(runId)
    .filter((e) => e.type === "gate")
    .map((e) => (e.data as { result: GateResult }).result)
    .filter((g) => g.level !== "module");
}
