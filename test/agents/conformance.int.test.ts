import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Agent, AgentEvent } from "../../src/agents/types.js";
import { createAgent } from "../../src/agents/registry.js";
import { cleanup, makeTask, tempDir } from "./helpers.js";

/**
 * What every agent owes the engine, whatever it runs: a result, never a throw, for
 * success, failure and cancellation; usage as numbers; changed files relative and sorted.
 * The model agents keep the same contract against their protocol servers (model-*.int tests).
 */
const AGENTS: Record<string, (cwd: string) => Agent> = {
  simulate: () => createAgent("simulate", { latencyMs: 50 }),
  command: () => createAgent("command", { run: "sleep 0.05; mkdir -p src && printf 'x' > src/b.ts && printf 'y' > src/a.ts" }),
};

afterEach(cleanup);

describe.each(Object.keys(AGENTS))("agent contract: %s", (name) => {
  it("succeeds with a summary, numeric usage and sorted relative files", async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, "recorded", "journal", "src"), { recursive: true });
    await writeFile(join(cwd, "recorded", "journal", "src", "b.ts"), "x");
    await writeFile(join(cwd, "recorded", "journal", "src", "a.ts"), "y");
    const task = makeTask(cwd);
    await mkdir(dirname(task.promptFile), { recursive: true });
    await writeFile(task.promptFile, task.prompt);
    const events: AgentEvent[] = [];
    const result = await AGENTS[name]!(cwd).run(task, { signal: new AbortController().signal, emit: (e) => events.push(e) });
    expect(result.ok).toBe(true);
    expect(typeof result.summary).toBe("string");
    expect(Object.values(result.usage).every((v) => typeof v === "number" && v >= 0)).toBe(true);
    // Outside a git work tree the command agent cannot know what changed; simulate knows what it replayed.
    if (name === "simulate") expect(result.filesChanged).toEqual(["src/a.ts", "src/b.ts"]);
    for (const f of result.filesChanged) expect(f.startsWith("/")).toBe(false);
  });

  it("resolves cancelled, promptly, when the signal is already aborted", async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    controller.abort();
    const started = Date.now();
    const result = await AGENTS[name]!(cwd).run(makeTask(cwd), { signal: controller.signal, emit: () => undefined });
    expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("resolves cancelled when aborted mid-attempt", async () => {
    const cwd = await tempDir();
    const agent = name === "simulate" ? createAgent("simulate", { latencyMs: 10_000 }) : createAgent("command", { run: "sleep 10" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await agent.run(makeTask(cwd), { signal: controller.signal, emit: () => undefined });
    expect(result).toMatchObject({ ok: false, cancelled: true });
  });
});
