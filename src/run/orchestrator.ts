import type { Agent, AttemptKind, Usage } from "../agents/types.js";
import type { RunOptions } from "../config/options.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { ModuleState, RunRecord, RunState, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import type { RunEvent, RunListener, Timed } from "./events.js";
import { RunError } from "../errors.js";
import { runAttempt } from "./attempt.js";
import { RunLock } from "./lock.js";
import { newRunId, ProjectPaths } from "./paths.js";
import { Scheduler } from "./scheduler.js";
import { Budget } from "./budget.js";

/** Hooks the engine calls around modules and layers; gates, docs and memory plug in here. */
export interface RunHooks {
  /** The module gate after a successful attempt. */
  validateModule?: (module: PlanModule, signal: AbortSignal) => Promise<GateResult | undefined>;
  /** Relevant memories for an attempt's prompt. */
  memoriesFor?: (module: PlanModule, request: string) => string | undefined;
  /** After a module reaches done or failed (memory). */
  afterModule?: (runId: string, module: PlanModule, state: ModuleState, request: string) => void;
  /** After the run ends (docs, memory). */
  afterRun?: (summary: RunSummary, plan: Plan) => Promise<void>;
}

export interface OrchestratorDeps {
  root: string;
  store: Store;
  agent: Agent;
  options: RunOptions;
  hooks?: RunHooks;
  now?: () => number;
}

export interface RunSummary {
  runId: string;
  state: RunState;
  durationMs: number;
  counts: Record<ModuleState, number>;
  /** Spent by the whole run, earlier sessions of a resumed run included. */
  usage: Usage;
  /** Why the run ended early (the budget), when it did. */
  reason?: string;
}

const ATTEMPT_KIND: Record<string, AttemptKind> = { implement: "implement", debug: "fix", refactor: "refactor", analyze: "analyze", optimize: "optimize", general: "general" };

/**
 * Runs a plan's modules with an agent: in dependency order, `concurrency` at
 * a time, every transition checkpointed in the store so `resume` never redoes
 * a finished module.
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

  constructor(private readonly deps: OrchestratorDeps) {
    this.paths = new ProjectPaths(deps.root);
    this.now = deps.now ?? Date.now;
  }

  on(listener: RunListener): this {
    this.listeners.push(listener);
    return this;
  }

  /** Starts a new run of `plan`. */
  async run(plan: Plan): Promise<RunSummary> {
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

  /** Ctrl-C: start nothing new, let running attempts finish for `graceMs`, then cancel them. */
  stop(signal = "SIGINT"): void {
    if (this.stopping) return this.cancel();
    this.stopping = true;
    if (this.runId) this.emitTo(this.runId, { type: "signal", runId: this.runId, signal, graceMs: this.deps.options.graceMs });
    this.graceTimer = setTimeout(() => this.cancel(), this.deps.options.graceMs);
    this.graceTimer.unref();
  }

  /** Cancels running attempts now. */
  cancel(): void {
    this.stopping = true;
    this.abort.abort();
  }

  private async locked(runId: string, body: () => Promise<RunSummary>): Promise<RunSummary> {
    const lock = new RunLock(this.paths.lock);
    lock.acquire(runId);
    try {
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
    const states = new Map(store.getModules(runId).map((m) => [m.moduleId, m.state]));
    const scheduler = new Scheduler(plan, options.schedule, states);
    const byId = new Map(plan.modules.map((m) => [m.id, m]));
    this.budget = new Budget(options.budget, store.getAttempts(runId));
    const emit = (event: RunEvent) => this.emitTo(runId, event);
    emit({ type: "run:start", runId, request: plan.request, plan, resumed, concurrency: options.concurrency, schedule: options.schedule, agent: this.deps.agent.name });

    // A resumed run may hold failures whose dependents were never marked.
    for (const [id, state] of states) if (state === "failed") this.block(runId, scheduler, byId, id);

    const running = new Map<string, Promise<void>>();
    let wave = -1;
    while (!this.stopping && !this.checkBudget()) {
      const current = lowestUnfinishedWave(plan, scheduler);
      if (current !== wave && current < plan.waves.length) {
        wave = current;
        emit({ type: "wave", runId, wave: current + 1, modules: plan.waves[current]! });
      }
      for (const id of scheduler.next(options.concurrency - running.size)) {
        scheduler.set(id, "running");
        const task = this.runModule(runId, plan, byId.get(id)!, scheduler, byId).finally(() => running.delete(id));
        running.set(id, task);
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    await Promise.all(running.values());

    if (!this.stopping && !this.overBudget) {
      // Nothing runs and nothing can start: whatever is still pending cannot be scheduled.
      for (const m of plan.modules) if (scheduler.get(m.id) === "pending") this.setState(runId, scheduler, m, "blocked", "cannot be scheduled: a dependency never finished");
    }
    const counts = { pending: 0, running: 0, validating: 0, done: 0, failed: 0, blocked: 0 } as Record<ModuleState, number>;
    for (const m of plan.modules) counts[scheduler.get(m.id)]++;
    const state: RunState = this.overBudget ? "budget_exceeded" : this.stopping ? "interrupted" : counts.failed + counts.blocked > 0 ? "failed" : "done";
    store.setRunState(runId, state, this.now());
    const usage = this.budget.spent();
    const summary: RunSummary = { runId, state, durationMs: this.now() - started, counts, usage, ...(this.overBudget ? { reason: this.overBudget } : {}) };
    await this.deps.hooks?.afterRun?.(summary, plan);
    emit({ type: "run:end", runId, state, durationMs: summary.durationMs, counts, usage });
    return summary;
  }

  private async runModule(runId: string, plan: Plan, module: PlanModule, scheduler: Scheduler, byId: Map<string, PlanModule>): Promise<void> {
    const { store, options, agent, hooks } = this.deps;
    const earlier = store.getAttempts(runId, module.id);
    let failures = earlier.filter((a) => a.state === "failed").length;
    let previousError = earlier.findLast((a) => a.state === "failed")?.error;
    let n = earlier.length;
    const emit = (event: RunEvent) => this.emitTo(runId, event);
    const kind = ATTEMPT_KIND[plan.analysis.type] ?? "implement";

    while (!this.stopping && !this.checkBudget()) {
      const overModule = this.budget.moduleExceeded(module.id);
      if (overModule) {
        this.setState(runId, scheduler, module, "failed", overModule);
        hooks?.afterModule?.(runId, module, "failed", plan.request);
        return this.block(runId, scheduler, byId, module.id);
      }
      n++;
      const promptPath = this.paths.rel(this.paths.attempt(runId, module.id, n, ".prompt.md"));
      store.startAttempt(runId, module.id, { kind, agent: agent.name, promptPath, at: this.now() });
      emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "running", attempt: n });
      emit({ type: "attempt:start", runId, moduleId: module.id, attempt: n, kind, agent: agent.name, promptPath });

      const memories = hooks?.memoriesFor?.(module, plan.request);
      const outcome = await runAttempt(
        { runId, request: plan.request, module, n, kind, timeoutMs: options.timeoutMs, ...(previousError ? { previousError } : {}), ...(memories ? { memories } : {}) },
        {
          paths: this.paths,
          agent,
          signal: this.abort.signal,
          emit: (event) => {
            if (event.type === "agent" && event.event.type === "usage") {
              this.budget.update(`${module.id}#${n}`, module.id, event.event.usage);
              this.checkBudget();
            }
            emit(event);
          },
          now: this.now,
          ...(hooks?.validateModule ? { validate: hooks.validateModule } : {}),
          onValidating: () => {
            store.setModuleState(runId, module.id, "validating", this.now());
            emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "validating", attempt: n });
          },
        },
      );
      this.budget.settle(`${module.id}#${n}`, module.id, outcome.usage);

      const final = outcome.ok ? "done" : outcome.cancelled ? "pending" : failures + 1 > options.retries ? "failed" : "pending";
      const reason = outcome.ok || outcome.cancelled ? undefined : final === "failed" ? `failed after ${failures + 1} attempt${failures ? "s" : ""}` : `attempt ${n} failed; retrying`;
      store.finishAttempt(
        runId,
        module.id,
        n,
        {
          state: outcome.ok ? "done" : outcome.cancelled ? "cancelled" : "failed",
          summary: outcome.summary,
          ...(outcome.error ? { error: outcome.error } : {}),
          filesChanged: outcome.filesChanged,
          usage: outcome.usage,
          ...(outcome.gate ? { gates: JSON.stringify(outcome.gate) } : {}),
          endedAt: this.now(),
        },
        final,
        reason,
      );
      if (outcome.gate) emit({ type: "gate", runId, result: outcome.gate });
      emit({ type: "attempt:end", runId, moduleId: module.id, attempt: n, ok: outcome.ok, ...(outcome.cancelled ? { cancelled: true } : {}), ...(outcome.error ? { error: outcome.error } : {}), durationMs: outcome.durationMs, usage: outcome.usage, summary: outcome.summary });
      scheduler.set(module.id, final);
      emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: final, attempt: n, ...(reason ? { reason } : {}) });

      if (final === "done" || final === "failed") hooks?.afterModule?.(runId, module, final, plan.request);
      if (final === "done" || outcome.cancelled) return;
      if (final === "failed") return this.block(runId, scheduler, byId, module.id);
      failures++;
      previousError = outcome.error;
    }
    // Stopping before the module's next attempt: it waits for `resume`.
    scheduler.set(module.id, "pending");
  }

  /** True once the run's budget is spent: nothing new starts, and with `onExceeded: cancel` running attempts stop. */
  private checkBudget(): boolean {
    if (this.overBudget) return true;
    const reason = this.budget.runExceeded();
    if (!reason) return false;
    this.overBudget = reason;
    if (this.runId) this.emitTo(this.runId, { type: "budget", runId: this.runId, reason, spent: this.budget.spent() });
    if (this.budget.cancelOnExceed) this.abort.abort();
    return true;
  }

  private block(runId: string, scheduler: Scheduler, byId: Map<string, PlanModule>, failed: string): void {
    for (const { id, reason } of scheduler.blockedBy(failed)) this.setState(runId, scheduler, byId.get(id)!, "blocked", reason);
  }

  private setState(runId: string, scheduler: Scheduler, module: PlanModule, state: ModuleState, reason?: string): void {
    this.deps.store.setModuleState(runId, module.id, state, this.now(), reason);
    scheduler.set(module.id, state);
    this.emitTo(runId, { type: "module:state", runId, moduleId: module.id, layer: module.layer, state, attempt: 0, ...(reason ? { reason } : {}) });
  }

  private emitTo(runId: string, event: RunEvent): void {
    const timed: Timed = { ...event, at: this.now() };
    if (event.type !== "agent") this.deps.store.appendEvent(runId, event.type, persisted(event), timed.at, "moduleId" in event ? event.moduleId : undefined);
    for (const listener of this.listeners) listener(timed);
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

function lowestUnfinishedWave(plan: Plan, scheduler: Scheduler): number {
  for (let w = 0; w < plan.waves.length; w++) {
    if (plan.waves[w]!.some((id) => { const s = scheduler.get(id); return s !== "done" && s !== "failed" && s !== "blocked"; })) return w;
  }
  return plan.waves.length;
}
