import { execFileSync } from "node:child_process";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { createAgentMcpServer } from "../../src/agent-mcp/agent-server.js";
import { agentServerConfig } from "../../src/agent-mcp/server-config.js";
import { openStore } from "../../src/run/project.js";
import { requireBuild } from "../helpers/build.js";
import { makeProject } from "../helpers/project.js";
import { call, clientOn, inProcess } from "./helpers.js";
import { EMPTY_PLAN } from "../store/helpers.js";

const RUN = "20260101-000000-abcd";

/** A temp project whose SQLite store holds run RUN with modules journal and ledger. */
function projectStore(): { root: string; store: Store } {
  const root = makeProject({});
  const store = openStore(root);
  store.createRun({ id: RUN, request: "implement system", plan: EMPTY_PLAN, options: "{}", modules: [{ moduleId: "journal", layer: "core" }, { moduleId: "ledger", layer: "core" }], at: 1 });
  return { root, store };
}

async function agentClient(moduleId = "journal") {
  const { root, store } = projectStore();
  const client = await inProcess(createAgentMcpServer(store, { root, runId: RUN, moduleId }, () => 1000));
  return { root, store, client };
}

describe("the agents' MCP server, in process over a real store", () => {
  it("offers the memory, todo and progress tools", async () => {
    const { client } = await agentClient();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["list_memories", "read_memory", "report_progress", "todo_read", "todo_write", "write_memory"]);
  });

  it("writes memories other tools and runs can read, tagged with the module and noted with the run", async () => {
    const { client, store } = await agentClient();
    const written = await call(client, "write_memory", { key: "decision/precision", content: "Amounts are integer cents.", tags: ["layer:core"] });
    expect(written.isError).toBe(false);
    // The reply does not echo the content back: a model pays for it again, and a client's 10 MB line limit would drop the connection.
    expect(written.structured).toEqual({ key: "decision/precision", tags: ["layer:core", "module:journal"], runId: RUN, chars: 26, createdAt: 1000, updatedAt: 1000 });

    const read = await call(client, "read_memory", { key: "decision/precision" });
    expect(read.structured).toMatchObject({ key: "decision/precision", content: "Amounts are integer cents.", tags: ["layer:core", "module:journal"], runId: RUN });
    expect(store.readMemory("decision/precision")?.content).toBe("Amounts are integer cents.");

    await call(client, "write_memory", { key: "note/other", content: "untagged" });
    const byTag = await call(client, "list_memories", { tag: "layer:core" });
    expect((byTag.structured?.memories as { key: string }[]).map((m) => m.key)).toEqual(["decision/precision"]);
    const all = await call(client, "list_memories", { limit: 1 });
    expect(all.structured?.memories).toHaveLength(1);
  });

  it("says, as a prompt does, that a memory comes from an isolated run whose work was never merged", async () => {
    const { client, store } = await agentClient();
    const other = "20251231-000000-dcba";
    store.createRun({ id: other, request: "implement system", plan: EMPTY_PLAN, options: "{}", modules: [{ moduleId: "ledger", layer: "core" }], at: 1 });
    store.setWorkspace({ runId: other, isolation: "worktree", branch: `orchestrate/${other}`, base: "0".repeat(40), at: 1 });
    store.appendEvent(other, "workspace", { type: "workspace", runId: other, isolation: "worktree", branch: `orchestrate/${other}`, head: "1".repeat(40) }, 2);
    store.setRunState(other, "failed", 3);
    store.writeMemory({ key: `run/${other}/ledger`, content: "ledger (layer core) done.", tags: ["module:ledger"], runId: other, at: 4 });
    store.writeMemory({ key: "note/shared", content: "ledger rounds half-even.", tags: ["module:ledger"], at: 5 });
    const note = `work not merged: run ${other} failed, so what it did is on branch orchestrate/${other} only, not in the code unless that branch was merged since`;
    expect((await call(client, "read_memory", { key: `run/${other}/ledger` })).structured).toMatchObject({ note });
    expect((await call(client, "read_memory", { query: "ledger done" })).structured).toMatchObject({ key: `run/${other}/ledger`, note });
    const listed = (await call(client, "list_memories", { module: "ledger" })).structured?.memories as { key: string; note?: string }[];
    expect(listed.map((m) => [m.key, m.note])).toEqual([["note/shared", undefined], [`run/${other}/ledger`, note]]);
  });

  it("says no more that the work was not merged once git has the run's head in HEAD (the user merged its branch by hand)", async () => {
    const { client, store, root } = await agentClient();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, encoding: "utf8" }).trim();
    git("init", "-q", "-b", "main");
    git("commit", "-q", "--allow-empty", "-m", "start");
    git("checkout", "-q", "-b", "orchestrate/other");
    git("commit", "-q", "--allow-empty", "-m", "the run's work");
    const head = git("rev-parse", "HEAD");
    git("checkout", "-q", "main");
    const other = "20251231-000000-dcba";
    store.createRun({ id: other, request: "implement system", plan: EMPTY_PLAN, options: "{}", modules: [{ moduleId: "ledger", layer: "core" }], at: 1 });
    store.setWorkspace({ runId: other, isolation: "worktree", branch: "orchestrate/other", base: "0".repeat(40), at: 1 });
    store.appendEvent(other, "workspace", { type: "workspace", runId: other, isolation: "worktree", branch: "orchestrate/other", head }, 2);
    store.setRunState(other, "done", 3);
    store.writeMemory({ key: `run/${other}/ledger`, content: "ledger (layer core) done.", tags: ["module:ledger"], runId: other, at: 4 });
    const noteOf = async () => ((await call(client, "read_memory", { key: `run/${other}/ledger` })).structured as { note?: string }).note;
    expect(await noteOf()).toMatch(/^work not merged: run \S+ ended without applying it/);
    git("merge", "-q", "--no-ff", "-m", "take it", "orchestrate/other");
    // The same server, a later call: before, the note stayed for good (the store's record was all it read).
    expect(await noteOf()).toBeUndefined();
    const listed = (await call(client, "list_memories", { module: "ledger" })).structured?.memories as { key: string; note?: string }[];
    expect(listed).toEqual([expect.not.objectContaining({ note: expect.anything() })]);
  });

  it("finds memories by the words of a query, best match first, with tag and module filters (issue 14)", async () => {
    const { client, store } = await agentClient();
    store.writeMemory({ key: "decision/amounts", content: "Ledger amounts are Decimal, rounded half-even.", tags: ["module:ledger", "layer:core"], at: 1 });
    store.writeMemory({ key: "note/journal", content: "Journal entries reference ledger accounts.", tags: ["module:journal", "layer:core"], at: 2 });
    store.writeMemory({ key: "note/weather", content: "Forecasts are cached.", at: 3 });
    const keys = async (args: Record<string, unknown>) => ((await call(client, "list_memories", args)).structured?.memories as { key: string }[]).map((m) => m.key);
    expect(await keys({ query: "decimal rounded" })).toEqual(["decision/amounts"]);
    expect((await keys({ query: "ledger" })).sort()).toEqual(["decision/amounts", "note/journal"]);
    expect(await keys({ query: "ledger", module: "journal" })).toEqual(["note/journal"]);
    expect(await keys({ query: "ledger", tag: "module:ledger" })).toEqual(["decision/amounts"]);
    expect(await keys({ module: "ledger" })).toEqual(["decision/amounts"]);
    expect(await keys({ query: "portfolio" })).toEqual([]);

    expect((await call(client, "read_memory", { query: "rounded half even" })).structured).toMatchObject({ key: "decision/amounts", content: "Ledger amounts are Decimal, rounded half-even." });
    expect(await call(client, "read_memory", { query: "portfolio" })).toMatchObject({ isError: true, text: expect.stringContaining("No memory matches `portfolio`") });
    expect(await call(client, "read_memory", { query: "*" })).toMatchObject({ isError: true, text: "No word to search for in `*` (letters or digits): read by `key`, or list them with list_memories" });
    expect(await call(client, "read_memory", {})).toMatchObject({ isError: true, text: expect.stringContaining("Expected `key` or `query` (one of them), got neither") });
    expect(await call(client, "read_memory", { key: "note/weather", query: "x" })).toMatchObject({ isError: true, text: expect.stringContaining("got both") });
  });

  it("answers an unknown key with an error result and goes on serving", async () => {
    const { client } = await agentClient();
    const missing = await call(client, "read_memory", { key: "nope" });
    expect(missing).toMatchObject({ isError: true, text: expect.stringContaining("No memory `nope`") });
    expect((await call(client, "todo_read")).isError).toBe(false);
  });

  it("replaces the calling module's todo list and leaves other modules' lists alone", async () => {
    const { client, store } = await agentClient("journal");
    store.writeTodos(RUN, "ledger", [{ content: "ledger work", status: "pending" }]);
    await call(client, "todo_write", { todos: [{ content: "parse entries", status: "completed" }, { content: "balance", status: "in_progress" }] });
    const second = await call(client, "todo_write", { todos: [{ content: "write tests", status: "pending" }] });
    expect(second.structured).toEqual({ todos: [{ content: "write tests", status: "pending" }] });

    expect((await call(client, "todo_read")).structured).toEqual({ todos: [{ content: "write tests", status: "pending" }] });
    expect(store.readTodos(RUN, "journal").map((t) => t.content)).toEqual(["write tests"]);
    expect(store.readTodos(RUN, "ledger").map((t) => t.content)).toEqual(["ledger work"]);
  });

  it("rejects a todo with an unknown status without storing anything", async () => {
    const { client, store } = await agentClient();
    const bad = await client.callTool({ name: "todo_write", arguments: { todos: [{ content: "x", status: "done" }] } }).catch((error: Error) => ({ isError: true, error }));
    expect(bad.isError).toBe(true);
    expect(store.readTodos(RUN, "journal")).toEqual([]);
  });

  it("records progress as an agent:progress event of the run and module", async () => {
    const { client, store } = await agentClient();
    await call(client, "report_progress", { message: "parsed the journal", percent: 40 });
    await call(client, "report_progress", { message: "thinking" });
    const events = store.getEvents(RUN).filter((e) => e.type === "agent:progress");
    expect(events).toEqual([
      expect.objectContaining({ runId: RUN, moduleId: "journal", at: 1000, data: { message: "parsed the journal", percent: 40 } }),
      expect.objectContaining({ moduleId: "journal", data: { message: "thinking" } }),
    ]);
  });
});

describe("agentServerConfig", () => {
  it("starts the built entry with this Node, the context in argv and env", () => {
    const config = agentServerConfig("/p", RUN, "journal");
    expect(config).toMatchObject({ type: "stdio", command: process.execPath, env: { ORCHESTRATE_PROJECT: "/p", ORCHESTRATE_RUN_ID: RUN, ORCHESTRATE_MODULE: "journal" } });
    const args = "args" in config ? (config.args ?? []) : [];
    expect(args[0]).toMatch(/[/\\]dist[/\\]agent-mcp[/\\]agent-server-main\.js$/);
    expect(args.slice(1)).toEqual(["--project", "/p", "--run", RUN, "--module", "journal"]);
  });

  it("serves a real client from its own process (the build in dist/), into the project's store", async () => {
    requireBuild();
    const { root, store } = projectStore();
    const config = agentServerConfig(root, RUN, "ledger");
    if (config.type !== "stdio") throw new Error("expected a stdio server");
    const client = await clientOn(new StdioClientTransport({ command: config.command, args: config.args ?? [], env: { ...(process.env as Record<string, string>), ...config.env }, stderr: "pipe" }));
    try {
      expect((await call(client, "write_memory", { key: "from/agent", content: "hello" })).isError).toBe(false);
      await call(client, "report_progress", { message: "halfway", percent: 50 });
    } finally {
      await client.close();
    }
    expect(store.readMemory("from/agent")).toMatchObject({ content: "hello", tags: ["module:ledger"], runId: RUN });
    expect(store.getEvents(RUN).find((e) => e.type === "agent:progress")).toMatchObject({ moduleId: "ledger", data: { message: "halfway", percent: 50 } });
  });
});
