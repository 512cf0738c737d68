import type { Store } from "../store/types.js";
import type { EventOf } from "./events.js";
import { branchState, detachedHead } from "../workspace/branch.js";
import type { Detached } from "../workspace/bring-in.js";

/** How a run worked on the project's files, as `status` and `report` show it. */
export interface WorkspaceView {
  isolation: "worktree" | "shared";
  /** The integration branch, `orchestrate/<run>` (isolated runs). */
  branch?: string;
  /** The commit it was made from. */
  base?: string;
  /** Its commit now, from git; null when the branch is gone (merged and cleaned, or deleted). Absent when git was not asked. */
  head?: string | null;
  /** Whether the checked-out branch holds all of it (absent when git was not asked). */
  merged?: boolean;
  /** The checkout is on no branch (HEAD detached), so bringing the branch in starts with a switch (absent when git was not asked or a branch is checked out). */
  detached?: Detached;
  /** The branch held no commit of the run and was deleted at its end. */
  removed?: true;
  /** Why the run shared the working tree, or what it left out (uncommitted changes). */
  note?: string;
}

/** A merge event as the report lists it. */
export type MergeView = Omit<EventOf<"merge">, "type" | "runId">;

/** The run's workspace as the store recorded it (no git asked); undefined for runs from before isolation existed. */
export function recordedWorkspace(store: Store, runId: string): WorkspaceView | undefined {
  const ws = store.getWorkspace(runId);
  if (!ws) return undefined;
  return { isolation: ws.isolation, ...(ws.branch ? { branch: ws.branch } : {}), ...(ws.base ? { base: ws.base } : {}), ...(ws.note ? { note: ws.note } : {}) };
}

/** `view` with the integration branch's head and whether it is merged, from git at `root`. */
export async function withBranchHead(view: WorkspaceView | undefined, root: string): Promise<WorkspaceView | undefined> {
  if (!view?.branch) return view;
  const [state, detached] = await Promise.all([branchState(root, view.branch).catch(() => undefined), detachedHead(root).catch(() => undefined)]);
  return state ? { ...view, head: state.head ?? null, merged: state.merged, ...(detached ? { detached } : {}) } : view;
}

/** `extras` (a run's, for `status` and `report`) with its workspace's head from git. */
export async function withWorkspaceHead<E extends { workspace?: WorkspaceView }>(extras: E, root: string): Promise<E> {
  const workspace = await withBranchHead(extras.workspace, root);
  return workspace ? { ...extras, workspace } : extras;
}

/** Each module's commit: that of its last merged attempt. */
export function moduleCommits(store: Store, runId: string): Map<string, string> {
  const commits = new Map<string, string>();
  for (const m of store.getMerges(runId)) if (m.state === "merged") commits.set(m.moduleId, m.commit);
  return commits;
}
