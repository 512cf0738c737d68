import type { PlanModule } from "../plan/types.js";
import type { RunContext } from "../run/context.js";
import type { AttemptPlan, Workflow } from "../run/workflow.js";
import { recorded } from "../run/events.js";
import { attemptOnce } from "../run/module-runner.js";
import { isTestName } from "../validate/test-files.js";
import { describeChange, measure, type BenchConfinement, type BenchOptions } from "./bench.js";

/**
 * Each module's benchmark is measured before its first attempt; an attempt passes
 * only if the figure after it is no worse than the threshold allows. Entries carry the change.
 */
export function optimize(bench: BenchOptions = {}, confine?: BenchConfinement): Workflow {
  return {
    // Before the run the baseline is not measured yet; a module with no benchmark first writes one.
    first: (_plan, module) => {
      const command = bench.run ?? module.benchmark;
      const threshold = `${((bench.threshold ?? 0.05) * 100).toFixed(0)}%`;
      return command ? { kind: "optimize", template: "optimize", vars: { bench: command, benchBefore: "(measured when the run starts)", threshold } } : { kind: "optimize", template: "benchmark" };
    },
    attempts: (ctx, module) => optimizePlan(ctx, module, bench, confine),
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

async function optimizePlan(ctx: RunContext, module: PlanModule, bench: BenchOptions, confine: BenchConfinement | undefined): Promise<AttemptPlan | string> {
  // The figure after an attempt is measured in its worktree, which a queued attempt has on its worker only.
  if (ctx.executor) return "optimize runs measure each attempt's benchmark where its files are, which a queued attempt has on its worker only: run it without --queue (or config queue)";
  const recordedBefore = recorded(ctx.store.getEvents(ctx.runId), "bench").find((e) => e.moduleId === module.id && e.phase === "before");
  // A benchmark the agent wrote earlier in this run (recorded with its baseline) is used again on resume.
  // Stopped before that baseline was taken, its attempt's reply still names it: measured now, not written again.
  const earlier = recordedBefore ? undefined : writtenEarlier(ctx, module);
  let command = bench.run ?? module.benchmark ?? recordedBefore?.command ?? earlier?.command;
  if (!command) {
    if (earlier) return { kind: "optimize", template: "optimize" };
    const written = await writeBenchmark(ctx, module);
    if (written.failed) return written.failed;
    command = written.command;
    if (!command) return { kind: "optimize", template: "optimize" };
  }
  const threshold = bench.threshold ?? 0.05;
  let before: number;
  if (recordedBefore) before = recordedBefore.value;
  else {
    try {
      // The code the module's attempt will start from: isolated, the integration head.
      before = await ctx.inHead((dir) => measure(ctx, module, command, bench, dir, confine));
    } catch (error) {
      if (!bench.run && !module.benchmark) {
        // Cut short by Ctrl-C, it judged nothing: no attempt starts now, and resume measures it again.
        if (ctx.signal.aborted) return { kind: "optimize", template: "optimize" };
        // The agent's own benchmark does not run: say so, and optimize unmeasured rather than fail the module for it.
        ctx.emit({ type: "warning", runId: ctx.runId, message: `${module.id}: the benchmark the agent wrote does not measure: ${(error as Error).message.split("\n")[0]}; the change is unmeasured` });
        return { kind: "optimize", template: "optimize" };
      }
      return `the baseline benchmark failed: ${(error as Error).message}`;
    }
    ctx.emit({ type: "bench", runId: ctx.runId, moduleId: module.id, phase: "before", value: before, command });
  }
  const worse = (after: number) => (bench.lowerIsBetter === false ? after < before * (1 - threshold) : after > before * (1 + threshold));
  return {
    kind: "optimize",
    template: "optimize",
    vars: { bench: command, benchBefore: `${before}`, threshold: `${(threshold * 100).toFixed(0)}%` },
    verify: async (outcome) => {
      let after: number;
      try {
        after = await measure(ctx, module, command, bench, outcome.cwd, confine);
      } catch (error) {
        return (error as Error).message;
      }
      ctx.emit({ type: "bench", runId: ctx.runId, moduleId: module.id, phase: "after", value: after, before, command });
      return worse(after) ? `benchmark regressed beyond the ${(threshold * 100).toFixed(0)}% threshold: ${describeChange(before, after)} (\`${command}\`)` : undefined;
    },
  };
}

/**
 * What an earlier attempt of this run wrote as the module's benchmark, when one ended well: before
 * a baseline is recorded, only the benchmark's own attempt can have (an optimize attempt starts after it).
 * `command` is absent when its reply named none, so the module goes on unmeasured as it did then.
 */
function writtenEarlier(ctx: RunContext, module: PlanModule): { command?: string } | undefined {
  const done = ctx.store.getAttempts(ctx.runId, module.id).findLast((a) => a.state === "done");
  if (!done) return undefined;
  const command = benchmarkLine(done.summary ?? "");
  return command ? { command } : {};
}

/** The command of a reply's last `BENCHMARK: <command>` line (backticks around it allowed). */
export function benchmarkLine(reply: string): string | undefined {
  const all = [...reply.matchAll(/^[ \t>*-]*BENCHMARK:[ \t]*`?([^`\n]+?)`?[ \t]*$/gm)];
  return all.at(-1)?.[1]?.trim() || undefined;
}

/**
 * The protocol for a module with no benchmark: an attempt of its own (template `benchmark`)
 * in which the agent writes one without changing the module and names it in a `BENCHMARK:`
 * line; the run then measures it before and after the optimization like a configured one.
 * A reply without the line leaves the module unmeasured, with a warning. An attempt that changed
 * the module's own code too fails, and is retried as any attempt is: its baseline would measure
 * that change, and the optimization after it would be compared with itself.
 */
async function writeBenchmark(ctx: RunContext, module: PlanModule): Promise<{ command?: string; failed?: string }> {
  let previousError: string | undefined;
  for (let n = 0; ; n++) {
    const onFailure = n >= ctx.options.retries ? "failed" : "pending";
    const verify = (outcome: { filesChanged: string[] }) => Promise.resolve(codeChanged(module, outcome.filesChanged));
    const made = await attemptOnce(ctx, module, { kind: "optimize", template: "benchmark", onFailure, onSuccess: "running", verify, ...(previousError ? { previousError } : {}) });
    if (!made) return {};
    if (made.outcome.cancelled) return {};
    if (made.state === "failed") return { failed: `writing a benchmark failed: ${made.outcome.failure?.message ?? "the attempt failed"}` };
    if (made.state !== "running") {
      previousError = made.outcome.failure?.message;
      continue;
    }
    const command = benchmarkLine(made.outcome.summary);
    if (!command) ctx.emit({ type: "warning", runId: ctx.runId, message: `${module.id}: the agent wrote no \`BENCHMARK: <command>\` line, so the optimization is unmeasured` });
    return command ? { command } : {};
  }
}

/** Why a benchmark's attempt fails when it changed the module's own code (not its tests), else undefined. */
function codeChanged(module: PlanModule, changed: readonly string[]): string | undefined {
  const own = new Set(module.files.filter((f) => !isTestName(f) && !TEST_FOLDER.test(f)));
  const code = changed.filter((f) => own.has(f));
  if (code.length === 0) return undefined;
  return `This step was to write the benchmark only, but it changed the module's own code too (${code.join(", ")}): the baseline would measure that change. Write the benchmark alone, with those files as they were (undo your change to them if your workspace still holds it); the optimization comes next, measured against them.`;
}

const TEST_FOLDER = /(?:^|\/)(?:tests?|spec|benches|benchmarks?)\//;

/** Modules of an optimize plan with no benchmark (none configured, none in their spec), and what the run does about it. */
export function unmeasuredNotice(plan: { modules: Pick<PlanModule, "id" | "benchmark">[] }, bench: BenchOptions = {}): { unmeasured: string[]; message: string } | undefined {
  if (bench.run) return undefined;
  const unmeasured = plan.modules.filter((m) => !m.benchmark).map((m) => m.id);
  if (!unmeasured.length) return undefined;
  return {
    unmeasured,
    message: `no benchmark for ${unmeasured.join(", ")} (no \`optimize.run\` in orchestrate.config.yaml, no command under the spec's "Performance" heading): each module's first attempt writes one and names it in a \`BENCHMARK:\` line, which is then measured before and after; a module whose agent names none is optimized unmeasured`,
  };
}
