import type { Workflow } from "../run/workflow.js";
import { recorded } from "../run/events.js";

/**
 * A refactoring starts from passing tests: before any agent runs, the scope's module
 * gates must pass on the code as it is (the baseline), or the run stops and says so.
 */
export const refactor: Workflow = {
  async before(ctx) {
    const { plan, store, runId } = ctx;
    if (!ctx.hooks.validateModule || recorded(store.getEvents(runId), "baseline").length > 0) return undefined;
    const failed: string[] = [];
    for (const module of plan.modules) {
      const result = await ctx.hooks.validateModule(module, ctx.signal);
      if (!result) continue;
      ctx.emit({ type: "gate", runId, result });
      if (!result.ok && !result.cancelled) failed.push(module.id);
    }
    if (failed.length) return `baseline failed before any change: the gates of ${failed.join(", ")} do not pass on the code as it is; a refactoring must start from passing tests`;
    ctx.emit({ type: "baseline", runId, ok: true });
    return undefined;
  },
  attempts: async () => ({ kind: "refactor", template: "refactor" }),
  docs: { section: "Changed" },
};
