import { gitRun } from "../workspace/git.js";
import { integrationBranch } from "../workspace/worktrees.js";

/** What `orchestrate clean` did with a queued run's branches on the queue's git remote. */
export type RemoteCleaned =
  /** Deleted these branches (attempt branches, and the integration branch when asked). */
  | { state: "deleted"; branches: string[] }
  /** The remote holds none of them. */
  | { state: "absent" }
  /** The remote could not be listed or refused the deletion: git's last line says why. */
  | { state: "failed"; why: string };

/**
 * Deletes a queued run's attempt branches from its queue's remote (workers pushed one per
 * attempt there, and nothing else removes them), and its integration branch when `integration`
 * says so (the local one went: merged, or `--force`).
 */
export async function cleanRemoteBranches(root: string, remote: string, runId: string, integration: boolean): Promise<RemoteCleaned> {
  const wanted = [`refs/heads/orchestrate/attempts/${runId}/*`, ...(integration ? [`refs/heads/${integrationBranch(runId)}`] : [])];
  const listed = await gitRun(["ls-remote", "--heads", remote, ...wanted], root);
  if (listed.code !== 0) return { state: "failed", why: lastLine(listed.stderr) };
  const refs = listed.stdout.split("\n").map((l) => l.split("\t")[1]).filter((r): r is string => Boolean(r));
  if (!refs.length) return { state: "absent" };
  const pushed = await gitRun(["push", "--quiet", "--no-verify", remote, ...refs.map((r) => `:${r}`)], root);
  if (pushed.code !== 0) return { state: "failed", why: lastLine(pushed.stderr) };
  return { state: "deleted", branches: refs.map((r) => r.slice("refs/heads/".length)) };
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.replace(/^(fatal|error): /, "") ?? "";
}
