import type { Plan, PlanModule } from "../plan/types.js";
import type { RunContext } from "../run/context.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";
import { recorded } from "../run/events.js";
import { describeChange, measure, type BenchOptions } from "./bench.js";

/**
 * Each module's benchmark is measured before its first attempt; an attempt passes
 * only if the figure after it is no worse than the threshold allows. Entries carry the change.
 */
export function optimize(bench: BenchOptions = {}): Workflow {
  return {
    attempts: (ctx, module) => optimizePlan(ctx, module, bench),
    docs: {
      section: "Changed",
      entry: ({ module, events }) => {
        // A module's last "after" measurement wins.
        const after = events("bench").findLast((e) => e.moduleId === module.id && e.phase === "after");
        return after?.phase === "after" ? { performance: `benchmark ${describeChange(after.before, after.value)}` } : {};
      },
    },
  };
}

async function optimizePlan(ctx: RunContext, module: PlanModule, bench: BenchOptions): Promise<AttemptPlan | string> {
  const command = bench.run ?? module.benchmark;
  // No benchmark anywhere: the agent writes one first, so the change can be measured at all.
  if (!command) return { kind: "optimize", template: "optimize", vars: { noBench: "yes" } };
  const threshold = bench.threshold ?? 0.05;
  const recordedBefore = recorded(ctx.store.getEvents(ctx.runId), "bench").find((e) => e.moduleId === module.id && e.phase === "before");
  let before: number;
  if (recordedBefore) before = recordedBefore.value;
  else {
    try {
      before = await measure(ctx, module, command, bench);
    } catch (error) {
      return `the baseline benchmark failed: ${(error as Error).message}`;
    }
    ctx.emit({ type: "bench", runId: ctx.runId, moduleId: module.id, phase: "before", value: before, command });
  }
  const worse = (after: number) => (bench.lowerIsBetter === false ? after < before * (1 - threshold) : after > before * (1 + threshold));
  return {
    kind: "optimize",
    template: "optimize",
    vars: { bench: command, benchBefore: `${before}`, threshold: `${(threshold * 100).toFixed(0)}%` },
    verify: async () => {
      let after: number;
      try {
        after = await measure(ctx, module, command, bench);
      } catch (error) {
        return (error as Error).message;
      }
      ctx.emit({ type: "bench", runId: ctx.runId, moduleId: module.id, phase: "after", value: after, before, command });
      return worse(after) ? `benchmark regressed beyond the ${(threshold * 100).toFixed(0)}% threshold: ${describeChange(before, after)} (\`${command}\`)` : undefined;
    },
  };
}

/** Modules of an optimize plan with no benchmark (none configured, none in their spec), and what the run does about it. */
export function unmeasuredNotice(plan: Plan, bench: BenchOptions = {}): { unmeasured: string[]; message: string } | undefined {
  if (bench.run) return undefined;
  const unmeasured = plan.modules.filter((m) => !m.benchmark).map((m) => m.id);
  if (!unmeasured.length) return undefined;
  return {
    unmeasured,
    message: `no benchmark for ${unmeasured.join(", ")} (no \`optimize.run\` in orchestrate.config.yaml, no command under the spec's "Performance" heading): the agent is asked to write one first and name it in a \`BENCHMARK:\` line; without it the change is unmeasured`,
  };
}
