import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan, PlanModule } from "../plan/types.js";
import type { RunContext } from "./context.js";
import type { AttemptPlan } from "./module-runner.js";
import type { BenchOptions } from "./bench.js";
import { parseBlocks, sectionsStartingWith } from "../spec/markdown.js";
import { describeChange, measure } from "./bench.js";

/** What each task type adds around the agents, beyond implement's attempt-gate-retry. */
export interface WorkflowOptions {
  /** debug: the log's path and excerpt, for the diagnosis and the fix. */
  log?: { path: string; excerpt: string };
  /** optimize: the benchmark. */
  bench?: BenchOptions;
  /** general: the project's layers and modules, innermost first, for the prompt. */
  layers?: string;
}

/** The attempts of one module for the run's task type. */
export async function attemptPlanFor(ctx: RunContext, module: PlanModule, options: WorkflowOptions): Promise<AttemptPlan | string> {
  const log = options.log ? { log: options.log.excerpt, logPath: options.log.path } : {};
  switch (ctx.plan.analysis.type) {
    case "debug":
      return { kind: "fix", template: "fix", vars: { ...log, diagnosis: diagnosisOf(ctx, module.id) } };
    case "analyze":
      return { kind: "analyze", template: "analyze", readOnly: true };
    case "refactor":
      return { kind: "refactor", template: "refactor" };
    case "optimize":
      return optimizePlan(ctx, module, options.bench ?? {});
    case "general":
      return { kind: "general", template: "general", vars: { layers: options.layers ?? "(unknown)" } };
    default:
      return { kind: "implement" };
  }
}

/** The debug analyzer's attempt: read-only, its reply is the diagnosis the fix carries. */
export function diagnosisPlan(options: WorkflowOptions): AttemptPlan {
  return { kind: "analyze", template: "diagnose", readOnly: true, vars: options.log ? { log: options.log.excerpt, logPath: options.log.path } : {} };
}

export function diagnosisOf(ctx: RunContext, moduleId: string): string | undefined {
  return ctx.store.getAttempts(ctx.runId, moduleId).findLast((a) => a.kind === "analyze" && a.state === "done")?.summary;
}

async function optimizePlan(ctx: RunContext, module: PlanModule, bench: BenchOptions): Promise<AttemptPlan | string> {
  const command = bench.run ?? specBenchmark(ctx.paths.root, module);
  if (!command) return { kind: "optimize", template: "optimize" };
  const threshold = bench.threshold ?? 0.05;
  const recorded = ctx.store.getEvents(ctx.runId).find((e) => e.type === "bench" && e.moduleId === module.id && (e.data as { phase: string }).phase === "before");
  let before: number;
  if (recorded) before = (recorded.data as { value: number }).value;
  else {
    try {
      before = await measure(ctx, module, command, bench);
    } catch (error) {
      return `the baseline benchmark failed: ${(error as Error).message}`;
    }
    ctx.store.appendEvent(ctx.runId, "bench", { phase: "before", value: before, command }, ctx.now(), module.id);
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
      ctx.store.appendEvent(ctx.runId, "bench", { phase: "after", value: after, before, command }, ctx.now(), module.id);
      return worse(after) ? `benchmark regressed beyond the ${(threshold * 100).toFixed(0)}% threshold: ${describeChange(before, after)} (\`${command}\`)` : undefined;
    },
  };
}

/** A benchmark the spec names: the first shell block under a heading starting with "Performance". */
export function specBenchmark(root: string, module: PlanModule): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, module.spec), "utf8").replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
  for (const section of sectionsStartingWith(parseBlocks(text), /^performance/i)) {
    const block = section.blocks.find((b) => b.kind === "code" && /^(?:bash|sh|shell|console)$/.test(b.lang));
    if (block?.kind === "code") return block.text.split("\n").map((l) => l.replace(/^\$\s*/, "")).find((l) => l.trim() && !l.trim().startsWith("#"));
  }
  return undefined;
}

/** "1. core: money, journal" per layer, for the general prompt. */
export function layerList(layers: { id: string; modules: string[] }[]): string {
  return layers.map((l, i) => `${i + 1}. ${l.id}: ${l.modules.join(", ")}`).join("\n");
}

export const GENERAL_MODULE = "general";

/**
 * `general` is one attempt with the system's context, not one per module: the
 * plan becomes a single step over the scope, against the system spec.
 */
export function generalPlan(plan: Plan): Plan {
  const files = [...new Set(plan.modules.flatMap((m) => m.files))];
  return {
    ...plan,
    layers: [{ id: "system", modules: [GENERAL_MODULE] }],
    modules: [{ id: GENERAL_MODULE, layer: "system", spec: ".claude/system/SYSTEM_ORCHESTRATOR.md", files, dependsOn: [] }],
    waves: [[GENERAL_MODULE]],
    criticalPath: [GENERAL_MODULE],
    warnings: plan.warnings,
  };
}
