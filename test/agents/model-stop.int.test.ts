import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";
import { agentFor, APIS, deferred, serve } from "./model-helpers.js";

afterEach(cleanup);

// The agents import their SDK on first use; warm it so the time limits below measure requests.
beforeAll(async () => {
  await Promise.all([import("@anthropic-ai/sdk"), import("openai")]);
});

describe.each(APIS)("%s agent stopping a request in flight", (api) => {
  it("cuts a request that never answers at task.timeoutMs", async () => {
    const server = await serve(() => ({ hang: true }));
    const started = Date.now();
    const result = await agentFor(api, server.url).run(makeTask(await tempDir(), { timeoutMs: 800 }), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: "timed out after 800 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)" });
    expect(result.cancelled).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.map((r) => r.answer)).toEqual(["hang"]); // aborted, not retried
  });

  it("keeps what was done before the timeout: changed files and usage", async () => {
    const cwd = await tempDir();
    const server = await serve((req) =>
      req.turn === 0 ? { toolCalls: [{ id: "w", name: "write_file", input: { path: "a.txt", content: "a" } }] } : { hang: true },
    );
    const result = await agentFor(api, server.url).run(makeTask(cwd, { timeoutMs: 800 }), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: "timed out after 800 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)", filesChanged: ["a.txt"] });
    expect(result.usage).toMatchObject({ inputTokens: 100, outputTokens: 20 });
  });

  it("resolves as cancelled when ctx.signal aborts the request in flight", async () => {
    const arrived = deferred();
    const server = await serve(() => {
      arrived.resolve();
      return { hang: true };
    });
    const controller = new AbortController();
    const running = agentFor(api, server.url).run(makeTask(await tempDir()), makeContext(controller.signal).ctx);
    await arrived.promise;
    controller.abort();
    const result = await running;

    expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
  });

  it("starts nothing when the signal is already aborted", async () => {
    const server = await serve(() => ({ text: "never" }));
    const controller = new AbortController();
    controller.abort();
    const result = await agentFor(api, server.url).run(makeTask(await tempDir()), makeContext(controller.signal).ctx);

    expect(result).toMatchObject({ ok: false, cancelled: true });
    expect(server.requests).toHaveLength(0);
  });
});
