import type { GateResult } from "../validate/types.js";
import type { RunContext } from "./context.js";
import { formatGateFailure } from "../validate/gates.js";
import { attemptOnce } from "./module-runner.js";
import { WorkspaceError } from "../workspace/index.js";
import { ctestFailures } from "../validate/parsers/ctest.js";
import { gateOnBase, oldFailuresWarning, WORKSPACE_CHECK } from "./base-gate.js";


/**
 * A layer or system gate on a worktree of the integration head. A worktree that cannot be
 * made (git, a failing `workspace.setup`) is the gate's failed check, not the run's crash.
 */
export async function gateOnHead(ctx: RunContext, level: "layer" | "system", target: string, gate: (dir: string) => Promise<GateResult | undefined>): Promise<GateResult | undefined> {
  // No checks, no gate: an isolated run makes no worktree (nor runs workspace.setup) for nothing.
  if (ctx.hooks.hasGate && !ctx.hooks.hasGate(level, target)) return undefined;
  const started = ctx.now();
  try {
    const result = await ctx.inHead(gate);
    // A gate's command may have written the project's files (shared, the head is the project).
    if (!ctx.isolation && result?.checks.some((c) => c.kind !== "architecture")) ctx.files.forget();
    return result;
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    const durationMs = ctx.now() - started;
    return { level, target, ok: false, durationMs, checks: [{ name: WORKSPACE_CHECK, kind: "command", blocking: true, ok: false, message: `its worktree could not be made: ${error.message.split("\n")[0]}`, output: error.message, durationMs }] };
  }
}

/**
 * The layer gate, run once every module of the layer is done. A failure sends
 * the modules it names (or, naming none, the whole layer) back for a fix
 * attempt that carries the gate's output, then the gate runs again, at most
 * `rounds` times. A failure only on tests that failed on the run's base commit too, none new, is no
 * fix's to mend: the gate passes with a warning (`passedOld`), with no fix round. Returns the last
 * result (undefined when the layer has no checks).
 */
export async function gateLayer(ctx: RunContext, layer: string, rounds: number): Promise<(GateResult & { passedOld?: true }) | undefined> {
  const modules = ctx.plan.modules.filter((m) => m.layer === layer);
  for (let round = 0; ; round++) {
    const validateLayer = ctx.hooks.validateLayer;
    let ranIn: string | undefined;
    const gate = validateLayer && ((dir: string) => validateLayer(layer, modules.map((m) => m.id), ctx.signal, (ranIn = dir), ctx.isolation ? undefined : ctx.files));
    // On the run's work so far: isolated, a worktree of the integration head, where every module of the layer is merged.
    const result = gate ? await gateOnHead(ctx, "layer", layer, gate) : undefined;
    if (!result || !gate) return undefined;
    ctx.emit({ type: "gate", runId: ctx.runId, result });
    // Before a fix round too: failures the run did not cause are no agent's to fix.
    const base = await gateOnBase(ctx, result, gate, true);
    if (base?.passed) {
      ctx.emit({ type: "warning", runId: ctx.runId, message: oldFailuresWarning(base) });
      return { ...result, passedOld: true };
    }
    // No agent fixes a worktree that cannot be made: no fix round for that.
    if (result.ok || result.cancelled || round >= rounds || ctx.halted() || result.checks.some((c) => c.name === WORKSPACE_CHECK)) return result;
    if (ctx.noAgent) return stopWithoutAgent(ctx, layer, result);
    const failure = formatGateFailure(result, ranIn);
    const named = modulesNamed(result, modules);
    // Each fix takes an agent slot like any attempt, so the round stays within `concurrency` and the budget.
    await Promise.all((named.length ? named : modules).map((m) => attemptOnce(ctx, m, { kind: "fix", previousError: failure, onFailure: "failed" })));
    if (ctx.halted()) return result;
  }
}

/**
 * A failed layer gate whose fix round no agent can run here: the run stops, interrupted, its modules
 * left done, for a `resume` with the agent's login or key to run the gate and its fixes again.
 */
function stopWithoutAgent(ctx: RunContext, layer: string, result: GateResult): GateResult {
  ctx.emit({ type: "warning", runId: ctx.runId, message: `layer gate ${layer} failed, and its fix attempts need the agent, which cannot run here: ${ctx.noAgent!.reason}. The run stops, its modules left done; resume it once the agent can run` });
  ctx.noAgent!.stop();
  return result;
}

/**
 * Modules of the layer whose files the gate's failed checks mention (violations, test output), or
 * whose test file CTest's failed test is named for (`test_uart` for `tests/test_uart.c`, a ctest
 * failure naming no file).
 */
function modulesNamed(result: GateResult, modules: RunContext["plan"]["modules"]): RunContext["plan"]["modules"] {
  const failed = result.checks.filter((c) => !c.ok && c.blocking);
  const text = failed.map((c) => `${c.output ?? ""}\n${(c.violations ?? []).map((v) => v.file).join("\n")}`).join("\n");
  const tests = new Set(ctestFailures(text));
  const stem = (f: string) => f.slice(f.lastIndexOf("/") + 1).replace(/\.[^.]*$/, "");
  return modules.filter((m) => m.files.some((f) => text.includes(f) || tests.has(stem(f))));
}
