import type { EventOf } from "../run/events.js";

type Ownership = Omit<EventOf<"ownership">, "type" | "runId">;
type GateBase = Omit<EventOf<"gate:base">, "type" | "runId">;

/** `api (attempt 1) changed src/ledger.py (owned by ledger)`, and what `ownership: fail` did of it. */
export function ownershipLine(e: Ownership): string {
  const files = e.others.map((o) => `${o.file} (owned by ${o.owners.join(" and ")})`).join(", ");
  return `${e.moduleId} (attempt ${e.attempt}) changed ${files}${e.failed ? "; `ownership: fail` failed the attempt" : ""}`;
}

/** The gate's name as the run's lines say it: `system gate`, `layer gate core`. */
export function gateName(e: Pick<GateBase, "level" | "target">): string {
  return e.level === "system" ? "system gate" : `layer gate ${e.target}`;
}

const SHOWN = 10;

function names(list: readonly string[]): string {
  return list.length > SHOWN ? `${list.slice(0, SHOWN).join(", ")} and ${list.length - SHOWN} more` : list.join(", ");
}

/**
 * What a failed gate did on the run's base commit, a line per check:
 * `system gate, check tests: failed on the base commit 1a2b3c4d too: already failing there: test_a; new: test_b`.
 */
export function baseGateLines(e: GateBase): string[] {
  const at = `the base commit ${e.base.slice(0, 8)}`;
  return e.checks.map((c): string => {
    const head = `${gateName(e)}, check ${c.name}:`;
    if (c.failedAtBase === undefined) return `${head} not known whether it failed before the run (${c.error ?? "not run"})`;
    if (!c.failedAtBase) return `${head} passes on ${at}: the run's changes made it fail`;
    if (!c.already) return `${head} fails on ${at} too: it was failing before the run`;
    const already = c.already.length ? `already failing there: ${names(c.already)}` : "none of its failing tests failed there";
    return `${head} fails on ${at} too; ${already}${c.added?.length ? `; new: ${names(c.added)}` : "; none new"}`;
  }).concat(e.passed ? [`${gateName(e)}: passed with these failures, which were there before the run; none is new`] : []);
}
