import type { CheckResult, GateResult } from "../validate/types.js";
import type { RunContext } from "./context.js";
import type { BaseCheck, EventOf } from "./events.js";
import { failingTests } from "../validate/parsers/failing.js";

/** The check a layer or system gate fails with when its worktree cannot be made (src/run/layer-gates.ts). */
export const WORKSPACE_CHECK = "workspace";

/**
 * A layer or system gate that failed at the end, run again on the run's base commit (a worktree
 * there, set up and sandboxed as the gate's own, removed after): a `gate:base` event says which
 * failures were there before the run, by the failing tests the outputs name where they do. Costs
 * nothing unless a gate failed. With `passOld`, a gate whose every failing test
 * failed there too, none new, is `passed`: the run is not at fault for it. Isolated runs only: a
 * run in the shared tree has no base commit of its own.
 */
export async function gateOnBase(ctx: RunContext, result: GateResult, gate: (dir: string) => Promise<GateResult | undefined>, passOld = false): Promise<EventOf<"gate:base"> | undefined> {
  const isolation = ctx.isolation;
  if (!isolation || result.ok || result.cancelled || ctx.halted()) return undefined;
  const failed = result.checks.filter((c) => !c.ok && c.blocking && c.name !== WORKSPACE_CHECK && c.kind !== "review");
  if (failed.length === 0) return undefined;
  let base: GateResult | undefined;
  let error: string | undefined;
  try {
    base = await isolation.atBase(gate, ctx.signal);
  } catch (e) {
    error = `it could not be run on the base commit: ${(e as Error).message.split("\n")[0]}`;
  }
  if (ctx.signal.aborted) return undefined;
  const checks = compareWithBase(failed, base, error);
  const passed = passOld && onlyOldFailures(result, checks);
  const event: EventOf<"gate:base"> = { type: "gate:base", runId: ctx.runId, level: result.level === "layer" ? "layer" : "system", target: result.target, base: isolation.base, checks, ...(passed ? { passed: true as const } : {}) };
  ctx.emit(event);
  return event;
}

/**
 * Whether every blocking check that failed fails only on tests named failing on the base commit too,
 * none new. A check that passed there, that names no failing test on either side (a linter, a build:
 * nothing to tell old from new), or that could not run there is the run's to answer for.
 */
export function onlyOldFailures(result: GateResult, checks: readonly BaseCheck[]): boolean {
  const failed = result.checks.filter((c) => !c.ok && c.blocking);
  return failed.length > 0 && failed.every((c) => {
    const b = checks.find((x) => x.name === c.name);
    return b?.failedAtBase === true && (b.already?.length ?? 0) > 0 && !b.added?.length;
  });
}

/** What the run says of a gate it passes on failures that were there before it: the tests, and the base commit. */
export function oldFailuresWarning(e: Pick<EventOf<"gate:base">, "level" | "target" | "base" | "checks">): string {
  const tests = [...new Set(e.checks.flatMap((c) => c.already ?? []))];
  const shown = tests.length > 10 ? `${tests.slice(0, 10).join(", ")} and ${tests.length - 10} more` : tests.join(", ");
  return `${e.level === "system" ? "system gate" : `layer gate ${e.target}`}: passed with failures that were there before the run: ${shown} failed on the base commit ${e.base.slice(0, 8)} too, and no test fails that passed there`;
}

/**
 * Each check that failed at the end beside its run on the base commit (`base`, undefined when it
 * could not run there, `error` saying why): failed there too or not, and, where both outputs name
 * their failing tests, which were failing already and which are new.
 */
export function compareWithBase(failed: readonly CheckResult[], base: GateResult | undefined, error?: string): BaseCheck[] {
  return failed.map((c): BaseCheck => {
    const then = base?.checks.find((b) => b.name === c.name);
    if (!then) return { name: c.name, error: error ?? "it did not run on the base commit" };
    if (then.ok) return { name: c.name, failedAtBase: false };
    const now = failingTests(c.output ?? "");
    const before = new Set(failingTests(then.output ?? ""));
    // Without names on both sides there is nothing to compare test by test: the check failed there too.
    if (now.length === 0 || before.size === 0) return { name: c.name, failedAtBase: true };
    const already = now.filter((t) => before.has(t));
    const added = now.filter((t) => !before.has(t));
    return { name: c.name, failedAtBase: true, already, ...(added.length ? { added } : {}) };
  });
}

/**
 * The run's reason's words on a gate's run on the base commit: `failing on the base commit 1a2b3c4d
 * too, nothing new`, `... too; new: test_b`, `passing on the base commit 1a2b3c4d`; undefined when unknown.
 */
export function baseNote(e: Pick<EventOf<"gate:base">, "base" | "checks">): string | undefined {
  const at = `the base commit ${e.base.slice(0, 8)}`;
  const known = e.checks.filter((c) => c.failedAtBase !== undefined);
  if (known.length === 0) return undefined;
  if (known.every((c) => c.failedAtBase === false)) return `passing on ${at}: the run's changes made it fail`;
  const added = [...new Set(known.flatMap((c) => (c.failedAtBase === false ? [`check ${c.name}`] : (c.added ?? []))))];
  return `failing on ${at} too${added.length ? `; new: ${added.slice(0, 5).join(", ")}${added.length > 5 ? ` and ${added.length - 5} more` : ""}` : ", nothing new"}`;
}
