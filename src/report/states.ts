import type { ModuleState } from "../store/types.js";
import type { GateResult } from "../validate/types.js";

export const MODULE_STATES: readonly ModuleState[] = ["pending", "running", "validating", "done", "failed", "blocked"];

export function emptyCounts(): Record<ModuleState, number> {
  return { pending: 0, running: 0, validating: 0, done: 0, failed: 0, blocked: 0 };
}

/** `9 done, 1 failed, 2 blocked`: the three outcomes always, other states when present. */
export function countsText(counts: Record<ModuleState, number>): string {
  return MODULE_STATES.filter((s) => counts[s] > 0 || s === "done" || s === "failed" || s === "blocked")
    .sort((a, b) => order(a) - order(b))
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}

function order(s: ModuleState): number {
  return ["done", "failed", "blocked", "running", "validating", "pending"].indexOf(s);
}

/**
 * A gate's outcome in a word. `stopped`: the run's signal (or its budget) cancelled it before it
 * finished, so it judged nothing; the run is left resumable and `resume` runs the gate again.
 */
export function gateVerdict(gate: Pick<GateResult, "ok" | "cancelled">): "passed" | "failed" | "stopped" {
  return gate.ok ? "passed" : gate.cancelled ? "stopped" : "failed";
}

/** The verdict as the page and the report's readers see it: `stopped` says what resume does. */
export function gateVerdictText(gate: Pick<GateResult, "ok" | "cancelled">): string {
  const verdict = gateVerdict(gate);
  return verdict === "stopped" ? "stopped before it finished (resume runs it again)" : verdict;
}

/** One line for a gate: its checks' own messages (`tests 23/23, coverage 87%`), failures named; a check the cancel cut short is `cancelled`, not failed. */
export function gateSummary(gate: GateResult): string {
  if (gate.checks.length === 0) return gateVerdict(gate);
  return gate.checks
    .map((c) => (c.ok ? c.message || `${c.name} passed` : gate.cancelled && c.message === "cancelled" ? `${c.name} cancelled` : `${c.name} ${c.blocking ? "failed" : "warned"}${c.message ? `: ${c.message}` : ""}`))
    .join("; ");
}


/**
 * Layer and system gates in the order a reader follows the run, not the order they finished:
 * layer gates by the plan's layer order (a layer it does not name after those), the system
 * gate last. Stable: a layer's rounds keep their order.
 */
export function inLayerOrder<G extends Pick<GateResult, "level" | "target">>(gates: readonly G[], layers: readonly string[]): G[] {
  const rank = (g: G) => {
    if (g.level === "system") return layers.length + 1;
    const i = layers.indexOf(g.target);
    return i < 0 ? layers.length : i;
  };
  return gates.slice().sort((a, b) => rank(a) - rank(b));
}
