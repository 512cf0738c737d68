import type { RunContext } from "../run/context.js";
import type { PlanModule } from "../plan/types.js";
import { runProcess } from "../exec/process.js";

export interface BenchOptions {
  /** Command printing the figure; may use {module}, {layer}. @default the first `bash`/`sh` block under the spec's "Performance" heading */
  run?: string;
  /** Regular expression whose first group is the figure. @default the last `<number> <ns|µs|us|ms|s>` in the output, in ms */
  metric?: string;
  /** A result worse than the baseline by more than this fraction fails the attempt. @default 0.05 */
  threshold?: number;
  /** @default true (times) */
  lowerIsBetter?: boolean;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 };
const TIMED = /(\d+(?:\.\d+)?)\s*(ns|µs|us|ms|s)\b/g;

/** The figure a benchmark printed: the configured metric, else its last duration in ms. */
export function readFigure(output: string, metric?: string): number | undefined {
  if (metric) {
    const m = new RegExp(metric).exec(output);
    return m?.[1] !== undefined ? Number(m[1]) : undefined;
  }
  const all = [...output.matchAll(TIMED)];
  const last = all.at(-1);
  return last ? Number(last[1]) * UNIT_MS[last[2]!]! : undefined;
}

/** Runs a module's benchmark in `cwd` (an attempt's worktree; the project by default); throws with the output when it fails or prints no figure. */
export async function measure(ctx: RunContext, module: PlanModule, command: string, options: BenchOptions, cwd = ctx.paths.root): Promise<number> {
  const line = command.replaceAll("{module}", module.id).replaceAll("{layer}", module.layer);
  const result = await runProcess({ command: line, cwd, env: process.env as Record<string, string>, timeoutMs: ctx.options.timeoutMs, signal: ctx.signal });
  const output = `${result.stdout}\n${result.stderr}`;
  const figure = result.exitCode === 0 ? readFigure(output, options.metric) : undefined;
  if (figure === undefined) throw new Error(`benchmark \`${line}\` ${result.exitCode === 0 ? "printed no figure" : `exited with ${result.exitCode ?? result.signal}`}:\n${output.trim().split("\n").slice(-20).join("\n")}`);
  return figure;
}

/** "120 ms -> 80 ms (-33.3%)" */
export function describeChange(before: number, after: number, unit = "ms"): string {
  const change = before === 0 ? 0 : ((after - before) / before) * 100;
  const f = (n: number) => String(Number(n >= 100 ? n.toFixed(0) : n.toPrecision(3)));
  return `${f(before)} ${unit} -> ${f(after)} ${unit} (${change > 0 ? "+" : ""}${change.toFixed(1)}%)`;
}
