import type { Store } from "../store/types.js";
import { recorded } from "./events.js";
import type { FailureCode } from "./failure.js";

/**
 * Failures whose work a retry in a new worktree goes on from: the gate judged it, or the agent
 * stopped short (turns, time). Not a merge conflict's (the retry starts from the new head) nor
 * an ownership failure's (the retry must leave those files alone).
 */
const CARRIED = new Set<FailureCode | undefined>(["GATE_FAILED", "AGENT_FAILED", "TIMED_OUT"]);

export function carried(code: FailureCode | undefined): boolean {
  return CARRIED.has(code);
}

/**
 * Whether a resumed run's retry goes on from attempt `n`'s work, as it would have in the process
 * that ran it: the store's attempt keeps no failure code, its `attempt:end` event does.
 */
export function carriedFromStore(store: Store, runId: string, moduleId: string, n: number): boolean {
  const end = recorded(store.getEvents(runId, 0, "attempt:end"), "attempt:end").find((e) => e.moduleId === moduleId && e.attempt === n);
  return carried(end?.failure);
}

/** What a retry's prompt says when its worktree holds attempt `n`'s changes. */
export function carriedNote(n: number): string {
  return `Your workspace holds attempt ${n}'s changes as it left them: fix what failed rather than start again.`;
}
