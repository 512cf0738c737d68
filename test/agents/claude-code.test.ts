import type { SDKMessage, SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import { describe, expect, it } from "vitest";
import { ClaudeStream, mapResult } from "../../src/agents/claude-code-messages.js";
import { compileClaudeCodeOptions, queryOptions } from "../../src/agents/claude-code-options.js";
import { createClaudeCodeAgent } from "../../src/agents/claude-code.js";
import type { AgentEvent } from "../../src/agents/types.js";
import { makeContext, makeTask } from "./helpers.js";

const extras = { abortController: new AbortController(), stderr: () => undefined };

describe("claude-code options", () => {
  it("fills in the defaults and rejects bad values with the key", () => {
    expect(compileClaudeCodeOptions()).toEqual({
      model: undefined,
      maxTurns: 30,
      permissionMode: "acceptEdits",
      allowedTools: [],
      disallowedTools: [],
      pathToClaudeCodeExecutable: undefined,
      env: {},
      continueSession: false,
      settingSources: [],
      sandbox: { mode: "bwrap", network: false, env: [], writable: [], readable: [], limits: { memoryMb: 8192, fileMb: 1024 } },
    });
    expect(() => compileClaudeCodeOptions({ maxTurns: 0 })).toThrow("Expected `claude-code.maxTurns` to be an integer from 1 up, got `0`");
    expect(() => compileClaudeCodeOptions({ permissionMode: "yolo" as never })).toThrow(/`claude-code.permissionMode` to be one of default/);
    expect(() => compileClaudeCodeOptions({ settingSources: ["global" as never] })).toThrow(/user, project, local/);
    expect(() => compileClaudeCodeOptions({ maxturns: 3 } as never)).toThrow("Unknown key `claude-code.maxturns`: did you mean `maxTurns`?");
    // The run's `sandbox` section, passed by the engine; through the library its deciding keys are checked.
    expect(() => compileClaudeCodeOptions({ sandbox: { mode: "bwarp" as never } })).toThrow("Expected `sandbox.mode` to be bwrap or none, got `bwarp` (string)");
    expect(() => compileClaudeCodeOptions({ sandbox: { network: "yes" as never } })).toThrow("Expected `sandbox.network` to be true or false, got `yes` (string)");
  });

  it("maps a task to query options: module prompt, MCP servers, their tools allowed", () => {
    const options = compileClaudeCodeOptions({ model: "sonnet", allowedTools: ["Bash(npm test:*)"], env: { ANTHROPIC_API_KEY: "k" } });
    const task = makeTask("/p", {
      mcpServers: {
        mem: { command: "node", args: ["mem.js"], env: { A: "1" } },
        docs: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { authorization: "Bearer t" } },
      },
    });
    const mapped = queryOptions(options, task, extras);

    expect(mapped).toMatchObject({
      cwd: "/p",
      model: "sonnet",
      maxTurns: 30,
      permissionMode: "acceptEdits",
      allowDangerouslySkipPermissions: false,
      allowedTools: ["Bash(npm test:*)", "mcp__mem", "mcp__docs"],
      disallowedTools: [],
      settingSources: [],
      persistSession: false,
      mcpServersDelivery: "initialize",
      mcpServers: {
        mem: { type: "stdio", command: "node", args: ["mem.js"], env: { A: "1" }, alwaysLoad: true },
        docs: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { authorization: "Bearer t" }, alwaysLoad: true },
      },
    });
    expect(mapped.tools).toBeUndefined();
    expect(mapped.resume).toBeUndefined();
    expect(mapped.env).toMatchObject({ ANTHROPIC_API_KEY: "k", PATH: process.env.PATH });
    const system = mapped.systemPrompt as { type: string; preset: string; append: string };
    expect(system).toMatchObject({ type: "preset", preset: "claude_code" });
    expect(system.append).toContain("`journal` (layer `core`), attempt 1, task: implement");
    expect(system.append).toContain("- src/journal.ts");
  });

  it("gives Claude Code the config's MCP connect limit as MCP_TIMEOUT, under the section's own env", () => {
    const task = makeTask("/p");
    expect(queryOptions(compileClaudeCodeOptions({ mcpConnectTimeoutMs: 90_000 }), task, extras).env).toMatchObject({ MCP_TIMEOUT: "90000" });
    expect(queryOptions(compileClaudeCodeOptions({ mcpConnectTimeoutMs: 90_000, env: { MCP_TIMEOUT: "5000" } }), task, extras).env).toMatchObject({ MCP_TIMEOUT: "5000" });
    expect(() => compileClaudeCodeOptions({ mcpConnectTimeoutMs: 0 })).toThrow("Expected `mcpConnectTimeoutMs` to be an integer from 1 up, got `0` (number)");
  });

  it("takes the write tools away from read-only tasks, whatever the permission mode", () => {
    const options = compileClaudeCodeOptions({ permissionMode: "bypassPermissions", disallowedTools: ["WebFetch"], continueSession: true });
    const mapped = queryOptions(options, makeTask("/p", { readOnly: true }), { ...extras, resume: "s-1" });

    expect(mapped).toMatchObject({ permissionMode: "bypassPermissions", allowDangerouslySkipPermissions: true, persistSession: true, resume: "s-1" });
    expect(mapped.tools).toEqual(["Read", "Grep", "Glob"]);
    expect(mapped.disallowedTools).toEqual(["WebFetch", "Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"]);
    expect((mapped.systemPrompt as { append: string }).append).toContain("read-only: do not change any file");
  });
});

const assistant = (id: string, block: object, usage = { input_tokens: 1_000_000, output_tokens: 1 }) =>
  ({ type: "assistant", parent_tool_use_id: null, session_id: "s-1", message: { id, model: "claude-sonnet-4-5", content: [block], usage } }) as unknown as SDKMessage;
const toolResult = (id: string, isError = false) =>
  ({ type: "user", session_id: "s-1", message: { role: "user", content: [{ type: "tool_result", tool_use_id: id, is_error: isError }] } }) as unknown as SDKMessage;

describe("claude-code message stream", () => {
  it("emits tool calls, one progress line per turn and cumulative usage; keeps files of successful edits", () => {
    const events: AgentEvent[] = [];
    const stream = new ClaudeStream("/p", (event) => events.push(event));
    const messages = [
      assistant("m1", { type: "tool_use", id: "t1", name: "Write", input: { file_path: "/p/src/a.ts" } }),
      assistant("m1", { type: "tool_use", id: "t2", name: "Edit", input: { file_path: "/p/src/b.ts" } }),
      toolResult("t1"),
      toolResult("t2", true),
      { type: "system", subtype: "permission_denied", tool_name: "Bash", message: "This command requires approval" } as unknown as SDKMessage,
      assistant("m2", { type: "text", text: "All   done.\nBye" }, { input_tokens: 1_000_000, output_tokens: 1_000_000 }),
      { type: "result", session_id: "s-1" } as unknown as SDKMessage,
    ];
    for (const message of messages) stream.onMessage(message);

    expect(events.filter((e) => e.type !== "usage")).toEqual([
      { type: "tool", name: "Write", input: { file_path: "/p/src/a.ts" } },
      { type: "tool", name: "Edit", input: { file_path: "/p/src/b.ts" } },
      { type: "progress", message: "denied Bash: This command requires approval" },
      { type: "progress", message: "turn 1: Write, Edit" },
      { type: "progress", message: 'turn 2: "All done. Bye"' },
    ]);
    // One usage event per new response; sonnet 4.5 costs $3 / $15 per million tokens.
    expect(events.filter((e) => e.type === "usage")).toEqual([
      { type: "usage", usage: { inputTokens: 1_000_000, outputTokens: 1, costUsd: 3.000015 } },
      { type: "usage", usage: { inputTokens: 2_000_000, outputTokens: 1_000_001, costUsd: 21.000015 } },
    ]);
    expect(stream.filesFromTools()).toEqual(["src/a.ts"]);
    expect(stream.sessionId).toBe("s-1");
    expect(stream.turns).toBe(2);
  });
});

const result = (fields: object) =>
  ({
    type: "result",
    subtype: "success",
    is_error: false,
    result: "",
    num_turns: 3,
    duration_ms: 1200,
    session_id: "s-1",
    total_cost_usd: 0.25,
    usage: { input_tokens: 900, output_tokens: 80 },
    errors: [],
    ...fields,
  }) as unknown as SDKResultMessage;

describe("claude-code result", () => {
  it("maps success, API errors and early stops", () => {
    expect(mapResult(result({ result: "  Done.\n", terminal_reason: "completed" }))).toEqual({
      ok: true,
      summary: "Done.",
      usage: { inputTokens: 900, outputTokens: 80, costUsd: 0.25 },
      raw: { sessionId: "s-1", numTurns: 3, durationMs: 1200, subtype: "success", terminalReason: "completed" },
    });
    expect(mapResult(result({ result: "x".repeat(5000) })).summary).toHaveLength(2003);
    expect(mapResult(result({ is_error: true, api_error_status: 529, result: "Overloaded" }))).toMatchObject({
      ok: false,
      error: "Claude Code ended with an API error (HTTP 529): Overloaded",
      raw: { apiErrorStatus: 529 },
    });
    // A wrong key or model: Claude Code's text names its own fix, the error adds ours.
    expect(mapResult(result({ is_error: true, api_error_status: 401, result: "Invalid API key · Fix external API key" })).error).toBe(
      "Claude Code ended with an API error (HTTP 401): Invalid API key · Fix external API key (check ANTHROPIC_API_KEY, in `claudeCode.env` of orchestrate.config.yaml or the environment, or log in with `claude`)",
    );
    expect(mapResult(result({ is_error: true, api_error_status: 404, result: "There's an issue with the selected model (x)." })).error).toBe(
      "Claude Code ended with an API error (HTTP 404): There's an issue with the selected model (x). (check `claudeCode.model` in orchestrate.config.yaml, and ANTHROPIC_BASE_URL if set)",
    );
    const stopped = { subtype: "error_max_turns", is_error: true, errors: ["Reached maximum number of turns (30)"] };
    const denials = [{ tool_name: "Bash", tool_use_id: "t1", tool_input: {} }];
    expect(mapResult(result({ ...stopped, permission_denials: denials }))).toMatchObject({
      ok: false,
      error: "Claude Code stopped (error_max_turns): Reached maximum number of turns (30)",
      raw: { subtype: "error_max_turns", permissionDenials: ["Bash"] },
    });
  });

  it("resolves as cancelled without starting Claude Code when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await createClaudeCodeAgent().run(makeTask("/nonexistent"), makeContext(controller.signal).ctx);
    expect(outcome).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
  });
});
