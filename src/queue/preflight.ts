import { gitRun } from "../workspace/git.js";
import { QueueError } from "./errors.js";
import { reachRedis } from "./reach.js";

/** How long Redis and the git remote may each take to answer before a queued run is refused. */
const PREFLIGHT_MS = 10_000;

/**
 * A queued run's queue, asked before the run is recorded: Redis at `url` answers, and the git
 * remote every worker shares is there. Without this a run with Redis down started, and each
 * module's first attempt failed one by one with the same line, the run recorded as failed.
 * Throws a QueueError (one line, exit 2) naming what failed and what to do.
 */
export async function checkQueue(queue: { url: string; remote?: string | undefined }, root: string, timeoutMs = PREFLIGHT_MS): Promise<void> {
  try {
    await reachRedis(queue.url, timeoutMs);
  } catch (error) {
    const message = (error as Error).message;
    // A server that is not Redis: its line already says to give Redis's host and port.
    const advice = / does not answer as Redis /.test(message) ? "" : ": start Redis there, or give the right URL (`--queue`, config `queue.url`)";
    throw new QueueError(`${message}; no run was started${advice}`);
  }
  if (!queue.remote) return;
  // No question on a terminal (a password, a host key): a remote that needs one is not reachable by workers either.
  const out = await gitRun(["ls-remote", "--heads", "--", queue.remote, "refs/heads/orchestrate/none"], root, { GIT_TERMINAL_PROMPT: "0", GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes -o ConnectTimeout=10" });
  if (out.code !== 0) {
    const why = (out.stderr || out.stdout).trim().split("\n").slice(-2).join(" / ");
    throw new QueueError(`The queue's git remote ${queue.remote} cannot be reached from here: ${why}; no run was started: give a git URL the run and every worker reach (\`--queue-remote\`, config \`queue.remote\`)`);
  }
}
