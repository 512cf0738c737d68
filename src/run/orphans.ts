import type { ProcessRecord, Store } from "../store/types.js";
import { endOwnGroup, ownGroupAlive, processTable } from "../exec/process-group.js";

/** SIGTERM to SIGKILL for an orphaned group: the command agent's default kill grace. */
const GRACE_MS = 2000;

/**
 * Ends the process groups recorded by earlier attempts that are still running: an agent
 * started detached outlives an orchestrate killed with SIGKILL, and would go on writing
 * beside the attempt that replaces it. Call it holding the run lock, before any attempt
 * starts: then no live run of this project owns any recorded group. A group counts only
 * while it is the same one (its leader's start time) and runs something (a zombie does
 * not). Groups found gone are forgotten. Resolves with those it had to end.
 */
export async function endOrphans(store: Store, graceMs = GRACE_MS): Promise<ProcessRecord[]> {
  const records = store.getProcesses();
  if (records.length === 0) return [];
  const table = processTable();
  const ended: ProcessRecord[] = [];
  await Promise.all(
    records.map(async (p) => {
      if (ownGroupAlive(p.pid, p.startTime, table)) {
        if (!(await endOwnGroup(p.pid, p.startTime, graceMs))) return; // unkillable: kept, tried again next time
        ended.push(p);
      }
      store.forgetProcess(p);
    }),
  );
  return ended;
}

/** Records the group an attempt's agent reports, so that a later run can end it if it is orphaned. */
export function recordProcess(store: Store, at: { runId: string; moduleId: string; n: number; now: number }, event: { pid: number; startTime: string }): void {
  store.recordProcess({ runId: at.runId, moduleId: at.moduleId, n: at.n, pid: event.pid, startTime: event.startTime, recordedAt: at.now });
}
