import type { Plan, PlanModule } from "../plan/types.js";
import type { RunContext } from "../run/context.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";
import { attemptOnce, blockDependents } from "../run/module-runner.js";

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
    return undefined;
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

/** The diagnosis's "Root cause:" line (the diagnose template asks for one), else its first line. */
function rootCauseOf(diagnosis: string | undefined): string | undefined {
  if (!diagnosis) return undefined;
  const line = /^\s*\**root cause\**\s*:\s*(.+)$/im.exec(diagnosis)?.[1];
  return (line ?? firstLine(diagnosis)).trim() || undefined;
}

function firstLine(text: string): string {
  return (text.split("\n", 1)[0] ?? "").trim().slice(0, 300);
}
