import type { ModuleState, RunDetail, RunState, StreamEvent } from "../server/views.js";

/**
 * The stream's transitions applied to the run as shown, before the page asks the server for
 * the whole run again: the page is right as soon as the event arrives, and stays right when
 * the server is gone by the time it would ask (`run --dashboard` ends with its run).
 */
export function applyEvents(run: RunDetail, events: StreamEvent[]): RunDetail {
  let next = run;
  for (const e of events) {
    next = { ...next, lastEventId: Math.max(next.lastEventId, e.id) };
    if (e.type === "module:state" && e.moduleId) {
      const data = e.data as { state: ModuleState; attempt?: number; reason?: string };
      next = {
        ...next,
        nodes: next.nodes.map((n) => (n.id === e.moduleId ? { ...n, state: data.state, attempts: Math.max(n.attempts, data.attempt ?? 0), ...(data.reason ? { reason: data.reason } : {}) } : n)),
      };
    } else if (e.type === "run:start") {
      next = { ...next, state: "running", endedAt: null };
    } else if (e.type === "run:end") {
      next = { ...next, state: (e.data as { state: RunState }).state, endedAt: e.at, canCancel: false, live: false };
    }
  }
  return next;
}
