import { existsSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentTask } from "../../src/agents/types.js";
import { rememberServer, setup, toolNames, toolResults } from "./claude-code-helpers.js";
import { gitSync, makeContext, makeTask, tempDir } from "./helpers.js";
import { notesMcpServer } from "./notes-mcp-http.js";

// The real Claude Code binary bundled with the Agent SDK, against a scripted fake Messages API.

const httpServers: Server[] = [];
afterEach(() => {
  for (const http of httpServers.splice(0)) {
    http.closeAllConnections();
    http.close();
  }
});

const JOURNAL = "export const entries = [];\nexport function add(text) { entries.push(text); return entries.length; }\n";
const JOURNAL_TEST = [
  'import { test } from "node:test";',
  'import assert from "node:assert";',
  'import { add } from "./journal.mjs";',
  'test("add counts entries", () => assert.strictEqual(add("a"), 1));',
  "",
].join("\n");

describe("claude-code agent (real Claude Code binary)", () => {
  it("implements a module: writes files, runs its test, ends with a summary", async () => {
    const { fake, agent, cwd } = await setup(
      (req) => {
        if (req.turn === 0) {
          return {
            tools: [
              { name: "Write", input: { file_path: `${req.cwd}/src/journal.mjs`, content: JOURNAL } },
              { name: "Write", input: { file_path: `${req.cwd}/src/journal.test.mjs`, content: JOURNAL_TEST } },
            ],
          };
        }
        if (req.turn === 1) return { tools: [{ name: "Bash", input: { command: "node --test src/journal.test.mjs", description: "Run the test" } }] };
        return { text: "Implemented the journal module; its test passes." };
      },
      { allowedTools: ["Bash(node --test:*)"] },
    );
    gitSync(cwd, "init", "-q");
    gitSync(cwd, "commit", "-q", "--allow-empty", "-m", "start");
    const task = makeTask(cwd, { files: ["src/journal.mjs", "src/journal.test.mjs"] });
    const { ctx, events } = makeContext();
    const result = await agent.run(task, ctx);

    expect(result).toMatchObject({ ok: true, summary: "Implemented the journal module; its test passes." });
    expect(readFileSync(join(cwd, "src/journal.mjs"), "utf8")).toBe(JOURNAL);
    expect(result.filesChanged).toEqual(["src/journal.mjs", "src/journal.test.mjs"]);
    expect(toolResults(fake.requests[2]!).join()).toMatch(/pass 1/);
    expect(JSON.stringify(fake.requests[0]!.body.system)).toContain("`journal` (layer `core`)");
    expect(result.raw).toMatchObject({ subtype: "success", terminalReason: "completed" });
    // Claude Code's own count, which here says 4 for 3 model responses.
    expect((result.raw as { numTurns: number }).numTurns).toBeGreaterThanOrEqual(3);
    expect((result.raw as { sessionId: string }).sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.usage).toMatchObject({ inputTokens: 300, outputTokens: 60 });
    expect(result.usage.costUsd).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "tool").map((e) => e.type === "tool" && e.name)).toEqual(["Write", "Write", "Bash"]);
    const progress = events.flatMap((e) => (e.type === "progress" ? [e.message] : []));
    expect(progress.slice(1)).toEqual(["turn 1: Write, Write", "turn 2: Bash", 'turn 3: "Implemented the journal module; its test passes."']);
    const inputs = events.flatMap((e) => (e.type === "usage" ? [e.usage.inputTokens] : []));
    expect(inputs).toEqual([...inputs].sort((a, b) => a - b)); // cumulative

    expect(events.at(-1)).toEqual({ type: "usage", usage: result.usage });
  }, 30_000);

  it("calls a tool of a stdio MCP server from the task and sends its result back", async () => {
    const memory = join(await tempDir(), "memory.txt");
    const { fake, agent, cwd } = await setup((req) => {
      if (req.turn === 0) {
        return {
          tools: [
            { name: "mcp__mem__remember", input: { fact: "orders are immutable" } },
            { name: "Write", input: { file_path: `${req.cwd}/notes.md`, content: "# notes\n" } },
          ],
        };
      }
      return { text: "Stored the fact." };
    });
    const result = await agent.run(makeTask(cwd, { mcpServers: { mem: await rememberServer(memory) } }), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "Stored the fact.", filesChanged: ["notes.md"] });
    expect(readFileSync(memory, "utf8")).toBe("orders are immutable\n");
    expect(toolNames(fake.requests[0]!)).toContain("mcp__mem__remember");
    expect(toolResults(fake.requests[1]!).join()).toContain("remembered: orders are immutable");
  }, 30_000);

  it("fails the attempt when a stdio MCP server of the task crashes on start (Claude Code would go on without it)", async () => {
    const { agent, cwd } = await setup(() => ({ text: "Done without the server." }));
    const crashing = { command: process.execPath, args: ["-e", "console.error('no database'); process.exit(3)"] };
    const result = await agent.run(makeTask(cwd, { mcpServers: { notes_db: crashing } }), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, nonRetryable: true });
    expect(result.error).toMatch(/^claude-code: MCP server `notes_db` \(\S+node -e console\.error\('no database'\); process\.exit\(3\)\) failed to start or connect, so the attempt was stopped; /);
  }, 30_000);

  it("fails with the API's error when the model endpoint answers 500", async () => {
    const { agent, cwd } = await setup(() => ({ status: 500, message: "the fake is down" }));
    const result = await agent.run(makeTask(cwd), makeContext().ctx);

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Claude Code ended with an API error \(HTTP 500\): .*the fake is down/);
    expect(result.raw).toMatchObject({ apiErrorStatus: 500, terminalReason: "api_error" });
  }, 30_000);

  it("resolves as cancelled soon after the signal aborts mid-run", async () => {
    let arrived!: () => void;
    const hanging = new Promise<void>((resolve) => (arrived = resolve));
    const { fake, agent, cwd } = await setup(() => {
      arrived();
      return { hang: true };
    });
    const controller = new AbortController();
    const running = agent.run(makeTask(cwd), makeContext(controller.signal).ctx);
    await hanging;
    const abortedAt = Date.now();
    controller.abort();
    const result = await running;

    expect(result).toMatchObject({ ok: false, cancelled: true, error: "cancelled" });
    expect(Date.now() - abortedAt).toBeLessThan(1500);
    await expect.poll(() => fake.openHangs(), { timeout: 1000 }).toBe(0); // Claude Code hung up: it has exited
  }, 30_000);

  it("fails with `timed out after X (the setting)` when the attempt outlives task.timeoutMs", async () => {
    const { agent, cwd } = await setup(() => ({ hang: true }));
    const result = await agent.run(makeTask(cwd, { timeoutMs: 2000 }), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, error: "timed out after 2 s (timeoutMs in orchestrate.config.yaml, or --timeout MS)" });
    expect(result.cancelled).toBeUndefined();
  }, 30_000);

  it("keeps a read-only task from writing: no write tools are offered or run", async () => {
    const { fake, agent, cwd } = await setup(
      (req) => {
        if (req.turn === 0) return { tools: [{ name: "Write", input: { file_path: `${req.cwd}/evil.txt`, content: "x" } }] };
        if (req.turn === 1) return { tools: [{ name: "Bash", input: { command: "touch evil2.txt" } }] };
        return { text: "The module looks fine." };
      },
      { permissionMode: "bypassPermissions" },
    );
    const result = await agent.run(makeTask(cwd, { kind: "analyze", readOnly: true }), makeContext().ctx);

    expect(result).toMatchObject({ ok: true, summary: "The module looks fine.", filesChanged: [] });
    // Even with bypassPermissions: the write tools are gone, not merely denied.
    expect(toolNames(fake.requests[0]!).sort()).toEqual(["Glob", "Grep", "Read"]);
    expect(toolResults(fake.requests[1]!).join()).toContain("No such tool available: Write");
    expect(toolResults(fake.requests[2]!).join()).toContain("No such tool available: Bash");
    expect(existsSync(join(cwd, "evil.txt")) || existsSync(join(cwd, "evil2.txt"))).toBe(false);
  }, 30_000);

  it("with continueSession, resumes the previous attempt's Claude session on a retry", async () => {
    const { fake, agent, cwd } = await setup(
      (req) => {
        if (req.turn === 0) return { tools: [{ name: "Write", input: { file_path: `${req.cwd}/a.txt`, content: "one\n" } }] };
        return { text: req.turn === 1 ? "first attempt done" : "second attempt done" };
      },
      { continueSession: true },
    );
    const first = await agent.run(makeTask(cwd, { prompt: "Implement journal." }), makeContext().ctx);
    const retry: Partial<AgentTask> = { attempt: 2, prompt: "The tests failed; fix journal." };
    const second = await agent.run(makeTask(cwd, retry), makeContext().ctx);

    const firstSession = (first.raw as { sessionId: string }).sessionId;
    expect(second).toMatchObject({ ok: true, summary: "second attempt done", raw: { resumed: firstSession } });
    const resumed = JSON.stringify(fake.requests[2]!.body.messages);
    expect(fake.requests[2]!.turn).toBe(2);
    expect(resumed).toContain("Implement journal.");
    expect(resumed).toContain("first attempt done");
    expect(resumed).toContain("The tests failed; fix journal.");
  }, 40_000);

  it("gives the model an HTTP MCP server's tools in its first request, not behind a tool search, and calls them", async () => {
    const url = await notesMcpServer(httpServers);
    const { fake, agent, cwd } = await setup((req) =>
      req.turn === 0 ? { tools: [{ name: "mcp__notes__note", input: { text: "hello" } }] } : { text: toolResults(req).join() },
    );
    const result = await agent.run(makeTask(cwd, { mcpServers: { notes: { type: "http", url } } }), makeContext().ctx);

    expect(toolNames(fake.requests[0]!)).toContain("mcp__notes__note");
    expect(result).toMatchObject({ ok: true, summary: expect.stringContaining("noted: hello") });
  }, 40_000);

  it("with continueSession, a retry in another folder (a new worktree) is told its session's folder is gone and where it works now", async () => {
    const { fake, agent, cwd } = await setup((req) => (req.turn === 0 ? { tools: [{ name: "Write", input: { file_path: `${req.cwd}/a.txt`, content: "one\n" } }] } : { text: "done" }), { continueSession: true });
    const next = await tempDir();
    await agent.run(makeTask(cwd, { prompt: "Implement journal." }), makeContext().ctx);
    const second = await agent.run(makeTask(next, { attempt: 2, prompt: "The tests failed; fix journal." }), makeContext().ctx);

    expect(second).toMatchObject({ ok: true, raw: { resumed: expect.any(String) } });
    const asked = JSON.stringify(fake.requests[2]!.body.messages.at(-1));
    expect(asked).toContain(`This attempt works in a new folder: ${next}. The folder your earlier messages in this session used, ${cwd}, is gone`);
    expect(asked).toContain("The tests failed; fix journal.");
  }, 40_000);

  it("with continueSession, starts a new session when the previous one cannot be resumed", async () => {
    const home = await tempDir();
    const { fake, agent, cwd } = await setup((req) => ({ text: `answer at turn ${req.turn}` }), {
      continueSession: true,
      env: { HOME: home, CLAUDE_CONFIG_DIR: join(home, ".claude") },
    });
    await agent.run(makeTask(cwd), makeContext().ctx);
    await rm(join(home, ".claude", "projects"), { recursive: true, force: true });
    const { ctx, events } = makeContext();
    const second = await agent.run(makeTask(cwd, { attempt: 2 }), ctx);

    expect(second).toMatchObject({ ok: true, summary: "answer at turn 0" });
    expect(events).toContainEqual({ type: "progress", message: expect.stringMatching(/could not resume session .*No conversation found/) });
    expect(fake.requests.map((r) => r.turn)).toEqual([0, 0]);
  }, 40_000);

  it("fails with a clear error when the Claude Code executable is missing", async () => {
    const { agent, cwd } = await setup(() => ({ text: "unused" }), { pathToClaudeCodeExecutable: "/nonexistent/claude" });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Claude Code failed: .*\/nonexistent\/claude/);
  }, 30_000);

  it("fails with the exit and the stderr tail when the Claude Code process crashes", async () => {
    const crashing = join(await tempDir(), "claude");
    await writeFile(crashing, "#!/bin/sh\necho 'boom: config is broken' >&2\nexit 3\n", { mode: 0o755 });
    const { agent, cwd } = await setup(() => ({ text: "unused" }), { pathToClaudeCodeExecutable: crashing });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Claude Code failed: .*exited with code 3/);
    expect(result.error).toContain("boom: config is broken");
  }, 30_000);
});
