import type { PlanModule } from "../plan/types.js";
import type { RunContext } from "./context.js";
import type { RemoteAttempt, RemoteOutcome } from "./executor.js";
import type { AttemptPlan } from "./workflow.js";
import type { EarlierWork } from "./attempt.js";
import { remoteWork } from "./regate.js";
import { existsSync, readFileSync } from "node:fs";
import { writePrivate } from "../redact/index.js";
import { NO_USAGE } from "../agents/types.js";
import { DEFAULT_PROMPT_TOKENS } from "../prompt/context.js";
import { failure } from "./failure.js";

type QueuedPlan = AttemptPlan & { previousError?: string; carryPrevious?: boolean; work?: EarlierWork };

/**
 * An attempt run by `ctx.executor` (a worker elsewhere): the coordinator sends what renders
 * the prompt, relays the agent's events and usage as a local attempt's, and keeps the prompt
 * and a failed attempt's diff where a local attempt leaves them. Never throws.
 */
export async function queuedAttempt(ctx: RunContext, module: PlanModule, plan: QueuedPlan, n: number, key: string, promptPath: string): Promise<RemoteOutcome> {
  const { runId, store } = ctx;
  const started = ctx.now();
  try {
    const outcome = await ctx.executor!.run(remoteAttempt(ctx, module, plan, n), {
      signal: ctx.signal,
      head: () => ctx.isolation!.head(),
      earlier: store.getAttempts(runId, module.id).filter((a) => a.n < n),
      agent: (event) => {
        // A worker's process ids mean nothing here: orphans are the worker's to end.
        if (event.type === "process") return;
        if (event.type === "usage") {
          ctx.budget.update(key, module.id, event.usage);
          ctx.halted();
        }
        ctx.emit({ type: "agent", runId, moduleId: module.id, attempt: n, event });
      },
      // Kept on the attempt at once: `status`, `report` and the dashboard name the worker while it runs.
      taken: (worker) => ctx.batch(() => {
        ctx.emit({ type: "attempt:worker", runId, moduleId: module.id, attempt: n, worker });
        store.setAttemptWorker(runId, module.id, n, worker);
      }, { single: true }),
      validating: () => {
        store.setModuleState(runId, module.id, "validating", ctx.now());
        ctx.emit({ type: "module:state", runId, moduleId: module.id, layer: module.layer, state: "validating", attempt: n });
      },
    });
    for (const message of outcome.notes ?? []) ctx.emit({ type: "warning", runId, message: `${module.id}, attempt ${n}: ${message}` });
    keepRecords(ctx, module.id, n, outcome);
    return { ...outcome, promptPath };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, cancelled: ctx.signal.aborted, failure: failure("WORKSPACE_FAILED", `the attempt could not be run by a worker: ${message}`), summary: "", filesChanged: [], filesSource: "own", usage: { ...NO_USAGE }, promptPath, durationMs: ctx.now() - started, cwd: ctx.paths.root };
  }
}

/** The attempt's prompt, outcome and (failed) diff, where a local attempt leaves them: `status` and the dashboard read them there. */
function keepRecords(ctx: RunContext, moduleId: string, n: number, outcome: RemoteOutcome): void {
  const { prompt, output } = outcome;
  if (prompt !== undefined || output !== undefined) ctx.store.keepAttemptText(ctx.runId, moduleId, n, { ...(prompt !== undefined ? { prompt } : {}), ...(output !== undefined ? { output } : {}) });
  try {
    if (outcome.diff && !outcome.ok) writePrivate(ctx.paths.attempt(ctx.runId, moduleId, n, ".diff"), outcome.diff);
  } catch {
    // The record in the store is what counts; a file that cannot be written is not worth failing the attempt.
  }
}

/** The job's content: the module, its dependencies' plan entries and the memories the store holds for them. */
function remoteAttempt(ctx: RunContext, module: PlanModule, plan: QueuedPlan, n: number): RemoteAttempt {
  const work = plan.work && !plan.readOnly ? remoteWork(ctx, module.id, plan.work, n) : undefined;
  const { request, external } = ctx.plan;
  const dependencies = module.dependsOn.flatMap((id) => ctx.byId.get(id) ?? []);
  const named = new Set([...module.dependsOn, ...(module.dependsOnDone ?? [])]);
  const memories: Record<string, string> = {};
  // The same questions `buildContext` asks locally: the module's own with the request, each dependency's without.
  const asks = [{ module, request }, ...dependencies.map((d) => ({ module: d, request: "" }))];
  const { memoriesOf, memoriesFor } = ctx.hooks;
  const lists = memoriesOf ? memoriesOf(asks) : asks.map((a) => memoriesFor?.(a.module, a.request));
  asks.forEach((a, i) => {
    const found = lists[i];
    if (found) memories[a.module.id] = found;
  });
  return {
    runId: ctx.runId,
    module,
    n,
    kind: plan.kind,
    request,
    agent: ctx.agent.name,
    dependencies,
    external: (external ?? []).filter((d) => named.has(d.id)),
    memories,
    maxTokens: ctx.options.prompt?.maxTokens ?? DEFAULT_PROMPT_TOKENS,
    timeoutMs: ctx.options.timeoutMs,
    ...(plan.previousError ? { previousError: plan.previousError } : {}),
    // The gate alone on the stopped attempt's work, or the agent (with a failed attempt's work carried, as always).
    ...(work ? { work } : carryOf(ctx, module.id, n, plan)),
    ...(plan.readOnly ? { readOnly: true } : {}),
    ...(plan.template ? { template: plan.template } : {}),
    ...(plan.vars ? { vars: plan.vars } : {}),
  };
}

/** The failed attempt's patch, kept here from its worker's result, for the retry's worker to apply: what a local retry's worktree is given. */
function carryOf(ctx: RunContext, moduleId: string, n: number, plan: QueuedPlan): { carry?: RemoteAttempt["carry"] } {
  const file = ctx.paths.attempt(ctx.runId, moduleId, n - 1, ".diff");
  if (!plan.previousError || !plan.carryPrevious || plan.readOnly || !existsSync(file)) return {};
  return { carry: { n: n - 1, patch: readFileSync(file, "utf8") } };
}
