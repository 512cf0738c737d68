import { urlWithoutPassword } from "../redact/url-password.js";
import type { RunOptions } from "./options.js";

/** A run's queue as state.db keeps it: the Redis URL without its password. */
export interface KeptQueue {
  /** The URL without its password (if it had one). */
  url: string;
  remote?: string;
  /** The URL had a password, which is not kept: `resume` needs it given again. */
  withoutPassword?: true;
}

/**
 * The options a run's record keeps: as run, but a queue's Redis password left out (state.db
 * holds no secret; `redis://:PASSWORD@host` has no user name, which redaction's URL rule needs).
 */
export function keptOptions(options: RunOptions): Omit<RunOptions, "queue"> & { queue?: KeptQueue } {
  if (!options.queue) return options;
  const { url, remote } = options.queue;
  const kept = urlWithoutPassword(url);
  if (kept === undefined) return options;
  return { ...options, queue: { url: kept, ...(remote ? { remote } : {}), withoutPassword: true } };
}

/** What `resume` is to do about the run's queue: the options to run with, or the one line saying what to pass. */
export type ResumeQueue = { queue?: { url?: string; remote?: string } } | { advice: string };

/**
 * The queue `resume` continues a run on: what its command line gives, else the queue the run
 * was started with (its record), else the config's. A recorded URL whose password was left out
 * is used through a config or command line that gives the same URL with its password; otherwise
 * the answer is the line that says what to pass.
 * @param recorded the run's options as its record keeps them (JSON)
 */
export function resumeQueue(recorded: string, flags: { url?: string; remote?: string }, config: { url?: string; remote?: string } | undefined, runId: string): ResumeQueue {
  const kept = keptQueueOf(recorded);
  if (!kept) return flags.url || flags.remote ? { queue: flags } : {};
  const remote = flags.remote ?? kept.remote;
  if (flags.url) return { queue: { url: flags.url, ...(remote ? { remote } : {}) } };
  if (!kept.withoutPassword) return { queue: { url: kept.url, ...(remote ? { remote } : {}) } };
  // The config's URL is the recorded one with its password: it goes on, the remote from the record.
  if (config?.url && sameButPassword(config.url, kept.url)) return { queue: { url: config.url, ...(remote ? { remote } : {}) } };
  const parsed = parse(kept.url);
  const [shown, given] = parsed ? [withPassword(parsed, "***"), withPassword(parsed, "PASSWORD")] : [kept.url, kept.url];
  return { advice: `Run ${runId} ran on the queue ${shown}, whose password is not kept in .orchestrate/state.db: resume it with \`orchestrate resume ${runId} --queue ${given}\` (or set \`queue.url\` in orchestrate.config.yaml)` };
}

/** The queue a run's record (its options, JSON) names; none for a run that was not queued. */
export function keptQueueOf(recorded: string): KeptQueue | undefined {
  try {
    const queue = (JSON.parse(recorded) as { queue?: Partial<KeptQueue> } | null)?.queue;
    return typeof queue?.url === "string" ? { url: queue.url, ...(typeof queue.remote === "string" ? { remote: queue.remote } : {}), ...(queue.withoutPassword ? { withoutPassword: true as const } : {}) } : undefined;
  } catch {
    // A record that is no JSON (cut short, or another shape) names no queue.
    return undefined;
  }
}

function sameButPassword(url: string, kept: string): boolean {
  return urlWithoutPassword(url) === kept;
}

/** `url` with `password` (none: "") in place of its own. */
function withPassword(url: URL, password: string): string {
  const copy = new URL(url.href);
  copy.password = password;
  return copy.toString();
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
