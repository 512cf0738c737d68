import type { LiveRuns, Resumed } from "../../mcp/runs.js";
import type { Store } from "../../store/types.js";
import { RunError } from "../../errors.js";
import { holderOf, type InProcessRuns } from "./holder.js";

/**
 * Cancel and resume, through the engine's own paths. Cancel is Ctrl-C: a run of this process
 * gets its orchestrator's `stop`; a run of another process gets SIGINT, which its CLI turns
 * into that same `stop` (exit 130, resumable). Resume is `LiveRuns.resume`, as MCP's.
 */
export class Actions {
  constructor(
    private readonly store: Store,
    private readonly inProcess: InProcessRuns[],
    private readonly runs: LiveRuns,
    private readonly kill: (pid: number, signal: NodeJS.Signals) => void = (pid, signal) => process.kill(pid, signal),
  ) {}

  cancel(runId: string): { how: "stop" | "signal"; pid?: number } {
    const run = this.store.getRun(runId);
    if (!run) throw new RunError("RUN_NOT_FOUND", `No run \`${runId}\` in this project`);
    // Checked right before the signal: the pid must still have the lock's start time.
    const holder = holderOf(this.store, runId, this.inProcess);
    if (!holder) throw new RunError("RUN_NOT_FOUND", `Run ${runId} is not live (${run.state}); nothing to cancel`);
    if (holder.kind === "this") {
      this.inProcess.find((r) => r.has(runId))!.stop(runId);
      return { how: "stop" };
    }
    this.kill(holder.pid, "SIGINT");
    return { how: "signal", pid: holder.pid };
  }

  /** `local`: a queued run goes on in this process, its jobs withdrawn from its queue first (`resume --no-queue`). */
  async resume(runId: string, local = false): Promise<Resumed> {
    const holder = holderOf(this.store, runId, this.inProcess);
    if (holder) throw new RunError("RUN_LOCKED", `Run ${runId} is live${holder.kind === "other" ? ` (pid ${holder.pid})` : ""}; nothing to resume`);
    return this.runs.resume(runId, { local });
  }
}
