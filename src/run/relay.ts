import type { RunContext } from "./context.js";

/**
 * Agents report progress through orchestrate's MCP server, another process that
 * writes to the store; this brings those lines to the run's listeners (the live view).
 */
export function relayAgentProgress(ctx: RunContext, pollMs = 1000): NodeJS.Timeout {
  const { store, runId } = ctx;
  let after = store.getEvents(runId).at(-1)?.id ?? 0;
  const timer = setInterval(() => {
    for (const e of store.getEvents(runId, after)) {
      after = e.id;
      if (e.type !== "agent:progress" || !e.moduleId) continue;
      const message = typeof e.data === "object" && e.data !== null && "message" in e.data ? String(e.data.message) : "";
      ctx.emit({ type: "agent", runId, moduleId: e.moduleId, attempt: store.getModule(runId, e.moduleId)?.attempts ?? 0, event: { type: "progress", message } });
    }
  }, pollMs);
  timer.unref();
  return timer;
}
