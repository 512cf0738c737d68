import type { WorkspaceView } from "../../run/workspace-view.js";
import type { RunState } from "../../store/types.js";
import type { Colors } from "../style.js";
import { bringInCommand, DETACHED_HEAD } from "../../workspace/bring-in.js";

/** The start of a run, one line: where its work goes (the `workspace` event, or the store's record). */
export function workspaceStart(ws: { isolation: "worktree" | "shared"; branch?: string; base?: string; note?: string }): string {
  if (ws.isolation === "shared") return `workspace: shared${ws.note ? ` (${ws.note})` : ""}`;
  return `workspace: worktrees, integration branch ${ws.branch ?? "?"} from ${ws.base?.slice(0, 8) ?? "HEAD"}${ws.note ? `; ${ws.note}` : ""}`;
}

/** `status`: where the run's work is, and how to bring it into the checked-out branch. */
export function workspaceLines(ws: WorkspaceView, state: RunState, c: Colors): string[] {
  const label = c.dim("workspace");
  if (ws.isolation === "shared") return [`  ${label} shared working tree${ws.note ? ` (${ws.note})` : ""}`];
  const branch = ws.branch ?? "?";
  // A branch still at its base holds no work: "merged into your branch" would claim a failed or interrupted run's work landed.
  const held = ws.head === ws.base ? ", nothing on it beyond its base" : ws.merged ? (ws.detached ? ", held by your checkout (a detached HEAD)" : ", merged into your branch") : "";
  const at = ws.head === null ? (ws.removed ? "; the branch was removed at the run's end: it held no commit" : "; the branch is gone (merged and cleaned, or deleted)") : ws.head ? ` at ${ws.head.slice(0, 8)}${held}` : "";
  const lines = [`  ${label} branch ${branch} from ${ws.base?.slice(0, 8) ?? "HEAD"}${at}`];
  if (ws.note) lines.push(c.dim(`            ${ws.note}`));
  // Nothing to bring in while the run still adds to it, when your branch has it, or when it holds nothing new.
  if (state !== "running" && ws.head && !ws.merged && ws.head !== ws.base) {
    const why = ws.detached ? `${DETACHED_HEAD}; then \`orchestrate clean\` deletes the branch` : "then `orchestrate clean` deletes the branch";
    lines.push(`  ${c.dim("merge it")}  ${bringInCommand(branch, ws.detached)}   ${c.dim(`(${why})`)}`);
  }
  return lines;
}
