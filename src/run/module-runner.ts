import type { PlanModule } from "../plan/types.js";
import type { ModuleState } from "../store/types.js";
import type { RunContext } from "./context.js";
import type { AttemptPlan } from "./workflow.js";
import { promptPathOf, runAttempt, type AttemptOutcome } from "./attempt.js";
import { recordProcess } from "./orphans.js";
import { failure } from "./failure.js";
import { buildContext, DEFAULT_PROMPT_TOKENS, type PromptContext } from "../prompt/context.js";

export type { AttemptPlan } from "./workflow.js";

/** Runs a module to done or failed: attempts until one passes its checks or the retries are spent. */
export async function runModule(ctx: RunContext, module: PlanModule, plan: AttemptPlan): Promise<void> {
  const earlier = ctx.store.getAttempts(ctx.runId, module.id).filter((a) => a.kind === plan.kind);
  let failures = earlier.filter((a) => a.state === "failed").length;
  let previousError = earlier.findLast((a) => a.state === "failed")?.error;

  while (!ctx.halted()) {
    const overBudget = ctx.budget.moduleExceeded(module.id);
    if (overBudget) {
      ctx.setState(module, "failed", overBudget);
      ctx.hooks.afterModule?.(ctx.runId, module, "failed", ctx.plan.request);
      return blockDependents(ctx, module.id);
    }
    const lastTry = failures >= ctx.options.retries;
    const made = await attemptOnce(ctx, module, { ...plan, ...(previousError ? { previousError } : {}), onFailure: lastTry ? "failed" : "pending" });
    if (!made) break;
    const { outcome, state } = made;
    if (state === "done" || state === "failed") ctx.hooks.afterModule?.(ctx.runId, module, state, ctx.plan.request);
    if (state === "failed") return blockDependents(ctx, module.id);
    if (state === "done" || outcome.cancelled) return;
    failures++;
    previousError = outcome.failure?.message;
  }
  // Halted before the module's next attempt: it waits for `resume`.
  ctx.scheduler.set(module.id, "pending");
}

/**
 * One attempt, checkpointed: started and finished in one transaction each, the
 * module left `done`, `pending` (cancelled), or `onFailure` when it failed.
 * It waits for one of the run's agent slots and starts nothing once the run is
 * halted (stopping, or over budget): then it returns undefined.
 */
export async function attemptOnce(ctx: RunContext, module: PlanModule, plan: AttemptPlan & { previousError?: string; onFailure: ModuleState; onSuccess?: ModuleState }): Promise<{ outcome: AttemptOutcome; state: ModuleState } | undefined> {
  const release = await ctx.slots.acquire();
  try {
    if (ctx.halted()) return undefined;
    return await attemptInSlot(ctx, module, plan);
  } finally {
    release();
  }
}

async function attemptInSlot(ctx: RunContext, module: PlanModule, plan: AttemptPlan & { previousError?: string; onFailure: ModuleState; onSuccess?: ModuleState }): Promise<{ outcome: AttemptOutcome; state: ModuleState }> {
  const { store, runId, agent } = ctx;
  const { kind } = plan;
  const n = (store.getModule(runId, module.id)?.attempts ?? 0) + 1;
  const key = `${module.id}#${n}`;
  const promptPath = promptPathOf(ctx.paths, runId, module.id, n);
  ctx.batch(() => {
    store.startAttempt(runId, module.id, { kind, agent: agent.name, promptPath, at: ctx.now() });
    ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "running", attempt: n });
    ctx.emit({ type: "attempt:start", runId, moduleId: module.id, attempt: n, kind, agent: agent.name, promptPath });
  });
  ctx.scheduler.set(module.id, "running");

  const context = promptContext(ctx, module);
  const mcpServers = ctx.hooks.mcpServersFor?.(module, runId);
  // A read-only attempt changes nothing (a change fails it), so it is no writer.
  const endWriting = plan.readOnly ? () => 0 : ctx.writers.begin();
  let others = 0;
  let outcome: AttemptOutcome;
  try {
    outcome = await runAttempt(
      {
        runId,
        request: ctx.plan.request,
        module,
        n,
        kind,
        timeoutMs: ctx.options.timeoutMs,
        ...(plan.previousError ? { previousError: plan.previousError } : {}),
        context: context.vars,
        ...(mcpServers ? { mcpServers } : {}),
        ...(plan.readOnly ? { readOnly: true } : {}),
        ...(plan.template ? { template: plan.template } : {}),
        ...(plan.vars ? { vars: plan.vars } : {}),
      },
      {
        paths: ctx.paths,
        agent,
        signal: ctx.signal,
        now: ctx.now,
        emit: (event) => {
          if (event.type === "agent" && event.event.type === "process") return recordProcess(store, { runId, moduleId: module.id, n, now: ctx.now() }, event.event);
          if (event.type === "agent" && event.event.type === "usage") {
            ctx.budget.update(key, module.id, event.event.usage);
            ctx.halted();
          }
          ctx.emit(event);
        },
        ...(ctx.hooks.validateModule ? { validate: ctx.hooks.validateModule } : {}),
        onValidating: () => {
          store.setModuleState(runId, module.id, "validating", ctx.now());
          ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "validating", attempt: n });
        },
      },
    );
  } finally {
    others = endWriting();
  }
  const filesUnknown = unknownFiles(outcome, others);
  if (filesUnknown) outcome = { ...outcome, filesChanged: [] };
  ctx.budget.settle(key, module.id, outcome.usage);
  if (outcome.ok && plan.verify) {
    const problem = await plan.verify(outcome);
    if (problem) outcome = { ...outcome, ok: false, failure: failure("VERIFY_FAILED", problem) };
  }

  const state: ModuleState = outcome.ok ? (plan.onSuccess ?? "done") : outcome.cancelled ? "pending" : outcome.failure?.retryable === false ? "failed" : plan.onFailure;
  const reason = outcome.ok || outcome.cancelled ? undefined : state === "failed" ? `failed after attempt ${n}` : `attempt ${n} failed; retrying`;
  // A module waiting for its retry stays `running` to the scheduler, which would otherwise hand it out again.
  ctx.scheduler.set(module.id, state === "pending" && !outcome.cancelled && !outcome.ok ? "running" : state);
  ctx.batch(() => {
    store.finishAttempt(
      runId,
      module.id,
      n,
      {
        state: outcome.ok ? "done" : outcome.cancelled ? "cancelled" : "failed",
        summary: outcome.summary,
        ...(outcome.failure ? { error: outcome.failure.message } : {}),
        filesChanged: outcome.filesChanged,
        usage: outcome.usage,
        ...(outcome.gate ? { gates: outcome.gate } : {}),
        endedAt: ctx.now(),
      },
      state,
      reason,
    );
    if (outcome.gate) ctx.emit({ type: "gate", runId, result: outcome.gate });
    ctx.emit({ type: "attempt:end", runId, moduleId: module.id, attempt: n, ok: outcome.ok, ...(outcome.cancelled ? { cancelled: true } : {}), ...(outcome.failure ? { error: outcome.failure.message, failure: outcome.failure.code, retryable: outcome.failure.retryable } : {}), durationMs: outcome.durationMs, usage: outcome.usage, summary: outcome.summary, ...(filesUnknown ? { filesUnknown } : {}) });
    ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state, attempt: n, ...(reason ? { reason } : {}) });
  });
  return { outcome, state };
}

/**
 * Why the files this attempt changed cannot be known, when they cannot: the agent could
 * not tell, or it diffed the shared tree while other attempts changed it too. Then the
 * record lists none rather than other modules' files (workspaces per attempt will make it exact).
 */
function unknownFiles(outcome: AttemptOutcome, others: number): string | undefined {
  if (outcome.filesSource === "unknown") return "the agent cannot tell without git";
  if (outcome.filesSource === "tree" && others > 0) return `${others} other attempt${others === 1 ? "" : "s"} changed the same working tree meanwhile`;
  return undefined;
}

/** The attempt's spec, task, dependency interfaces and memories, within the configured token budget. */
export function promptContext(ctx: Pick<RunContext, "paths" | "plan" | "byId" | "hooks" | "options">, module: PlanModule): PromptContext {
  const { plan } = ctx;
  return buildContext({ root: ctx.paths.root, module, request: plan.request, modules: ctx.byId, external: plan.external, memoriesFor: ctx.hooks.memoriesFor, maxTokens: ctx.options.prompt?.maxTokens ?? DEFAULT_PROMPT_TOKENS });
}

export function blockDependents(ctx: RunContext, failed: string): void {
  for (const { id, reason } of ctx.scheduler.blockedBy(failed)) ctx.setState(ctx.byId.get(id)!, "blocked", reason);
}
