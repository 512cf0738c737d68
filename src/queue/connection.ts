import type { ConnectionOptions } from "bullmq";
import { QueueError } from "./errors.js";

/** The BullMQ queue attempts go through; coordinator and workers agree on it. */
export const QUEUE_NAME = "orchestrate-attempts";

/** How often BullMQ re-queues a job whose worker was lost (its `maxStalledCount`); lost once more, it fails the job. */
export const MAX_LOSSES = 3;

/**
 * BullMQ's connection for a Redis URL, passed to ioredis as it is: `redis://:password@host:port/db`,
 * `rediss://` for TLS (`ORCHESTRATE_REDIS_TLS_INSECURE=1` accepts a self-signed certificate).
 * `maxRetriesPerRequest: null` is what BullMQ asks of a worker's connection: a command waits
 * for Redis to come back instead of failing the job. `retryStrategy` is `reconnectDelay`.
 */
export function connectionFor(url: string): ConnectionOptions {
  return { url: checkedUrl(url), maxRetriesPerRequest: null, retryStrategy: reconnectDelay, ...(url.startsWith("rediss:") && process.env.ORCHESTRATE_REDIS_TLS_INSECURE === "1" ? { tls: { rejectUnauthorized: false } } : {}) };
}

/**
 * How long ioredis waits before its `tries`-th try to reconnect to a Redis it lost, in ms: 100 ms
 * more each try, at most 1 s, so coordinator and workers find a restarted Redis within a second.
 * BullMQ's own default waits at least 1 s and e^tries ms, up to 20 s: after a restart of 10 s
 * it would wait up to 20 s more. A try is one TCP connection, cheap for Redis even from many workers.
 */
export function reconnectDelay(tries: number): number {
  return Math.min(tries * 100, 1000);
}

/** The URL when it is a Redis one; else a QueueError saying what was expected. */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(`Expected a Redis URL (redis://HOST:PORT or rediss://...), got \`${url}\``);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new QueueError(`Expected a Redis URL (redis://HOST:PORT or rediss://...), got \`${url}\` (scheme ${parsed.protocol})`);
  return url;
}

/** The URL without its password, for messages and logs. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
