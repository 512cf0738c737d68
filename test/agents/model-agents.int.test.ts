import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";
import { agentFor, APIS, MODEL, serve, toolNames, toolResults } from "./model-helpers.js";

afterEach(cleanup);

const ADD = "export function add(a, b) {\n  return a + b;\n}\n";
const ADD_TEST = [
  'import { test } from "node:test";',
  'import assert from "node:assert/strict";',
  'import { add } from "../src/add.js";',
  'test("adds", () => assert.equal(add(2, 3), 5));',
  "",
].join("\n");

async function project(): Promise<string> {
  const cwd = await tempDir();
  writeFileSync(join(cwd, "package.json"), '{ "type": "module" }\n');
  return cwd;
}

describe.each(APIS)("%s agent", (api) => {
  it("implements a module through tool calls: writes, runs the tests, sees them pass, ends", async () => {
    const cwd = await project();
    const server = await serve((req) => {
      if (req.turn === 0) {
        return {
          text: "I will write the module and its test.",
          toolCalls: [
            { id: "w1", name: "write_file", input: { path: "src/add.js", content: ADD } },
            { id: "w2", name: "write_file", input: { path: "test/add.test.js", content: ADD_TEST } },
          ],
        };
      }
      if (req.turn === 1) return { toolCalls: [{ id: "r1", name: "run_command", input: { command: "node --test test/add.test.js" } }] };
      const [run] = toolResults(req);
      const passed = run && !run.isError && /exit code 0/.test(run.content) && /# pass 1/.test(run.content);
      return { text: passed ? "Implemented add; 1 test passes." : `Tests failed:\n${run?.content}` };
    });
    const { ctx, events } = makeContext();
    const result = await agentFor(api, server.url).run(makeTask(cwd, { moduleId: "add", files: ["src/add.js"], specExcerpt: "add(a, b) returns a + b" }), ctx);

    expect(result).toMatchObject({ ok: true, summary: "Implemented add; 1 test passes.", filesChanged: ["src/add.js", "test/add.test.js"] });
    expect(readFileSync(join(cwd, "src/add.js"), "utf8")).toBe(ADD);
    expect(server.requests.map((r) => r.turn)).toEqual([0, 1, 2]);
    expect(toolResults(server.requests[1]!).map((r) => r.content)).toEqual([
      `Wrote ${ADD.length} bytes to src/add.js`,
      `Wrote ${ADD_TEST.length} bytes to test/add.test.js`,
    ]);
    expect(server.requests[0]!.cwd).toBe(cwd);
    expect(JSON.stringify(server.requests[0]!.body)).toContain("add(a, b) returns a + b"); // the spec excerpt
    expect(toolNames(server.requests[0]!)).toEqual(["read_file", "write_file", "edit_file", "list_files", "search", "run_command"]);

    // Three responses of 100 input and 20 output tokens, at the model's list price.
    const perMillion = api === "anthropic" ? { input: 1, output: 5 } : { input: 2, output: 8 };
    expect(result.usage).toEqual({ inputTokens: 300, outputTokens: 60, costUsd: (300 * perMillion.input + 60 * perMillion.output) / 1e6 });
    expect(events.filter((e) => e.type === "tool").map((e) => e.type === "tool" && e.name)).toEqual(["write_file", "write_file", "run_command"]);
    expect(events.filter((e) => e.type === "usage").at(-1)).toEqual({ type: "usage", usage: result.usage });
    expect(result.raw).toEqual({ model: MODEL[api], turns: 3 });
  });

  it("retries a 429 after its retry-after with the same conversation, and finishes", async () => {
    const cwd = await project();
    let throttled = 0;
    const server = await serve((req) => {
      if (req.turn === 0) return { toolCalls: [{ id: "w1", name: "write_file", input: { path: "notes.md", content: "hi\n" } }] };
      if (req.turn === 1 && throttled++ === 0) return { status: 429, retryAfter: 1, message: "slow down" };
      return { text: "done" };
    });
    const result = await agentFor(api, server.url, { maxRetries: 2 }).run(makeTask(cwd), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "done", filesChanged: ["notes.md"] });
    expect(server.requests.map((r) => [r.turn, r.answer])).toEqual([[0, 200], [1, 429], [1, 200]]);
    const [, first, retry] = server.requests;
    expect(retry!.body).toEqual(first!.body); // nothing lost, nothing doubled
    expect(toolResults(retry!)).toEqual([{ id: "w1", content: "Wrote 3 bytes to notes.md", isError: false }]);
    expect(result.usage.inputTokens).toBe(200); // the 429 cost nothing
  });

  it("fails with the HTTP error once the SDK's retries are exhausted", async () => {
    const cwd = await project();
    const server = await serve(() => ({ status: 500, retryAfter: 0.05, message: "overloaded" }));
    const result = await agentFor(api, server.url, { maxRetries: 1 }).run(makeTask(cwd), makeContext().ctx);

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(new RegExp(`^${api}: HTTP 500 after 1 retries: .*overloaded`));
    expect(server.requests).toHaveLength(2);
  });

  it("sends tool errors for an unknown tool and invalid input, and the model recovers", async () => {
    const cwd = await project();
    const server = await serve((req) => {
      if (req.turn === 0) {
        return { toolCalls: [{ id: "u1", name: "delete_everything", input: {} }, { id: "b1", name: "write_file", input: { path: 5 } }] };
      }
      if (req.turn === 1) return { toolCalls: [{ id: "w1", name: "write_file", input: { path: "ok.txt", content: "ok" } }] };
      return { text: "recovered" };
    });
    const result = await agentFor(api, server.url).run(makeTask(cwd), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "recovered", filesChanged: ["ok.txt"] });
    const [unknown, invalid] = toolResults(server.requests[1]!);
    expect(unknown).toMatchObject({ id: "u1", isError: true, content: expect.stringContaining("Tool `delete_everything` does not exist") });
    expect(invalid).toMatchObject({ id: "b1", isError: true, content: expect.stringContaining("Invalid input for write_file") });
    expect(invalid!.content).toMatch(/expected string, received number/);
  });

  it("offers no tool that changes files to a read-only task, and refuses such a call", async () => {
    const cwd = await project();
    const server = await serve((req) =>
      req.turn === 0
        ? { toolCalls: [{ id: "w1", name: "write_file", input: { path: "x.txt", content: "x" } }] }
        : { text: "Finding: nothing to change." },
    );
    const result = await agentFor(api, server.url).run(makeTask(cwd, { readOnly: true, kind: "analyze" }), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "Finding: nothing to change.", filesChanged: [] });
    expect(toolNames(server.requests[0]!)).toEqual(["read_file", "list_files", "search"]);
    expect(toolResults(server.requests[1]!)[0]).toMatchObject({ isError: true, content: "Tool `write_file` is not allowed in a read-only task" });
    expect(existsSync(join(cwd, "x.txt"))).toBe(false);
  });

  it("fails after maxTurns responses without a final answer", async () => {
    const cwd = await project();
    const server = await serve(() => ({ toolCalls: [{ name: "list_files", input: {} }] }));
    const result = await agentFor(api, server.url, { maxTurns: 2 }).run(makeTask(cwd), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: `${api}: no final answer after 2 turns (\`${api}.maxTurns\`); its last response called list_files` });
    expect(server.requests).toHaveLength(2);
  });

  it("leaves no abort listener behind per request: a long conversation prints no MaxListenersExceededWarning", async () => {
    const cwd = await project();
    const server = await serve((req) => (req.turn < 14 ? { toolCalls: [{ name: "list_files", input: {} }] } : { text: "done" }));
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      const result = await agentFor(api, server.url).run(makeTask(cwd), makeContext().ctx);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
      expect(result).toMatchObject({ ok: true, summary: "done" });
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  });

  it("names where the key came from when the server answers 401: the config's apiKey, else the environment variable", async () => {
    const server = await serve(() => ({ status: 401, message: "invalid x-api-key" }));
    const configured = await agentFor(api, server.url).run(makeTask(await project()), makeContext().ctx);
    expect(configured).toMatchObject({ ok: false, nonRetryable: true });
    expect(configured.error).toBe(`${api}: HTTP 401: invalid x-api-key (check the API key, \`${api}.apiKey\` in orchestrate.config.yaml)`);

    const variable = api === "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
    const before = process.env[variable];
    process.env[variable] = "from-the-environment";
    try {
      const fromEnv = await agentFor(api, server.url, { apiKey: undefined }).run(makeTask(await project()), makeContext().ctx);
      expect(fromEnv.error).toBe(`${api}: HTTP 401: invalid x-api-key (check the API key, from ${variable})`);
    } finally {
      if (before === undefined) delete process.env[variable];
      else process.env[variable] = before;
    }
  });

  it("names the URL it asked and the options to check when the server answers 404 (a baseURL with /v1 twice)", async () => {
    const server = await serve(() => ({ text: "never" }));
    const base = api === "anthropic" ? `${server.url}/v1/` : `${server.url}/v1/v1`;
    const endpoint = api === "anthropic" ? `${server.url}/v1/v1/messages` : `${server.url}/v1/v1/chat/completions`;
    const result = await agentFor(api, server.url, { baseURL: base }).run(makeTask(await project()), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, nonRetryable: true });
    expect(result.error).toMatch(new RegExp(`^${api}: HTTP 404: .*no route`));
    expect(result.error).toContain(`(POST ${endpoint}: check \`${api}.baseURL\` and \`${api}.model\`)`);
  });

  it("asks again when a response is cut mid-stream, with the same conversation, and finishes", async () => {
    const cwd = await project();
    let cuts = 0;
    const server = await serve((req) => {
      if (req.turn === 0) return { toolCalls: [{ id: "w1", name: "write_file", input: { path: "a.txt", content: "a" } }] };
      return cuts++ === 0 ? { cut: true } : { text: "done after a cut" };
    });
    const { ctx, events } = makeContext();
    const result = await agentFor(api, server.url, { maxRetries: 1 }).run(makeTask(cwd), ctx);

    expect(result).toMatchObject({ ok: true, summary: "done after a cut", filesChanged: ["a.txt"] });
    expect(server.requests.map((r) => r.answer)).toEqual([200, "cut", 200]);
    expect(server.requests[2]!.body.messages).toEqual(server.requests[1]!.body.messages);
    expect(events).toContainEqual({ type: "progress", message: expect.stringMatching(new RegExp(`^${api}: the response was cut \\(.+\\); asking again, 1 of 1$`)) });
  });

  it("fails saying the response was cut once its retries are spent", async () => {
    const server = await serve(() => ({ cut: true }));
    const result = await agentFor(api, server.url, { maxRetries: 1 }).run(makeTask(await project()), makeContext().ctx);

    expect(result.ok).toBe(false);
    expect(result.nonRetryable).toBeUndefined();
    expect(result.error).toMatch(new RegExp(`^${api}: the response was cut 2 times: .+`));
    expect(server.requests.map((r) => r.answer)).toEqual(["cut", "cut"]);
  });

  it("fails with a clear message when there is no API key", async () => {
    const variable = api === "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
    const saved = process.env[variable];
    delete process.env[variable];
    try {
      const result = await agentFor(api, "http://127.0.0.1:9", { apiKey: undefined }).run(makeTask(await project()), makeContext().ctx);
      expect(result).toMatchObject({ ok: false, nonRetryable: true, error: expect.stringContaining(`${api}: no API key: set ${variable}`) });
    } finally {
      if (saved !== undefined) process.env[variable] = saved;
    }
  });
});

describe("openai agent and a compatible server", () => {
  it("says once, as a warning, when the server reports no usage, rather than counting 0 tokens in silence", async () => {
    const server = await serve((req) => (req.turn === 0 ? { toolCalls: [{ name: "list_files", input: {} }], usage: null } : { text: "done", usage: null }));
    const { ctx, events } = makeContext();
    const result = await agentFor("openai", server.url).run(makeTask(await project()), ctx);

    expect(result).toMatchObject({ ok: true, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    const warnings = events.filter((e) => e.type === "progress" && e.warning);
    expect(warnings).toEqual([{ type: "progress", warning: true, message: "openai: the server reported no token usage; tokens and cost are counted as 0, and budgets cannot see them" }]);
  });
  it("answers arguments that are not JSON with a tool error the model recovers from", async () => {
    const cwd = await project();
    const server = await serve((req) => {
      if (req.turn === 0) return { toolCalls: [{ id: "c1", name: "write_file", rawArguments: '{"path": "a.txt", "content": ' }] };
      if (req.turn === 1) {
        const [seen] = toolResults(req);
        if (!seen?.content.includes("Invalid JSON in the arguments of write_file")) return { text: `unexpected: ${seen?.content}` };
        return { toolCalls: [{ id: "c2", name: "write_file", input: { path: "a.txt", content: "fixed" } }] };
      }
      return { text: "written after a retry" };
    });
    const result = await agentFor("openai", server.url).run(makeTask(cwd), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "written after a retry", filesChanged: ["a.txt"] });
    expect(readFileSync(join(cwd, "a.txt"), "utf8")).toBe("fixed");
    const assistant = (server.requests[1]!.body.messages as Array<{ role: string; tool_calls?: unknown }>).find((m) => m.role === "assistant");
    expect(assistant?.tool_calls).toEqual([{ id: "c1", type: "function", function: { name: "write_file", arguments: '{"path": "a.txt", "content": ' } }]);
  });
});
