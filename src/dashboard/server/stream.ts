import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Store } from "../../store/types.js";
import type { StreamEvent } from "./views.js";

export interface StreamOptions {
  /** How often the store is read for new event rows. @default 200 */
  pollMs?: number;
  /** A comment line this often keeps proxies and the browser from timing out. @default 15000 */
  heartbeatMs?: number;
  /** Set when the server closes: every stream sends what is left, then ends. */
  closing: AbortSignal;
  /** Streams open now, each until it has ended: the server waits for them before it closes. */
  open: Set<Promise<void>>;
}

/** What EventSource waits before it reconnects; short, so a restarted dashboard is picked up at once. */
const RETRY_MS = 1000;

/**
 * The run's event rows as server-sent events, from after `afterId` (the `Last-Event-ID` a
 * reconnecting EventSource sends). Runs in other processes write to the same SQLite file, so
 * this follows new rows by id rather than listening to an orchestrator: the same stream
 * serves a run of this process, of another one, one resumed elsewhere, and a finished one.
 */
export function eventStream(c: Context, store: Store, runId: string, afterId: number, options: StreamOptions): Response {
  const pollMs = options.pollMs ?? 200;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return streamSSE(c, async (stream) => {
    let last = afterId;
    let beat = Date.now();
    let open = true;
    const end = () => {
      open = false;
    };
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    options.open.add(done);
    stream.onAbort(end);
    options.closing.addEventListener("abort", end, { once: true });
    try {
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ after: last }), retry: RETRY_MS });
      for (;;) {
        for (const e of store.getEvents(runId, last)) {
          const view: StreamEvent = { id: e.id, at: e.at, type: e.type, ...(e.moduleId ? { moduleId: e.moduleId } : {}), data: e.data };
          await stream.writeSSE({ id: String(e.id), event: "run", data: JSON.stringify(view) });
          last = e.id;
        }
        // Closing: the rows written so far (a run's last transitions) went out above; now end.
        if (!open || stream.aborted) break;
        if (Date.now() - beat >= heartbeatMs) {
          beat = Date.now();
          await stream.write(": keep-alive\n\n");
        }
        await stream.sleep(pollMs);
      }
    } finally {
      options.closing.removeEventListener("abort", end);
      options.open.delete(done);
      ended();
    }
  });
}

/** Where a stream starts: `Last-Event-ID` (a reconnect), else `?after=`, else the beginning. */
export function startAfter(c: Context): number {
  const given = c.req.header("last-event-id") ?? c.req.query("after") ?? "0";
  const n = Number(given);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
