import type { RunContext } from "./context.js";

/**
 * Agents report progress through orchestrate's MCP server, another process that
 * writes to the store; this brings those lines to the run's listeners (the live view).
 */
export function relayAgentProgress(ctx: RunContext, pollMs = 1000): NodeJS.Timeout {
  const { store, runId } = ctx;
  let after = store.latestEventId(runId);
  const timer = setInterval(() => {
    // Only the progress lines are read (the run's own events, six a module, are stepped over by id):
    // ids grow in commit order, so the lines read are all those up to the newest id seen.
    const newest = store.latestEventId(runId);
    for (const e of store.getEvents(runId, after, "agent:progress")) {
      after = Math.max(after, e.id);
      if (!e.moduleId) continue;
      const message = typeof e.data === "object" && e.data !== null && "message" in e.data ? String(e.data.message) : "";
      ctx.emit({ type: "agent", runId, moduleId: e.moduleId, attempt: store.getModule(runId, e.moduleId)?.attempts ?? 0, event: { type: "progress", message } });
    }
    after = Math.max(after, newest);
  }, pollMs);
  timer.unref();
  return timer;
}
