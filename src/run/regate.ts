import { existsSync } from "node:fs";
import type { AttemptRecord } from "../store/types.js";
import type { Worktree } from "../workspace/index.js";
import type { EarlierWork } from "./attempt.js";
import type { RunContext } from "./context.js";

/**
 * The work whose gate a resumed module runs again instead of its agent: its last attempt, of
 * `kind`, was cancelled during its module gate (its record holds the agent's passing end and
 * a gate the run stopped: `gates.cancelled`). A record of any other end, a queued run's (its
 * worker gates it) and a read-only attempt give none: the agent runs as before.
 */
export function gatePending(ctx: Pick<RunContext, "executor">, attempts: readonly AttemptRecord[], kind: string, readOnly: boolean | undefined): EarlierWork | undefined {
  const last = attempts.at(-1);
  if (!last || ctx.executor || readOnly || last.kind !== kind || last.state !== "cancelled" || last.gates?.cancelled !== true) return undefined;
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
