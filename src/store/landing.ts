import type { Store } from "./types.js";

/** What the landing note reads of a `workspace` event (src/run/events.ts): a run's end records its branch's head, and whether `--apply` brought it in. */
interface WorkspaceEnd {
  type?: unknown;
  head?: string;
  applied?: { ok: boolean };
}

/** Runs' `notLanded` once it can no longer change, by store: every prompt of a run asks of the same few runs. */
const settled = new WeakMap<Store, Map<string, string | undefined>>();

/**
 * Why the work run `runId`'s memories tell of is not in the code (`work not merged: …`), or undefined:
 * said with the memory in prompts (src/run/memory.ts) and by the agents' memory tools (src/agent-mcp).
 */
export function landingNote(store: Store, runId: string): string | undefined {
  let known = settled.get(store);
  if (!known) settled.set(store, (known = new Map()));
  if (known.has(runId)) return known.get(runId);
  const { note, final } = notLanded(store, runId);
  if (final) known.set(runId, note);
  return note;
}

/**
 * Why the work a run's memories tell of is not in the code, or undefined: the run was isolated and ended
 * without its integration branch brought in (it failed, ran out of budget, was interrupted, or was done
 * without `--apply`), so its modules' "done" is true of that branch only. A run still going (the one asking)
 * is not said: its attempts' worktrees are made from its branch. `final`: the answer cannot change, as the
 * run shared the tree, or ended (not interrupted) with its workspace's end recorded, the last thing it records.
 */
function notLanded(store: Store, runId: string): { note?: string; final: boolean } {
  const branch = store.getWorkspace(runId);
  if (branch?.isolation !== "worktree") return { final: branch !== undefined };
  const state = store.getRunHead(runId)?.state;
  if (state === undefined || state === "running") return { final: false };
  const ends = store.getEvents(runId, 0, "workspace").map((e) => e.data as WorkspaceEnd).filter((e) => e.type === "workspace" && e.head !== undefined);
  const final = state !== "interrupted" && ends.length > 0;
  if (ends.at(-1)?.applied?.ok) return { final };
  const ended = state === "done" ? "ended without applying it" : state === "interrupted" ? "was interrupted" : state === "budget_exceeded" ? "ran out of budget" : "failed";
  return { note: `work not merged: run ${runId} ${ended}, so what it did is on branch ${branch.branch ?? `orchestrate/${runId}`} only, not in the code unless that branch was merged since`, final };
}
