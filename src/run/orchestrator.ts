import type { Plan, PlanModule } from "../plan/types.js";
import type { ModuleState, RunState } from "../store/types.js";
import { recordPlanner } from "./planner-record.js";
import type { OrchestratorDeps, RunContext, RunSummary } from "./context.js";
import type { RunEvent, RunListener } from "./events.js";
import { readOnlyValidation, type Workflow } from "./workflow.js";
import { OrchestrateError, RunError } from "../errors.js";
import { Budget } from "./budget.js";
import { countStates, endedSummary, EventBus } from "./bus.js";
import { Halt } from "./halt.js";
import { runTimeOf } from "./run-time.js";
import { RunLock } from "./lock.js";
import { endOrphans } from "./orphans.js";
import { blockDependents } from "./module-runner.js";
import { runLoop } from "./loop.js";
import { newRunId, ProjectPaths } from "./paths.js";
import { cutInGate, requeueCut, resumeTarget, specDrift } from "./recover.js";
import { Scheduler } from "./scheduler.js";
import { Slots } from "./slots.js";
import { TreeWriters } from "./writers.js";
import { Isolation, type CutInGate } from "./isolation.js";
import { gateOnHead } from "./layer-gates.js";
import { baseNote, gateOnBase, oldFailuresWarning } from "./base-gate.js";
import { FileStats } from "../file-stats.js";
import { keptOptions } from "../config/queue-kept.js";
import { recorded } from "./events.js";
import { GATES_CHANGED, keptChecks } from "../validate/kept-gates.js";

export type { OrchestratorDeps, RunHooks, RunSummary } from "./context.js";

/** The engine's own loop, for a task type nobody gave a workflow. */
const PLAIN: Workflow = { attempts: async () => ({ kind: "implement" }) };

/**
 * Runs a plan's modules with an agent: in dependency order, `concurrency` at
 * a time, every transition checkpointed in the store so `resume` never redoes
 * a finished module. Layer gates run as layers complete, the system gate at the end;
 * what differs by task type is the workflow's.
 */
export class Orchestrator {
  private readonly paths: ProjectPaths;
  private readonly bus: EventBus;
  private readonly now: () => number;
  private readonly halt = new Halt();
  private noAgent: string | undefined;
  private runId: string | undefined;
  private budget = new Budget();
  private isolation: Isolation | undefined;

  constructor(private readonly deps: OrchestratorDeps) {
    this.paths = new ProjectPaths(deps.root);
    this.now = deps.now ?? Date.now;
    this.bus = new EventBus(deps.store, this.now);
  }

  on(listener: RunListener): this {
    this.bus.on(listener);
    return this;
  }

  /** Starts a new run of `plan`. */
  async run(request: Plan): Promise<RunSummary> {
    const workflow = this.workflowOf(request);
    const plan = workflow.shape?.(request) ?? request;
    // A planner's attempts live under its planning id: the run takes it, so their prompts are the run's.
    const planned = plan.analysis.planner?.id;
    const runId = planned && !this.deps.store.getRun(planned) ? planned : newRunId(new Date(this.now()));
    return this.locked(runId, async () => {
      const modules = plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer }));
      this.deps.store.batch(() => {
        // Kept without a queue's Redis password: `resume` takes the rest of the run's queue from here.
        this.deps.store.createRun({ id: runId, request: plan.request, plan, options: JSON.stringify(keptOptions(this.deps.options)), modules, at: this.now() });
        recordPlanner(this.deps.store, runId, plan);
      });
      await this.isolate(runId);
      return this.execute(runId, plan, workflow, { request });
    });
  }

  /** Continues run `runId`, or the latest unfinished run: its modules, or only its documentation step. */
  async resume(runId?: string): Promise<RunSummary> {
    const { store } = this.deps;
    const run = resumeTarget(store, runId);
    const { plan } = run;
    const workflow = this.workflowOf(plan);
    // Before anything is recorded on it: a session its process cut short ran up to its last recorded step.
    const before = runTimeOf(store, run, false, this.now());
    for (const message of this.deps.specs ? specDrift(plan, this.deps.specs) : []) this.emit(run.id, { type: "warning", runId: run.id, message });
    return this.locked(run.id, async () => {
      // Before the cut attempts are re-queued: a merge the killed process finished is settled from git first,
      // and the work of an attempt cut in its gate saved from its worktree.
      const cut = cutInGate(store, run.id).map((c) => ({ ...c, patch: this.paths.attempt(run.id, c.moduleId, c.n, ".diff") }));
      await this.isolate(run.id, cut);
      if (run.state !== "running" && run.state !== "interrupted") return this.document(endedSummary(store, run), plan, workflow);
      if (!workflow.readOnly) this.keepGates(run.id, plan);
      // A queued attempt's work is in its worker's worktree, elsewhere: its agent runs again, as before.
      const isolation = this.isolation;
      const kept = this.deps.executor ? undefined : (moduleId: string, n: number, agentFiles: string[]) => (isolation ? isolation.keptInGate.get(`${moduleId}#${n}`) : agentFiles);
      store.batch(() => {
        requeueCut(store, run.id, this.now(), before.until, kept);
        store.setRunState(run.id, "running", this.now());
      });
      return this.execute(run.id, plan, workflow, { ranMs: before.ms });
    });
  }

  /**
   * A resumed run validates what is left with the gates it started with (its `validation` event keeps the discovered
   * ones), not with what the project shows now; what changed since is a warning and a line of its validation. A run
   * from before the gates were kept discovers them again, as it always did.
   */
  private keepGates(runId: string, plan: Plan): void {
    const started = recorded(this.deps.store.getEvents(runId, 0, "validation"), "validation").at(-1);
    const kept = this.deps.keepGates && started ? keptChecks(started) : undefined;
    const change = kept && this.deps.keepGates!(kept, plan);
    if (!started || !change) return;
    this.emit(runId, { type: "warning", runId, message: change });
    // Said once however often the run is resumed; the run's validation as `status` and `report` show it.
    if (!started.lines.includes(change)) this.emit(runId, { ...started, lines: [...started.lines.filter((l) => !l.startsWith(GATES_CHANGED)), change] });
  }

  /** Ctrl-C: start nothing new, let running attempts finish for `graceMs`, then cancel them. A second call cancels at once. */
  stop(signal = "SIGINT"): void {
    const { graceMs } = this.deps.options;
    if (this.halt.stop(graceMs) && this.runId) this.emit(this.runId, { type: "signal", runId: this.runId, signal, graceMs });
  }

  /** No agent can run here (`reason`: its missing login or key): a layer gate's fix round stops the run, resumable, instead of starting attempts bound to fail. */
  withoutAgent(reason: string): void {
    this.noAgent = reason;
  }

  /** Cancels running attempts now. */
  cancel(): void {
    this.halt.cancel();
  }

  /** The run's worktrees and integration branch, when it is isolated; made (or, resumed, recovered) before any attempt. */
  private async isolate(runId: string, cut: readonly CutInGate[] = []): Promise<void> {
    const { isolation } = this.deps;
    this.isolation = isolation ? await Isolation.start(this.deps.root, this.deps.store, runId, isolation, this.now, (event) => this.emit(runId, event), cut) : undefined;
    // Queue workers bring commits: without an integration branch there is nowhere to merge them.
    if (this.deps.executor && !this.isolation) throw new RunError("QUEUE", "A queued run (`--queue`, config `queue`) needs the project in a git repository with at least one commit and `isolation: worktree`: workers' work arrives as commits merged into the run's branch");
  }

  private workflowOf(plan: Plan): Workflow {
    return this.deps.workflows?.(plan.analysis.type) ?? PLAIN;
  }

  private async locked(runId: string, body: () => Promise<RunSummary>): Promise<RunSummary> {
    const lock = new RunLock(this.deps.store, this.now);
    lock.acquire(runId);
    try {
      await endOrphans(this.deps.store);
      return await body();
    } finally {
      this.halt.dispose();
      lock.release();
      await this.deps.executor?.close();
    }
  }

  /** `request`: a new run's plan as given, before its workflow shaped it; `ranMs`: a resumed run's time in its earlier sessions. */
  private async execute(runId: string, plan: Plan, workflow: Workflow, session: { request: Plan } | { ranMs: number }): Promise<RunSummary> {
    const { store, options } = this.deps;
    const ranMs = "ranMs" in session ? session.ranMs : undefined;
    const resumed = ranMs !== undefined;
    this.runId = runId;
    this.budget = new Budget(options.budget, store.getAttempts(runId));
    // A new run's modules are as createRun wrote them a moment ago, all pending with no attempt (the
    // scheduler's and the attempt counts' defaults): reading 10,000 of them back was 20 ms and more.
    const records = resumed ? store.getModules(runId) : [];
    const scheduler = new Scheduler(plan, options.schedule, new Map(records.map((m) => [m.moduleId, m.state])));
    const ctx = this.context(runId, plan, scheduler, workflow, new Map(records.map((m) => [m.moduleId, m.attempts])));
    ctx.emit({ type: "run:start", runId, request: plan.request, plan, resumed, ...(resumed ? { ranMs } : {}), concurrency: options.concurrency, schedule: options.schedule, agent: this.deps.agent.name });
    // A read-only run's gates do not run: say so rather than list what would have validated a change. The modules
    // whose gates are named are the request's (a general run's one step covers them), as the CLI named them before the run.
    const validation = "request" in session && this.deps.validation && (workflow.readOnly ? readOnlyValidation(plan.analysis.type) : this.deps.validation(session.request));
    if (validation) ctx.emit({ type: "validation", runId, ...validation });
    if (resumed) {
      // Tell listeners where the run stands; a resumed run may also hold failures whose dependents were never marked.
      for (const r of store.getModules(runId)) if (r.state !== "pending") ctx.emit({ type: "module:state", runId, moduleId: r.moduleId, layer: r.layer, state: r.state, attempt: r.attempts, ...(r.reason ? { reason: r.reason } : {}) });
      for (const m of plan.modules) if (scheduler.get(m.id) === "failed") blockDependents(ctx, m.id);
    }

    const failures: string[] = [];
    const stopped = await workflow.before?.(ctx);
    if (stopped) failures.push(stopped);
    else await runLoop(ctx, this.deps.layerFixRounds ?? 1, failures);

    if (!ctx.halted() && !stopped) {
      // Nothing runs and nothing can start: whatever is still pending cannot be scheduled.
      for (const m of plan.modules) if (scheduler.get(m.id) === "pending") ctx.setState(m, "blocked", "cannot be scheduled: a dependency never finished");
    }
    const counts = countStates(plan.modules.map((m) => scheduler.get(m.id)));
    if (!ctx.halted() && counts.done === plan.modules.length && !workflow.readOnly) {
      const validateSystem = this.deps.hooks?.validateSystem;
      const gate = validateSystem && ((dir: string) => validateSystem(plan.modules.map((m) => m.id), ctx.signal, dir, this.isolation ? undefined : ctx.files));
      const result = gate ? await gateOnHead(ctx, "system", "system", gate) : undefined;
      if (result) ctx.emit({ type: "gate", runId, result });
      // Whether what failed was failing before the run: said beside the failure, which stands.
      const base = result && gate ? await gateOnBase(ctx, result, gate, true) : undefined;
      const note = base && baseNote(base);
      // Failing only where the base commit failed, nothing new: not the run's doing, said and passed.
      if (base?.passed) ctx.emit({ type: "warning", runId, message: oldFailuresWarning(base) });
      else if (result && !result.ok && !result.cancelled) failures.push(`system gate failed${note ? ` (${note})` : ""}`);
    }

    const state: RunState = this.halt.overBudget ? "budget_exceeded" : this.halt.stopping ? "interrupted" : counts.failed + counts.blocked > 0 || failures.length ? "failed" : "done";
    // The run's end and its pending documentation step land together: a crash between them cannot lose the docs.
    const documented = state !== "interrupted" && this.deps.hooks?.afterRun !== undefined;
    ctx.batch(() => {
      if (documented) ctx.emit({ type: "docs", runId, state: "pending" });
      store.setRunState(runId, state, this.now());
    }, { single: true });
    // Test-only: the crash window the durable docs step closes (test/cli/docs-durable.int.test.ts).
    if (process.env.ORCHESTRATE_TEST_KILL_AT === "run-ended") process.kill(process.pid, "SIGKILL");
    const reason = this.halt.overBudget ?? (failures.length ? failures.join("; ") : undefined);
    const report = counts.done > 0 ? workflow.report?.(ctx) : undefined;
    // The run's head, not its record: reading back a 10,000-module plan here cost 25-45 MB of peak memory.
    const time = runTimeOf(store, store.getRunHead(runId)!, false);
    const summary: RunSummary = { runId, state, durationMs: time.ms, ...(time.sessions > 1 ? { sessions: time.sessions } : {}), counts, usage: this.budget.spent(), ...(reason ? { reason } : {}), ...(report ? { report } : {}) };
    return documented ? this.document(summary, plan, workflow) : this.end(summary);
  }

  /** The durable documentation step: done once it is recorded so; a failure leaves it pending for `resume`. */
  private async document(summary: RunSummary, plan: Plan, workflow: Workflow): Promise<RunSummary> {
    const { runId } = summary;
    try {
      const afterRun = this.deps.hooks?.afterRun;
      // Isolated, the docs are written on the integration branch, in a commit of their own; the user's checkout is not touched.
      const done = afterRun && (this.isolation ? await this.isolation.commitAtHead((dir) => afterRun(summary, plan, workflow, dir), `Documentation of run ${runId}\n\n${plan.request}`) : await afterRun(summary, plan, workflow));
      for (const message of done?.warnings ?? []) this.emit(runId, { type: "warning", runId, message });
      this.emit(runId, { type: "docs", runId, state: "done", ...(done?.written?.length ? { written: done.written } : {}), ...(done?.preview ? { preview: done.preview } : {}), ...(done?.already ? { already: done.already } : {}) });
      return this.end(summary);
    } catch (error) {
      // `describe()` names the file (a changelog that is a folder, a README with one marker): the message alone does not.
      return this.end({ ...summary, docsError: error instanceof OrchestrateError ? error.describe() : error instanceof Error ? error.message : String(error) });
    }
  }

  private async end(summary: RunSummary): Promise<RunSummary> {
    const { runId, state, durationMs, sessions, counts, usage } = summary;
    const workspace = await this.finishWorkspace(runId, state);
    this.emit(runId, { type: "run:end", runId, state, durationMs, ...(sessions ? { sessions } : {}), counts, usage });
    return workspace ? { ...summary, workspace } : summary;
  }

  /** An isolated run's end: worktrees and attempt branches go, `--apply` brings the branch in; an interrupted run keeps its branch as it is for `resume`. */
  private async finishWorkspace(runId: string, state: RunState): Promise<RunSummary["workspace"]> {
    const isolation = this.isolation;
    if (!isolation) return undefined;
    try {
      const { head, applied, removed } = state === "interrupted" ? { head: await isolation.interrupt(), applied: undefined, removed: undefined } : await isolation.finish(state);
      const end = { branch: isolation.branch, base: isolation.base, head, ...(applied ? { applied } : {}), ...(removed ? { removed } : {}) };
      this.emit(runId, { type: "workspace", runId, isolation: "worktree", ...end });
      return end;
    } catch (error) {
      this.emit(runId, { type: "warning", runId, message: `the run's worktrees could not be cleaned up: ${(error as Error).message}` });
      return undefined;
    }
  }

  private context(runId: string, plan: Plan, scheduler: Scheduler, workflow: Workflow, attempts: Map<string, number>): RunContext {
    const { store, options, agent } = this.deps;
    const emit = (event: RunEvent) => this.emit(runId, event);
    const setState = (module: PlanModule, state: ModuleState, reason?: string) => {
      store.setModuleState(runId, module.id, state, this.now(), reason);
      scheduler.set(module.id, state);
      emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state, attempt: 0, ...(reason ? { reason } : {}) });
    };
    const byId = new Map(plan.modules.map((m) => [m.id, m]));
    const halted = () => this.halt.halted(this.budget, (reason) => emit({ type: "budget", runId, reason, spent: this.budget.spent() }));
    const batch = <T>(fn: () => T, how?: { single?: boolean }): T => this.bus.batch(fn, how);
    return { runId, plan, byId, store, agent, options, scheduler, attempts, workflow, emit, halted, batch, setState, now: this.now, paths: this.paths, budget: this.budget, progressPollMs: this.deps.progressPollMs ?? 1000, hooks: this.deps.hooks ?? {}, ...(this.isolation ? { isolation: this.isolation } : {}), ...(this.deps.executor ? { executor: this.deps.executor } : {}), inHead: (fn) => (this.isolation ? this.isolation.atHead(fn, this.halt.abort.signal) : fn(this.paths.root)), slots: new Slots(options.concurrency), writers: new TreeWriters(), signal: this.halt.abort.signal, files: this.deps.files ?? new FileStats(), ...(this.noAgent ? { noAgent: { reason: this.noAgent, stop: () => this.halt.stop(options.graceMs) } } : {}) };
  }

  private emit(runId: string, event: RunEvent): void {
    this.bus.emit(runId, event);
  }
}
