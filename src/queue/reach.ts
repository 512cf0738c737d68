import { QueueError } from "./errors.js";
import { checkedUrl, shownUrl } from "./connection.js";

/**
 * Throws a QueueError (one line) unless Redis at `url` answers PING within `timeoutMs`.
 * Asked once, before BullMQ's objects are made: they retry a Redis that is not there
 * forever, and BullMQ 6's `QueueEvents.close()` and `Worker.waitUntilReady()` never return
 * when the first connection never came up, so a wrong URL would hang the run or the worker
 * (Ctrl-C included) instead of saying so.
 */
export async function reachRedis(url: string, timeoutMs: number): Promise<void> {
  const { Redis } = await import("ioredis");
  const tls = url.startsWith("rediss:") && process.env.ORCHESTRATE_REDIS_TLS_INSECURE === "1" ? { tls: { rejectUnauthorized: false } } : {};
  const client = new Redis(checkedUrl(url), { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false, enableReadyCheck: false, connectTimeout: timeoutMs, disconnectTimeout: 100, ...tls });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the "Connection is closed." connect() rejects with.
  let socketError: Error | undefined;
  client.on("error", (error: Error) => (socketError ??= error));
  // disconnectTimeout: ioredis keeps a timer this long after disconnecting a socket that already closed, holding the CLI open.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
  try {
    await Promise.race([client.connect().then(() => client.ping()), late]);
  } catch (error) {
    const why = (socketError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    // The cause is the short reason, for a caller that says it in a line of its own.
    throw new QueueError(notRedis(url, why) ?? `Expected Redis at ${shownUrl(url)} to answer, got: ${why} (is it running, and is the URL right?)`, { cause: new Error(why) });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * The line for a server that answered, but not in Redis's protocol (an HTTP server, SSH, another
 * service on that port): ioredis calls it a protocol error and asks for a bug report, which
 * says nothing of the real cause.
 */
function notRedis(url: string, why: string): string | undefined {
  const first = /^Protocol error, got (".*?") as reply type byte/.exec(why)?.[1];
  if (first === undefined) return undefined;
  return `${shownUrl(url)} does not answer as Redis (its reply starts with ${first}, which is no Redis reply): another service listens on that port; give the Redis server's host and port`;
}
