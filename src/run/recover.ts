import type { Usage } from "../agents/types.js";
import type { Plan } from "../plan/types.js";
import type { RunHead, RunRecord, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import { RunError } from "../errors.js";
import { recorded } from "./events.js";
import { CUT_ERROR } from "./liveness.js";

/** A run `resume` can continue: its modules were cut off, or its documentation step never finished. */
export function resumable(store: Store, run: RunHead): boolean {
  return run.state === "running" || run.state === "interrupted" || docsPending(store, run.id);
}

/** What `resume` says when there is no run `runId` (or none unfinished) to resume. */
export function noRun(runId?: string): RunError {
  return new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No unfinished run to resume in this project");
}

/**
 * The run `resume` would continue: `runId`, or the latest unfinished run.
 * @throws RunError when there is none, or `runId` already ended.
 */
export function resumeTarget(store: Store, runId?: string): RunRecord {
  // Found among the runs' heads: the one plan read is the chosen run's.
  const id = runId || store.listRunHeads().find((r) => resumable(store, r))?.id;
  const run = id ? store.getRun(id) : undefined;
  if (!run) throw noRun(runId);
  if (!resumable(store, run)) {
    // A run that did not finish its work (failed, over budget) is done with: say what to do instead.
    const again = run.state === "done" ? "" : `; start it again with \`orchestrate run ${JSON.stringify(run.request)}\``;
    throw new RunError("RUN_ENDED", `Run ${run.id} already ended (${run.state}); nothing to resume${again}`);
  }
  return run;
}

/**
 * Whether resuming `run` gives a module an attempt: one is still to do (pending, or cut short
 * running or validating). A run whose modules all ended has only its gates and its documentation
 * left, which need no agent (a layer gate that fails may still start a fix attempt).
 */
export function attemptsLeft(store: Store, run: RunHead): boolean {
  if (run.state !== "running" && run.state !== "interrupted") return false;
  return store.getModules(run.id).some((m) => m.state === "pending" || m.state === "running" || m.state === "validating");
}

/** The documentation step was recorded as pending when the run ended, and never as done. */
export function docsPending(store: Store, runId: string): boolean {
  return recorded(store.getEvents(runId), "docs").at(-1)?.state === "pending";
}

/** The attempts a dead process left open in their module gate (module `validating`): their worktrees may hold their work. */
export function cutInGate(store: Store, runId: string): { moduleId: string; n: number }[] {
  return store.getModules(runId).flatMap((m) => {
    const open = m.state === "validating" ? store.getAttempts(runId, m.moduleId).find((a) => a.state === "running") : undefined;
    return open ? [{ moduleId: m.moduleId, n: open.n }] : [];
  });
}

/**
 * Attempts a dead process left `running` end as cancelled, at `cutAt` (its last recorded step:
 * not now, which would count the time nothing ran); their modules go back to the queue. One cut
 * in its gate whose work is kept (`keptWork` answers its files: saved to its patch, or, shared,
 * the agent's own in the project's tree) ends as a Ctrl-C there ends it, its gate stopped: `resume` runs
 * the gate alone on that work (src/run/regate.ts), not its agent again.
 */
export function requeueCut(store: Store, runId: string, now: number, cutAt = now, keptWork?: (moduleId: string, n: number, agentFiles: string[]) => string[] | undefined): void {
  let ended: Map<string, AgentEnd> | undefined;
  for (const m of store.getModules(runId)) {
    if (m.state !== "running" && m.state !== "validating") continue;
    const open = store.getAttempts(runId, m.moduleId).find((a) => a.state === "running");
    if (!open) {
      store.setModuleState(runId, m.moduleId, "pending", now);
      continue;
    }
    // Cut in its gate, its agent had ended and spent what its `validating` event says: counted, as a
    // Ctrl-C there counts it (a kill -9 in the gate left the tokens out of the run's totals and budget).
    ended ??= m.state === "validating" ? agentEnds(store, runId) : undefined;
    const agent = m.state === "validating" ? ended?.get(`${m.moduleId}#${open.n}`) : undefined;
    const files = agent && keptWork?.(m.moduleId, open.n, agent.files);
    const gate: GateResult | undefined = files ? { level: "module", target: m.moduleId, ok: false, cancelled: true, checks: [], durationMs: 0 } : undefined;
    const inGate = gate ? { gates: gate, filesChanged: files!, ...(agent?.summary ? { summary: agent.summary } : {}) } : {};
    store.finishAttempt(runId, m.moduleId, open.n, { state: "cancelled", error: CUT_ERROR, endedAt: Math.max(open.startedAt, cutAt), ...(agent?.usage ? { usage: agent.usage } : {}), ...inGate }, "pending");
  }
}

/** What an attempt's agent spent, said and changed before its gate, from its `validating` event. */
interface AgentEnd {
  usage?: Usage;
  summary?: string;
  files: string[];
}

/** Each attempt's agent's end, by `module#attempt`, from the `validating` events. */
function agentEnds(store: Store, runId: string): Map<string, AgentEnd> {
  const events = recorded(store.getEvents(runId, 0, "module:state", "agentUsage"), "module:state");
  return new Map(events.flatMap((e) => (e.state === "validating" ? [[`${e.moduleId}#${e.attempt}`, { ...(e.agentUsage ? { usage: e.agentUsage } : {}), ...(e.agentSummary ? { summary: e.agentSummary } : {}), files: e.agentFiles ?? [] }] as const] : [])));
}

/** Where a module's spec is now, as planning would see it. */
export interface SpecNow {
  spec: string;
  digest: string;
}

/**
 * What changed in the specs since `plan` was made: a resumed run goes on from the
 * stored plan (its prompts carry the planned spec text), and says so for each module.
 */
export function specDrift(plan: Plan, now: ReadonlyMap<string, SpecNow>): string[] {
  const changes: string[] = [];
  for (const m of plan.modules) {
    if (!m.specDigest) continue;
    const current = now.get(m.id);
    if (!current) changes.push(`the spec of module ${m.id} (${m.spec}) is gone since the run was planned; resuming from the stored plan`);
    else if (current.spec !== m.spec) changes.push(`the spec of module ${m.id} moved from ${m.spec} to ${current.spec} since the run was planned; resuming from the stored plan`);
    else if (current.digest !== m.specDigest) changes.push(`the spec of module ${m.id} (${m.spec}) changed since the run was planned; resuming from the stored plan`);
  }
  return changes;
}
