import type { Agent, AgentContext, AgentResult, AgentTask } from "../../src/agents/types.js";

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const success = (summary = "ok"): AgentResult => ({ ok: true, summary, filesChanged: [], usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.001 } });
export const failure = (error: string): AgentResult => ({ ok: false, summary: error, error, filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });

/**
 * An agent whose attempts finish when the test says so: `started` lists calls in
 * order, `finish(id, result)` settles the oldest open call of that module.
 */
export function controlledAgent() {
  const open = new Map<string, { task: AgentTask; done: Deferred<AgentResult> }[]>();
  const started: AgentTask[] = [];
  let running = 0;
  let maxRunning = 0;
  const waiters: (() => void)[] = [];
  const agent: Agent = {
    name: "controlled",
    async run(task: AgentTask, ctx: AgentContext) {
      started.push(task);
      running++;
      maxRunning = Math.max(maxRunning, running);
      const done = deferred<AgentResult>();
      open.set(task.moduleId, [...(open.get(task.moduleId) ?? []), { task, done }]);
      ctx.signal.addEventListener("abort", () => done.resolve({ ...failure("cancelled"), cancelled: true }), { once: true });
      for (const w of waiters.splice(0)) w();
      try {
        return await done.promise;
      } finally {
        running--;
      }
    },
  };
  return {
    agent,
    started,
    get maxRunning() {
      return maxRunning;
    },
    /** Module ids currently running. */
    running: () => [...open.entries()].filter(([, calls]) => calls.length > 0).map(([id]) => id),
    finish(id: string, result: AgentResult = success()) {
      const calls = open.get(id);
      const call = calls?.shift();
      if (!call) throw new Error(`${id} is not running`);
      call.done.resolve(result);
    },
    /** Resolves once `n` attempts have started in total. */
    async startedCount(n: number) {
      while (started.length < n) await new Promise<void>((r) => waiters.push(r));
    },
  };
}
