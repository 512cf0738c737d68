import { existsSync, readFileSync } from "node:fs";
import type { AttemptRecord } from "../store/types.js";
import type { Worktree } from "../workspace/index.js";
import type { EarlierWork } from "./attempt.js";
import type { RunContext } from "./context.js";

/**
 * The work whose gate a resumed module runs again instead of its agent: its last attempt, of
 * `kind`, was cancelled during its module gate (its record holds the agent's passing end and
 * a gate the run stopped: `gates.cancelled`; a queued attempt's when its worker confirmed the stop
 * and sent its work back). A record of any other end and a read-only attempt give none: the agent
 * runs as before.
 */
export function gatePending(attempts: readonly AttemptRecord[], kind: string, readOnly: boolean | undefined): EarlierWork | undefined {
  const last = attempts.at(-1);
  if (!last || readOnly || last.kind !== kind || last.state !== "cancelled" || last.gates?.cancelled !== true) return undefined;
  return { n: last.n, summary: last.summary ?? "", filesChanged: last.filesChanged };
}

/**
 * Puts attempt `work.n`'s work into the new attempt's worktree: the patch its worktree left
 * when it closed (its work as it stood when its gate started; none where it changed no file). Shared, the work is in the
 * project's tree already. Answers why it cannot be, when it cannot (no patch kept, the
 * integration head moved under it): the agent then runs again.
 */
export async function workBack(ctx: Pick<RunContext, "isolation" | "paths" | "runId">, moduleId: string, work: EarlierWork, tree: Worktree | undefined): Promise<string | undefined> {
  if (!tree) return undefined;
  const patch = ctx.paths.attempt(ctx.runId, moduleId, work.n, ".diff");
  // An attempt that changed no file leaves no patch: its worktree held the integration head, as the new one does.
  if (!existsSync(patch)) return work.filesChanged.length === 0 ? undefined : `no patch of its work was kept in ${ctx.paths.rel(patch)}`;
  return (await ctx.isolation!.carry(tree, patch)) ? undefined : `its patch ${ctx.paths.rel(patch)} no longer applies to the run's branch`;
}

/**
 * Attempt `work.n`'s work for a queued attempt's worker to put back and gate: its patch, which the
 * worker sent back when the run stopped it during its gate; an empty one for an agent that changed
 * nothing. None kept (a worker that did not confirm the stop in time): a warning, and the agent runs again.
 */
export function remoteWork(ctx: Pick<RunContext, "paths" | "runId" | "emit">, moduleId: string, work: EarlierWork, n: number): (EarlierWork & { patch: string }) | undefined {
  const patch = ctx.paths.attempt(ctx.runId, moduleId, work.n, ".diff");
  if (existsSync(patch)) return { ...work, patch: readFileSync(patch, "utf8") };
  // An attempt that changed no file leaves no patch: the worker's worktree holds the integration head, as its did.
  if (work.filesChanged.length === 0) return { ...work, patch: "" };
  ctx.emit({ type: "warning", runId: ctx.runId, message: `${moduleId}: attempt ${work.n}'s work cannot be gated again (no patch of its work was kept in ${ctx.paths.rel(patch)}): attempt ${n} runs the agent again` });
  return undefined;
}
