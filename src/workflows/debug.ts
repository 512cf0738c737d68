import type { Plan, PlanModule } from "../plan/types.js";
import type { RunContext } from "../run/context.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";
import { attemptOnce, blockDependents } from "../run/module-runner.js";
import { nothingFound, noCauseLine } from "./no-cause.js";

/**
 * Each module is diagnosed first by a read-only attempt, all before any fix writes
 * a file; the fix carries the diagnosis and the log. Entries give root cause and resolution.
 */
export const debug: Workflow = {
  async before(ctx) {
    const { plan, store, runId } = ctx;
    const pending = plan.modules.filter((m) => ctx.scheduler.get(m.id) === "pending" && !store.getAttempts(runId, m.id).some((a) => a.kind === "analyze" && a.state === "done"));
    // Side by side: each diagnosis takes an agent slot like any attempt, so `concurrency` bounds them.
    await Promise.all(pending.map((m) => diagnose(ctx, m)));
    return ctx.halted() ? undefined : withoutCause(ctx);
  },
  first: (plan) => diagnosisPlan(plan),
  attempts: async (ctx, module) => ({ kind: "fix", template: "fix", vars: { ...logVars(ctx.plan), diagnosis: diagnosisOf(ctx, module.id) } }),
  docs: {
    section: "Fixed",
    entry: ({ attempts, last }) => {
      const rootCause = rootCauseOf(attempts.findLast((a) => a.kind === "analyze" && a.state === "done")?.summary);
      return rootCause ? { rootCause, resolution: firstLine(last.summary ?? "") } : {};
    },
  },
};

function diagnosisPlan(plan: Plan): AttemptPlan {
  return { kind: "analyze", template: "diagnose", readOnly: true, vars: logVars(plan) };
}

function logVars(plan: Plan): { log?: string; logPath?: string } {
  const log = plan.log;
  return log ? { log: log.excerpt, logPath: log.path } : {};
}

function diagnosisOf(ctx: RunContext, moduleId: string): string | undefined {
  return ctx.store.getAttempts(ctx.runId, moduleId).findLast((a) => a.kind === "analyze" && a.state === "done")?.summary;
}

/** The analyzer's attempts on one module, retried like any; the module stays pending for its fix. */
async function diagnose(ctx: RunContext, module: PlanModule): Promise<void> {
  let previousError: string | undefined;
  for (let failures = 0; !ctx.halted(); failures++) {
    const onFailure = failures >= ctx.options.retries ? "failed" : "pending";
    const made = await attemptOnce(ctx, module, { ...diagnosisPlan(ctx.plan), onSuccess: "pending", onFailure, ...(previousError ? { previousError } : {}) });
    if (!made) return;
    const { state, outcome } = made;
    if (outcome.ok || outcome.cancelled) return ctx.scheduler.set(module.id, "pending");
    if (state === "failed") return blockDependents(ctx, module.id);
    previousError = outcome.failure?.message;
  }
}

/**
 * A fix needs a cause: a module whose diagnosis found none gets no fix attempt (it would change code
 * blindly). When no diagnosed module found one, the run stops before any fix: each is failed, saying
 * what was searched and what to give next, and the answer is the run's reason. Else those modules are
 * done with nothing changed, said so, and the others are fixed.
 */
function withoutCause(ctx: RunContext): string | undefined {
  const diagnosed = ctx.plan.modules.flatMap((m) => {
    const diagnosis = ctx.scheduler.get(m.id) === "pending" ? diagnosisOf(ctx, m.id) : undefined;
    return diagnosis === undefined ? [] : [{ module: m, none: nothingFound(diagnosis), diagnosis }];
  });
  const none = diagnosed.filter((d) => d.none);
  if (none.length === 0) return undefined;
  const stop = none.length === diagnosed.length;
  for (const { module, diagnosis } of none) {
    ctx.emit({ type: "warning", runId: ctx.runId, message: noCauseLine(module, diagnosis, ctx.plan.log?.path, stop) });
    ctx.setState(module, stop ? "failed" : "done", stop ? "its diagnosis found no cause: no fix attempted" : "its diagnosis found no cause here: no fix attempted");
  }
  if (!stop) return undefined;
  const ids = none.map((d) => d.module.id).join(", ");
  return `the diagnosis found no cause (${ids}), so no fix was attempted and nothing changed; give it more to go on: the error's log (\`--log FILE\`), a stack trace, or a failing test that shows the bug`;
}

/** The diagnosis's "Root cause:" line (the diagnose template asks for one), else its first line. */
function rootCauseOf(diagnosis: string | undefined): string | undefined {
  if (!diagnosis) return undefined;
  const line = /^\s*\**root cause\**\s*:\s*(.+)$/im.exec(diagnosis)?.[1];
  return (line ?? firstLine(diagnosis)).trim() || undefined;
}

function firstLine(text: string): string {
  return (text.split("\n", 1)[0] ?? "").trim().slice(0, 300);
}
