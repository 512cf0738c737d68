import type { Agent, AttemptKind } from "../agents/types.js";
import type { RunOptions } from "../config/options.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { ModuleState, RunRecord, RunState, Store } from "../store/types.js";
import type { RunContext, RunHooks, RunSummary } from "./context.js";
import type { RunEvent, RunListener, Timed } from "./events.js";
import { RunError } from "../errors.js";
import { Budget } from "./budget.js";
import { gateLayer } from "./layer-gates.js";
import { RunLock } from "./lock.js";
import { endOrphans } from "./orphans.js";
import { attemptOnce, blockDependents, runModule } from "./module-runner.js";
import { attemptPlanFor, diagnosisPlan, generalPlan, type WorkflowOptions } from "./workflows.js";
import { writeAnalysisReport } from "./analysis-report.js";
import { readLog } from "../logs/read.js";
import { newRunId, ProjectPaths } from "./paths.js";
import { Scheduler } from "./scheduler.js";

export type { RunHooks, RunSummary } from "./context.js";

export interface OrchestratorDeps {
  root: string;
  store: Store;
  agent: Agent;
  options: RunOptions;
  hooks?: RunHooks;
  /** How many times a failed layer gate sends modules back for a fix. @default 1 */
  layerFixRounds?: number;
  /** What the task type's workflow needs: the debug log, the optimize benchmark. */
  workflow?: WorkflowOptions;
  now?: () => number;
  /** How often the store is read for progress that agents report through the MCP server (another process), in ms. @default 1000 */
  progressPollMs?: number;
}

const ATTEMPT_KIND: Record<string, AttemptKind> = { implement: "implement", debug: "fix", refactor: "refactor", analyze: "analyze", optimize: "optimize", general: "general" };

/**
 * Runs a plan's modules with an agent: in dependency order, `concurrency` at
 * a time, every transition checkpointed in the store so `resume` never redoes
 * a finished module. Layer gates run as layers complete, the system gate at the end.
 */
export class Orchestrator {
  private readonly paths: ProjectPaths;
  private readonly listeners: RunListener[] = [];
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private stopping = false;
  private runId: string | undefined;
  private budget = new Budget();
  /** Why the run stopped for money, when it did. */
  private overBudget: string | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Events emitted inside a batch, told to listeners once it commits. */
  private held: Timed[] | undefined;

  constructor(private readonly deps: OrchestratorDeps) {
    this.paths = new ProjectPaths(deps.root);
    this.now = deps.now ?? Date.now;
  }

  on(listener: RunListener): this {
    this.listeners.push(listener);
    return this;
  }

  /** Starts a new run of `plan`. */
  async run(request: Plan): Promise<RunSummary> {
    const plan = request.analysis.type === "general" ? generalPlan(request) : request;
    const runId = newRunId(new Date(this.now()));
    return this.locked(runId, () => {
      this.deps.store.createRun({
        id: runId,
        request: plan.request,
        plan: JSON.stringify(plan),
        options: JSON.stringify(this.deps.options),
        modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })),
        at: this.now(),
      });
      return this.execute(runId, plan, false);
    });
  }

  /** Continues run `runId`, or the latest unfinished run. */
  async resume(runId?: string): Promise<RunSummary> {
    const run = runId ? this.deps.store.getRun(runId) : this.deps.store.listRuns().find((r) => r.state === "running" || r.state === "interrupted");
    if (!run) throw new RunError("RUN_NOT_FOUND", runId ? `No run \`${runId}\` in this project (see \`orchestrate runs\`)` : "No unfinished run to resume in this project");
    if (run.state !== "running" && run.state !== "interrupted") throw new RunError("RUN_NOT_FOUND", `Run ${run.id} already ended (${run.state}); nothing to resume`);
    return this.locked(run.id, () => {
      this.requeueCut(run);
      this.deps.store.setRunState(run.id, "running", this.now());
      return this.execute(run.id, JSON.parse(run.plan) as Plan, true);
    });
  }

  /** Ctrl-C: start nothing new, let running attempts finish for `graceMs`, then cancel them. A second call cancels at once. */
  stop(signal = "SIGINT"): void {
    if (this.stopping) return this.cancel();
    this.stopping = true;
    if (this.runId) this.emit(this.runId, { type: "signal", runId: this.runId, signal, graceMs: this.deps.options.graceMs });
    this.graceTimer = setTimeout(() => this.cancel(), this.deps.options.graceMs);
    this.graceTimer.unref();
  }

  /** Cancels running attempts now. */
  cancel(): void {
    this.stopping = true;
    this.abort.abort();
  }

  private async locked(runId: string, body: () => Promise<RunSummary>): Promise<RunSummary> {
    const lock = new RunLock(this.deps.store, this.now);
    lock.acquire(runId);
    try {
      await endOrphans(this.deps.store);
      return await body();
    } finally {
      clearTimeout(this.graceTimer);
      lock.release();
    }
  }

  /** Attempts a dead process left `running` end as cancelled; their modules go back to the queue. */
  private requeueCut(run: RunRecord): void {
    const { store } = this.deps;
    for (const m of store.getModules(run.id)) {
      if (m.state !== "running" && m.state !== "validating") continue;
      const open = store.getAttempts(run.id, m.moduleId).find((a) => a.state === "running");
      if (open) store.finishAttempt(run.id, m.moduleId, open.n, { state: "cancelled", error: "interrupted: the run stopped during this attempt", endedAt: this.now() }, "pending");
      else store.setModuleState(run.id, m.moduleId, "pending", this.now());
    }
  }

  private async execute(runId: string, plan: Plan, resumed: boolean): Promise<RunSummary> {
    const { store, options } = this.deps;
    const started = this.now();
    this.runId = runId;
    this.budget = new Budget(options.budget, store.getAttempts(runId));
    const scheduler = new Scheduler(plan, options.schedule, new Map(store.getModules(runId).map((m) => [m.moduleId, m.state])));
    const ctx = this.context(runId, plan, scheduler);
    ctx.emit({ type: "run:start", runId, request: plan.request, plan, resumed, concurrency: options.concurrency, schedule: options.schedule, agent: this.deps.agent.name });

    if (resumed) {
      // Tell listeners where the run stands; a resumed run may also hold failures whose dependents were never marked.
      for (const record of store.getModules(runId)) {
        if (record.state !== "pending") ctx.emit({ type: "module:state", runId, moduleId: record.moduleId, layer: record.layer, state: record.state, attempt: record.attempts, ...(record.reason ? { reason: record.reason } : {}) });
      }
      for (const m of plan.modules) if (scheduler.get(m.id) === "failed") blockDependents(ctx, m.id);
    }

    const gateFailures: string[] = [];
    const gated = new Set<string>();
    const layerGate = (layer: string) =>
      gateLayer(ctx, layer, this.deps.layerFixRounds ?? 1).then((result) => {
        if (result && !result.ok && !result.cancelled) gateFailures.push(`layer gate ${layer} failed`);
      });

    const workflow: WorkflowOptions = { ...this.deps.workflow };
    if (plan.analysis.log && !workflow.log) {
      try {
        const log = readLog(this.deps.root, plan.analysis.log);
        workflow.log = { path: log.path, excerpt: log.excerpt };
      } catch {
        // The plan read it; a log gone by the time a run resumes leaves the diagnosis without its excerpt.
      }
    }
    const stopped = await this.beforeModules(ctx, workflow);
    if (stopped) gateFailures.push(stopped);

    const modules = new Map<string, Promise<void>>();
    const gates = new Map<string, Promise<void>>();
    const relay = this.relayAgentProgress(ctx);
    let wave = -1;
    while (!ctx.halted() && !stopped) {
      const current = scheduler.lowestWave;
      if (current !== wave && current < plan.waves.length) {
        wave = current;
        ctx.emit({ type: "wave", runId, wave: current + 1, modules: plan.waves[current]! });
      }
      for (const id of scheduler.next(options.concurrency - modules.size)) {
        scheduler.set(id, "running");
        modules.set(id, this.startModule(ctx, ctx.byId.get(id)!, workflow).finally(() => modules.delete(id)));
      }
      for (const layer of plan.layers) {
        if (gated.has(layer.id) || !layer.modules.every((id) => scheduler.get(id) === "done")) continue;
        gated.add(layer.id);
        gates.set(layer.id, layerGate(layer.id).finally(() => gates.delete(layer.id)));
      }
      if (modules.size === 0 && gates.size === 0) break;
      await Promise.race([...modules.values(), ...gates.values()]);
    }
    await Promise.all([...modules.values(), ...gates.values()]);
    clearInterval(relay);

    if (!ctx.halted() && !stopped) {
      // Nothing runs and nothing can start: whatever is still pending cannot be scheduled.
      for (const m of plan.modules) if (scheduler.get(m.id) === "pending") ctx.setState(m, "blocked", "cannot be scheduled: a dependency never finished");
    }
    const counts = { pending: 0, running: 0, validating: 0, done: 0, failed: 0, blocked: 0 } as Record<ModuleState, number>;
    for (const m of plan.modules) counts[scheduler.get(m.id)]++;
    if (!ctx.halted() && counts.done === plan.modules.length) {
      const result = await this.deps.hooks?.validateSystem?.(plan.modules.map((m) => m.id), ctx.signal);
      if (result) ctx.emit({ type: "gate", runId, result });
      if (result && !result.ok && !result.cancelled) gateFailures.push("system gate failed");
    }

    const state: RunState = this.overBudget ? "budget_exceeded" : this.stopping ? "interrupted" : counts.failed + counts.blocked > 0 || gateFailures.length ? "failed" : "done";
    store.setRunState(runId, state, this.now());
    const usage = this.budget.spent();
    const reason = this.overBudget ?? (gateFailures.length ? gateFailures.join("; ") : undefined);
    const report = plan.analysis.type === "analyze" && counts.done > 0 ? writeAnalysisReport(ctx) : undefined;
    const summary: RunSummary = { runId, state, durationMs: this.now() - started, counts, usage, ...(reason ? { reason } : {}), ...(report ? { report } : {}) };
    await this.deps.hooks?.afterRun?.(summary, plan);
    ctx.emit({ type: "run:end", runId, state, durationMs: summary.durationMs, counts, usage });
    return summary;
  }

  /**
   * Agents report progress through orchestrate's MCP server, another process that
   * writes to the store; this brings those lines to the run's listeners (the live view).
   */
  private relayAgentProgress(ctx: RunContext): NodeJS.Timeout {
    const { store, runId } = ctx;
    let after = store.getEvents(runId).at(-1)?.id ?? 0;
    const timer = setInterval(() => {
      for (const e of store.getEvents(runId, after)) {
        after = e.id;
        if (e.type !== "agent:progress" || !e.moduleId) continue;
        const message = String((e.data as { message?: unknown }).message ?? "");
        ctx.emit({ type: "agent", runId, moduleId: e.moduleId, attempt: store.getModule(runId, e.moduleId)?.attempts ?? 0, event: { type: "progress", message } });
      }
    }, this.deps.progressPollMs ?? 1000);
    timer.unref();
    return timer;
  }

  /** A module's attempts in the workflow of the task type. */
  private async startModule(ctx: RunContext, module: PlanModule, workflow: WorkflowOptions): Promise<void> {
    const plan = await attemptPlanFor(ctx, module, workflow);
    if (typeof plan !== "string") return runModule(ctx, module, plan);
    ctx.setState(module, "failed", plan);
    blockDependents(ctx, module.id);
  }

  /**
   * What must hold before any module's agent runs. refactor: the scope's gates pass
   * on the code as it is (the baseline), or the run stops and says so. debug: each
   * module is diagnosed first by a read-only attempt, all before any fix writes a file.
   * Returns why the run stops, when it does.
   */
  private async beforeModules(ctx: RunContext, workflow: WorkflowOptions): Promise<string | undefined> {
    const { plan, store, runId } = ctx;
    if (plan.analysis.type === "refactor" && ctx.hooks.validateModule && !store.getEvents(runId).some((e) => e.type === "baseline")) {
      const failed: string[] = [];
      for (const module of plan.modules) {
        const result = await ctx.hooks.validateModule(module, ctx.signal);
        if (!result) continue;
        ctx.emit({ type: "gate", runId, result });
        if (!result.ok && !result.cancelled) failed.push(module.id);
      }
      if (failed.length) return `baseline failed before any change: the gates of ${failed.join(", ")} do not pass on the code as it is; a refactoring must start from passing tests`;
      store.appendEvent(runId, "baseline", { ok: true }, ctx.now());
    }
    if (plan.analysis.type === "debug") {
      const pending = plan.modules.filter((m) => ctx.scheduler.get(m.id) === "pending" && !store.getAttempts(runId, m.id).some((a) => a.kind === "analyze" && a.state === "done"));
      // Diagnoses are read-only, so they may run side by side (bounded like any attempts).
      const queue = [...pending];
      await Promise.all(Array.from({ length: Math.min(ctx.options.concurrency, queue.length) }, async () => {
        for (let m = queue.shift(); m; m = queue.shift()) await this.diagnose(ctx, m, workflow);
      }));
    }
    return undefined;
  }

  /** The debug analyzer's attempts on one module, retried like any; the module stays pending for its fix. */
  private async diagnose(ctx: RunContext, module: PlanModule, workflow: WorkflowOptions): Promise<void> {
    let previousError: string | undefined;
    for (let failures = 0; !ctx.halted(); failures++) {
      const onFailure = failures >= ctx.options.retries ? "failed" : "pending";
      const { state, outcome } = await attemptOnce(ctx, module, { ...diagnosisPlan(workflow), onSuccess: "pending", onFailure, ...(previousError ? { previousError } : {}) });
      if (outcome.ok || outcome.cancelled) return ctx.scheduler.set(module.id, "pending");
      if (state === "failed") return blockDependents(ctx, module.id);
      previousError = outcome.error;
    }
  }

  private context(runId: string, plan: Plan, scheduler: Scheduler): RunContext {
    const { store, options, agent } = this.deps;
    const emit = (event: RunEvent) => this.emit(runId, event);
    return {
      runId,
      plan,
      byId: new Map(plan.modules.map((m) => [m.id, m])),
      store,
      agent,
      options,
      hooks: this.deps.hooks ?? {},
      paths: this.paths,
      scheduler,
      budget: this.budget,
      signal: this.abort.signal,
      kind: ATTEMPT_KIND[plan.analysis.type] ?? "implement",
      now: this.now,
      emit,
      halted: () => this.stopping || this.checkBudget(),
      batch: <T>(fn: () => T): T => {
        this.held = [];
        let told: Timed[];
        let result: T;
        try {
          result = store.batch(fn);
        } finally {
          told = this.held;
          this.held = undefined;
        }
        for (const event of told) for (const listener of this.listeners) listener(event);
        return result;
      },
      setState: (module: PlanModule, state: ModuleState, reason?: string) => {
        store.setModuleState(runId, module.id, state, this.now(), reason);
        scheduler.set(module.id, state);
        emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state, attempt: 0, ...(reason ? { reason } : {}) });
      },
    };
  }

  /** True once the run's budget is spent: nothing new starts, and with `onExceeded: cancel` running attempts stop. */
  private checkBudget(): boolean {
    if (this.overBudget) return true;
    const reason = this.budget.runExceeded();
    if (!reason) return false;
    this.overBudget = reason;
    if (this.runId) this.emit(this.runId, { type: "budget", runId: this.runId, reason, spent: this.budget.spent() });
    if (this.budget.cancelOnExceed) this.abort.abort();
    return true;
  }

  private emit(runId: string, event: RunEvent): void {
    const timed: Timed = { ...event, at: this.now() };
    // Agent chatter (progress lines, usage so far) stays in memory; tool calls are kept.
    if (event.type !== "agent" || event.event.type === "tool") this.deps.store.appendEvent(runId, event.type, persisted(event), timed.at, "moduleId" in event ? event.moduleId : undefined);
    if (this.held) this.held.push(timed);
    else for (const listener of this.listeners) listener(timed);
  }
}

/** What the events table keeps: everything but the (large) plan, which the run record holds. */
function persisted(event: RunEvent): unknown {
  if (event.type === "run:start") {
    const { plan: _plan, ...rest } = event;
    return rest;
  }
  return event;
}
