import type { RunContext } from "../run/context.js";
import type { PlanModule } from "../plan/types.js";
import { runProcess } from "../exec/process.js";
import { benchConfinement } from "../run/confinement.js";
import { limitHit } from "../sandbox/limits.js";
import { launchOwn, type GateConfinement } from "../validate/confine.js";

export interface BenchOptions {
  /** Command printing the figure; may use {module}, {layer}. @default the first `bash`/`sh` block under the spec's "Performance" heading */
  run?: string;
  /** Regular expression whose first group is the figure. @default the sum of the per-operation times (Go's `ns/op`, Rust's `ns/iter`), else the last `<number> <ns|µs|us|ms|s>` in the output, in ms */
  metric?: string;
  /** A result worse than the baseline by more than this fraction fails the attempt. @default 0.05 */
  threshold?: number;
  /** @default true (times) */
  lowerIsBetter?: boolean;
  /** Runs of the benchmark per measure; the best figure counts. @default 3 */
  samples?: number;
}

/** Runs per measure: a machine's noise only ever adds time, so the best of a few is the code's figure. */
const SAMPLES = 3;

const UNIT_MS: Record<string, number> = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 };
const TIMED = /(\d+(?:\.\d+)?)\s*(ns|µs|us|ms|s)\b/g;
/** `BenchmarkPrice-2  200000  12.5 ns/op` (go test -bench), `bench:  1,234 ns/iter (+/- 56)` (cargo bench). */
const PER_OP = /(\d[\d,]*(?:\.\d+)?)\s*(ns|µs|us|ms|s)\/(?:op|iter)\b/g;

/** The figure a benchmark printed: the configured metric, else its per-operation times summed, else its last duration, in ms. */
export function readFigure(output: string, metric?: string): number | undefined {
  if (metric) {
    const m = new RegExp(metric).exec(output);
    return m?.[1] !== undefined ? Number(m[1]) : undefined;
  }
  // A benchmark runner's per-operation times, not the wall time of the whole run it prints last (`ok  pkg  0.023s`).
  const ops = [...output.matchAll(PER_OP)];
  if (ops.length > 0) return ops.reduce((sum, m) => sum + Number(m[1]!.replaceAll(",", "")) * UNIT_MS[m[2]!]!, 0);
  const all = [...output.matchAll(TIMED)];
  const last = all.at(-1);
  return last ? Number(last[1]) * UNIT_MS[last[2]!]! : undefined;
}

/** Where benchmarks run: the gates' confinement of the run (src/run/confinement.ts `benchConfinement`). */
export type BenchConfinement = () => Promise<GateConfinement>;

/**
 * Runs a module's benchmark `samples` times (the best figure kept) in `cwd` (an attempt's worktree, or the integration head's) where
 * gates' command checks run, with the allow-listed environment; throws with the output when it
 * fails, cannot start or prints no figure. Without `confine` (a run assembled without one), the
 * run's `sandbox` options decide, `gates.sandbox` unset.
 */
export async function measure(ctx: RunContext, module: PlanModule, command: string, options: BenchOptions, cwd: string, confine?: BenchConfinement): Promise<number> {
  const line = command.replaceAll("{module}", module.id).replaceAll("{layer}", module.layer);
  const confinement = await (confine ? confine() : benchConfinement(ctx.paths.root, ctx.options.sandbox ? { sandbox: ctx.options.sandbox } : {}));
  const launch = launchOwn(confinement, { cwd });
  if ("refused" in launch) throw new Error(`benchmark \`${line}\` could not start: ${launch.refused}`);
  // One run judged an unchanged loop +82 % or -33 % on a busy machine: the best of `samples` runs is the figure.
  const figures: number[] = [];
  for (let i = 0; i < (options.samples ?? SAMPLES); i++) {
    if (i > 0 && ctx.signal.aborted) break;
    const result = await runProcess({ command: line, launcher: launch.launcher, cwd, env: launch.env, timeoutMs: ctx.options.timeoutMs, signal: ctx.signal });
    const output = `${result.stdout}\n${result.stderr}`;
    const figure = result.exitCode === 0 ? readFigure(output, options.metric) : undefined;
    if (figure === undefined) {
      const hit = launch.sandbox && result.exitCode !== 0 ? limitHit(launch.sandbox.limits, result, output) : undefined;
      const why = result.exitCode === 0 ? "printed no figure" : `exited with ${result.exitCode ?? result.signal}${hit ? `, ${hit}` : ""}`;
      throw new Error(`benchmark \`${line}\` ${why}:\n${output.trim().split("\n").slice(-20).join("\n")}`);
    }
    figures.push(figure);
  }
  return options.lowerIsBetter === false ? Math.max(...figures) : Math.min(...figures);
}

export { describeChange, describeFigure } from "./figures.js";
