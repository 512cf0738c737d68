import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake, type FakeRequest } from "../helpers/claude-fake.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import type { ScriptRequest } from "../helpers/model-server.js";
import {
  closeAfterTest,
  events,
  hintServerScript,
  jsProject,
  moduleOf,
  runCliAsync,
  scratchDir,
  serveModel,
  sourceOf,
  status,
  testOf,
  toolNames,
  toolResults,
  writeModuleCalls,
} from "./helpers.js";

// The CLI as a user runs it (the built bin, its own process), on a temp project, with each
// agent talking to a real protocol fake on 127.0.0.1: no mocks between the engine and the wire.

const RUN = (root: string) => ["run", "implement system", "--project", root];
const ORCHESTRATE_TOOLS = ["write_memory", "read_memory", "list_memories", "todo_write", "todo_read", "report_progress"].map((t) => `mcp__orchestrate__${t}`);

/** A request's tool results must all have succeeded; says which did not otherwise. */
function okResults(req: ScriptRequest): string[] {
  const results = toolResults(req);
  expect(results.filter((r) => r.isError).map((r) => r.content)).toEqual([]);
  return results.map((r) => r.content);
}

describe("agents end to end through the CLI, offline", () => {
  it("anthropic: the model writes the module and its test, runs them, ends; gate, status, usage and CHANGELOG follow", async () => {
    const server = await serveModel((req) => {
      if (req.turn === 0) return { text: "Writing add and its test.", toolCalls: writeModuleCalls("add") };
      if (req.turn === 1) return { toolCalls: [{ name: "run_command", input: { command: "node --test test/" } }] };
      const passed = /# pass 1/.test(toolResults(req)[0]?.content ?? "");
      return { text: passed ? "Implemented add; 1 test passes." : "Tests failed." };
    });
    const root = jsProject({
      config: `agent: anthropic\nretries: 0\nanthropic: { model: claude-haiku-4-5-20251001, baseURL: "${server.url}", maxRetries: 1 }\n`,
    });

    const run = await runCliAsync(RUN(root), { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/add: done \(tests 1\/1\)/);

    expect(server.requests.map((r) => [r.api, r.turn, r.answer])).toEqual([["anthropic", 0, 200], ["anthropic", 1, 200], ["anthropic", 2, 200]]);
    const first = server.requests[0]!;
    // The key from the environment; SDK versions differ on the header that carries it.
    expect(String(first.headers["x-api-key"] ?? first.headers.authorization)).toMatch(/^(Bearer )?dummy$/);
    expect(first.cwd).toBe(root);
    expect(first.body.model).toBe("claude-haiku-4-5-20251001");
    expect(JSON.stringify(first.body.system)).toContain("`add(a, b)` returns a + b"); // the module's spec reached the model
    // Workspace tools, and orchestrate's own MCP server, attached by the engine to every attempt.
    expect(toolNames(first)).toEqual(["read_file", "write_file", "edit_file", "list_files", "search", "run_command", ...ORCHESTRATE_TOOLS]);
    expect(okResults(server.requests[1]!)).toEqual([`Wrote ${sourceOf("add").length} bytes to src/add.js`, `Wrote ${testOf("add").length} bytes to test/add.test.js`]);
    expect(okResults(server.requests[2]!)[0]).toMatch(/exit code 0[\s\S]*# pass 1/);
    expect(readFileSync(join(root, "src/add.js"), "utf8")).toBe(sourceOf("add"));

    const s = status(root);
    expect(s.state).toBe("done");
    expect(s.modules.map((m) => [m.id, m.state])).toEqual([["add", "done"]]);
    const [attempt] = s.modules[0]!.attempts;
    expect(attempt).toMatchObject({ n: 1, state: "done", gates: "tests 1/1" });
    // Three responses of 100 input and 20 output tokens at claude-haiku-4-5's $1 / $5 per million.
    expect(attempt!.usage).toMatchObject({ inputTokens: 300, outputTokens: 60 });
    expect(attempt!.usage.costUsd).toBeCloseTo((300 * 1 + 60 * 5) / 1e6, 10);
    const output = runCli(["status", "--output", "add", "--project", root]).stdout;
    expect(output).toContain("Implemented add; 1 test passes.");
    expect(output).toMatch(/## Files changed\n- src\/add\.js\n- test\/add\.test\.js/);

    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toMatch(/## \[Unreleased\]\n\n### Added\n\n- \*\*add\*\* \(core\): .*Tests 1\/1\./);
  }, 40_000);

  it("openai: a 429 with retry-after on the first request is waited out and retried; the run finishes", async () => {
    let throttled = false;
    const server = await serveModel((req) => {
      if (!throttled) {
        throttled = true;
        return { status: 429, retryAfter: 1, message: "rate limited, slow down" };
      }
      if (req.turn === 0) return { toolCalls: writeModuleCalls("add") };
      if (req.turn === 1) return { toolCalls: [{ name: "run_command", input: { command: "node --test test/" } }] };
      return { text: "Implemented add with gpt; tests pass." };
    });
    // The SDK appends `/chat/completions` to the base URL, so an OpenAI-compatible base ends in /v1.
    const root = jsProject({
      config: `agent: openai\nretries: 0\nopenai: { model: gpt-4.1-mini, baseURL: "${server.url}/v1", maxRetries: 1 }\n`,
    });

    const started = Date.now();
    const run = await runCliAsync(RUN(root), { env: { OPENAI_API_KEY: "dummy" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    expect(server.requests.map((r) => [r.api, r.turn, r.answer])).toEqual([["openai", 0, 429], ["openai", 0, 200], ["openai", 1, 200], ["openai", 2, 200]]);
    const [throttledRequest, retry] = server.requests;
    expect(retry!.body).toEqual(throttledRequest!.body); // the same request again, nothing lost
    expect(retry!.headers.authorization).toBe("Bearer dummy");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // retry-after: 1 was honoured
    expect(okResults(server.requests[3]!)[0]).toMatch(/exit code 0[\s\S]*# pass 1/);

    const s = status(root);
    expect(s.state).toBe("done");
    const add = s.modules[0]!;
    expect(add).toMatchObject({ id: "add", state: "done" });
    expect(add.attempts).toHaveLength(1); // retried inside the attempt, not as a new attempt
    expect(add.attempts[0]).toMatchObject({ state: "done", gates: "tests 1/1", usage: { inputTokens: 300, outputTokens: 60 } });
    // The 429 cost nothing; gpt-4.1-mini at $0.40 / $1.60 per million.
    expect(add.attempts[0]!.usage.costUsd).toBeCloseTo((300 * 0.4 + 60 * 1.6) / 1e6, 10);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toMatch(/### Added\n\n- \*\*add\*\* \(core\): /);
  }, 40_000);

  it("MCP: orchestrate's own server (memory, progress) and a project server from .mcp.json reach the model's tool calls", async () => {
    const hintLog = join(scratchDir(), "hints.log");
    const server = await serveModel((req) => {
      if (req.turn === 0) {
        return {
          toolCalls: [
            { name: "mcp__orchestrate__write_memory", input: { key: "notes/add", content: "add() is pure: no state, tested with node --test." } },
            { name: "mcp__orchestrate__report_progress", input: { message: "writing add and its test", percent: 50 } },
            { name: "mcp__hints__hint", input: { topic: "add" } },
            ...writeModuleCalls("add"),
          ],
        };
      }
      return { text: "Implemented add; wrote a note for the next module." };
    });
    const mcpJson = { mcpServers: { hints: { command: process.execPath, args: [hintServerScript()], env: { HINT_LOG: hintLog } } } };
    const root = jsProject({
      config: `agent: anthropic\nretries: 0\nanthropic: { model: claude-haiku-4-5-20251001, baseURL: "${server.url}", maxRetries: 1 }\n`,
      files: { ".mcp.json": JSON.stringify(mcpJson, null, 2) },
    });

    const run = await runCliAsync(RUN(root), { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    expect(toolNames(server.requests[0]!)).toEqual(expect.arrayContaining([...ORCHESTRATE_TOOLS, "mcp__hints__hint"]));
    const [memory, progress, hint] = okResults(server.requests[1]!);
    expect(JSON.parse(memory!)).toMatchObject({ key: "notes/add", tags: ["module:add"] });
    expect(JSON.parse(progress!)).toEqual({ recorded: true });
    expect(hint).toBe("hint for add: keep it pure");
    expect(readFileSync(hintLog, "utf8")).toBe("add\n"); // the project's server really ran the call

    const shown = await cliHere(["memory", "show", "notes/add", "--project", root, "--json"]);
    expect(shown.code).toBe(0);
    const note = JSON.parse(shown.stdout) as { key: string; content: string; tags: string[]; runId?: string };
    const { runId } = status(root);
    expect(note).toMatchObject({ key: "notes/add", content: "add() is pure: no state, tested with node --test.", tags: ["module:add"], runId });

    const reported = events(root, runId).filter((e) => e.type === "agent:progress");
    expect(reported.map((e) => [e.module_id, JSON.parse(e.data) as unknown])).toEqual([["add", { message: "writing add and its test", percent: 50 }]]);
    expect(status(root).modules[0]).toMatchObject({ id: "add", state: "done" });
  }, 40_000);

  it("budget: large usage stops the run; modules not started stay pending and status shows the spend", async () => {
    const server = await serveModel((req) => {
      const id = moduleOf(req);
      const usage = { input: 600_000, output: 10 };
      if (req.turn === 0) return { toolCalls: writeModuleCalls(id), usage };
      return { text: `Implemented ${id}.`, usage };
    });
    const root = jsProject({
      modules: ["add", "sum", "plus"],
      config: [
        "agent: anthropic",
        "concurrency: 1",
        "retries: 0",
        `anthropic: { model: claude-haiku-4-5-20251001, baseURL: "${server.url}", maxRetries: 1 }`,
        "budget: { maxTokens: 1000000 }",
        "",
      ].join("\n"),
    });

    const run = await runCliAsync(RUN(root), { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Why: budget of the run reached: spent 1200020 tokens of 1000000");

    // Over budget during the first module's second response: that attempt finishes (onExceeded: finish), nothing else starts.
    const modulesAsked = new Set(server.requests.map(moduleOf));
    expect(modulesAsked.size).toBe(1);
    expect(server.requests).toHaveLength(2);
    const s = status(root);
    expect(s.state).toBe("budget_exceeded");
    const [first] = [...modulesAsked];
    const done = s.modules.filter((m) => m.state === "done");
    expect(done.map((m) => m.id)).toEqual([first]);
    expect(done[0]!.usage).toMatchObject({ inputTokens: 1_200_000, outputTokens: 20 });
    const others = s.modules.filter((m) => m.id !== first);
    expect(others.map((m) => [m.state, m.attempts.length])).toEqual([["pending", 0], ["pending", 0]]);
    for (const m of others) expect(existsSync(join(root, `src/${m.id}.js`))).toBe(false);

    const text = await cliHere(["status", "--project", root]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/budget_exceeded/);
    // 1.2M input at $1 and 20 output at $5 per million.
    expect(text.stdout).toMatch(/Totals +3 modules: 1 done, 0 failed, 0 blocked, 2 pending; 1 attempt; 1,200,020 tokens, \$1\.20\n/);
  }, 40_000);

  it("claude-code: the real Claude Code binary writes the module, runs its test, ends; gate passes, session recorded", async () => {
    const fake = closeAfterTest(
      await startClaudeFake((req: FakeRequest) => {
        if (req.turn === 0) {
          return {
            tools: [
              { name: "Write", input: { file_path: `${req.cwd}/src/add.js`, content: sourceOf("add") } },
              { name: "Write", input: { file_path: `${req.cwd}/test/add.test.js`, content: testOf("add") } },
              { name: "mcp__orchestrate__write_memory", input: { key: "notes/add-cc", content: "written through Claude Code" } },
            ],
          };
        }
        if (req.turn === 1) return { tools: [{ name: "Bash", input: { command: "node --test test/", description: "Run the tests" } }] };
        return { text: "Implemented add with Claude Code; 1 test passes." };
      }),
    );
    const root = jsProject({
      config: "agent: claude-code\nretries: 0\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 8 }\n",
    });

    const run = await runCliAsync(RUN(root), { env: claudeEnv(fake.url, scratchDir()) });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    expect(fake.requests.map((r) => [r.turn, r.answer])).toEqual([[0, 200], [1, 200], [2, 200]]);
    expect(fake.requests[0]!.cwd).toBe(root);
    const offered = (fake.requests[0]!.body.tools as Array<{ name: string }>).map((t) => t.name);
    expect(offered).toEqual(expect.arrayContaining(["Write", "Bash", ...ORCHESTRATE_TOOLS]));
    const bash = JSON.stringify(fake.requests[2]!.body.messages.at(-1));
    expect(bash).toMatch(/# pass 1/);
    expect(readFileSync(join(root, "src/add.js"), "utf8")).toBe(sourceOf("add"));

    const s = status(root);
    expect(s.state).toBe("done");
    const attempt = s.modules[0]!.attempts[0]!;
    expect(s.modules[0]).toMatchObject({ id: "add", state: "done" });
    expect(attempt).toMatchObject({ state: "done", gates: "tests 1/1", usage: { inputTokens: 300, outputTokens: 60 } });
    expect(attempt.usage.costUsd).toBeGreaterThan(0); // Claude Code's own price table
    const output = (await cliHere(["status", "--output", "add", "--attempt", "1", "--project", root])).stdout;
    expect(output).toContain("Implemented add with Claude Code; 1 test passes.");
    const raw = /## Raw\n```json\n([\s\S]*?)\n```/.exec(output)?.[1];
    expect(raw).toBeDefined();
    expect(JSON.parse(raw!)).toMatchObject({ sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), subtype: "success" });

    const note = JSON.parse((await cliHere(["memory", "show", "notes/add-cc", "--project", root, "--json"])).stdout) as { tags: string[] };
    expect(note.tags).toEqual(["module:add"]);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toMatch(/### Added\n\n- \*\*add\*\* \(core\): /);
  }, 40_000);
});
