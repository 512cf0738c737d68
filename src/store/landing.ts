import type { Store } from "./types.js";

/** What the landing note reads of a `workspace` event (src/run/events.ts): a run's end records its branch's head, and whether `--apply` brought it in. */
interface WorkspaceEnd {
  type?: unknown;
  head?: string;
  applied?: { ok: boolean };
}

/**
 * Whether a commit (or branch) is in the code now: an ancestor of the project's HEAD, as after the
 * user merged the run's branch by hand (workspace/landed.ts asks git, once per commit).
 */
export type Landed = (commit: string) => boolean;

/** What the store says of a run's landing: the note, and the commit whose merge would make it untrue. */
interface Landing {
  note?: string;
  head?: string;
}

/** Runs' `notLanded` once it can no longer change, by store: every prompt of a run asks of the same few runs. */
const settled = new WeakMap<Store, Map<string, Landing>>();

/**
 * Why the work run `runId`'s memories tell of is not in the code (`work not merged: …`), or undefined:
 * said with the memory in prompts (src/run/memory.ts) and by the agents' memory tools (src/agent-mcp).
 * `landed`: git's word, which wins over the store's: a branch the user merged by hand since is in the code.
 */
export function landingNote(store: Store, runId: string, landed?: Landed): string | undefined {
  let known = settled.get(store);
  if (!known) settled.set(store, (known = new Map()));
  let landing = known.get(runId);
  if (!landing) {
    const { final, ...found } = notLanded(store, runId);
    landing = found;
    if (final) known.set(runId, landing);
  }
  if (!landing.note || !landed || !landing.head) return landing.note;
  return landed(landing.head) ? undefined : landing.note;
}

/**
 * Why the work a run's memories tell of is not in the code, or undefined: the run was isolated and ended
 * without its integration branch brought in (it failed, ran out of budget, was interrupted, or was done
 * without `--apply`), so its modules' "done" is true of that branch only. A run still going (the one asking)
 * is not said: its attempts' worktrees are made from its branch. `final`: the answer cannot change, as the
 * run shared the tree, or ended (not interrupted) with its workspace's end recorded, the last thing it records.
 */
function notLanded(store: Store, runId: string): Landing & { final: boolean } {
  const branch = store.getWorkspace(runId);
  if (branch?.isolation !== "worktree") return { final: branch !== undefined };
  const state = store.getRunHead(runId)?.state;
  if (state === undefined || state === "running") return { final: false };
  const ends = store.getEvents(runId, 0, "workspace").map((e) => e.data as WorkspaceEnd).filter((e) => e.type === "workspace" && e.head !== undefined);
  const final = state !== "interrupted" && ends.length > 0;
  if (ends.at(-1)?.applied?.ok) return { final };
  const ended = state === "done" ? "ended without applying it" : state === "interrupted" ? "was interrupted" : state === "budget_exceeded" ? "ran out of budget" : "failed";
  const name = branch.branch ?? `orchestrate/${runId}`;
  // The head its end recorded: the branch itself may be gone (`orchestrate clean` deletes a merged one) or have moved on.
  const head = ends.at(-1)?.head ?? name;
  return { note: `work not merged: run ${runId} ${ended}, so what it did is on branch ${name} only, not in the code unless that branch was merged since`, head, final };
}
