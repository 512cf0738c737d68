import type { Store } from "../store/types.js";
import { resumeQueue } from "../config/queue-kept.js";
import { UsageError } from "../errors.js";
import { resumeTarget } from "./recover.js";

type QueueParts = { url?: string; remote?: string };

/**
 * The queue `resume` runs `runId` (or the latest unfinished run) on, for every way to resume
 * (the CLI, MCP, the dashboard): `given` (`--queue`, `--queue-remote`), else the run's own as
 * its record keeps it, else the config's. `configQueue` is asked only for a recorded URL whose
 * password was left out (the config may give that URL with it).
 * @throws RunError when there is no such run to resume; UsageError saying what to pass for a password not kept
 */
export async function queueToResume(store: Store, runId: string | undefined, given: QueueParts, configQueue: () => QueueParts | undefined | Promise<QueueParts | undefined>): Promise<{ queue?: QueueParts }> {
  const run = resumeTarget(store, runId);
  const config = !given.url && run.options.includes('"withoutPassword":true') ? await configQueue() : undefined;
  const answer = resumeQueue(run.options, given, config, run.id);
  if ("advice" in answer) throw new UsageError(answer.advice);
  return answer;
}
