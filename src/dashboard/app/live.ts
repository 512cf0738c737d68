import { useEffect, useRef, useState } from "preact/hooks";
import type { StreamEvent } from "../server/views.js";

/** How long a burst of events is gathered before the page reloads its view: well inside the second. */
const SETTLE_MS = 150;

/**
 * Follows a run's event stream from after row `after` (the id the page's view of the run is
 * as new as; undefined: not loaded yet, nothing followed) and calls `onChange` (at most every
 * SETTLE_MS) when rows arrive. EventSource reconnects by itself with `Last-Event-ID`; if it
 * gives up (the dashboard was down long enough), a new one starts from the last id seen. A row
 * at or before the last one seen is dropped: a server that ignored the id sends nothing twice.
 */
export function useRunStream(runId: string, after: number | undefined, onChange: (events: StreamEvent[]) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (after === undefined) return;
    let last = after;
    let source: EventSource | undefined;
    let retry: number | undefined;
    let flush: number | undefined;
    let pending: StreamEvent[] = [];
    let closed = false;
    const open = () => {
      source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?after=${last}`);
      source.addEventListener("ready", () => setConnected(true));
      source.addEventListener("run", (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as StreamEvent;
        if (event.id <= last) return;
        last = event.id;
        pending.push(event);
        flush ??= window.setTimeout(() => {
          flush = undefined;
          const batch = pending;
          pending = [];
          latest.current(batch);
        }, SETTLE_MS);
      });
      source.onerror = () => {
        setConnected(false);
        if (source?.readyState === EventSource.CLOSED && !closed) retry = window.setTimeout(open, 1000);
      };
    };
    open();
    return () => {
      closed = true;
      source?.close();
      window.clearTimeout(retry);
      window.clearTimeout(flush);
    };
  }, [runId, after]);
  return { connected };
}

/** Calls `fn` every `ms` while mounted. */
export function useInterval(fn: () => void, ms: number): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const id = window.setInterval(() => latest.current(), ms);
    return () => window.clearInterval(id);
  }, [ms]);
}
