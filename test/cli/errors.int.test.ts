import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";

describe("typed errors reach the user as one line", () => {
  it("a file where a folder is expected (--project, init's DIR): one line saying it is a file, exit 2, no stack", async () => {
    const { makeProject } = await import("../helpers/project.js");
    const file = join(makeProject({ "notes.txt": "x\n" }), "notes.txt");
    for (const args of [["plan", "implement system"], ["run", "implement system"], ["status"], ["check"]]) {
      const { code, stdout, stderr } = runCli([...args, "--project", file]);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`orchestrate: Expected the project (--project) to be a folder, got ${file}, which is a file\n`);
    }
    const init = runCli(["init", file]);
    expect(init.code).toBe(2);
    expect(init.stderr).toBe(`orchestrate: Expected DIR to be a folder (new or existing), got \`${file}\`, which is a file\n`);
  }, 60_000);

  it("a state database written by a newer orchestrate: one line naming the file, exit 2, no stack", () => {
    const root = exampleCopy("agent: simulate\n");
    expect(runCli(["run", "implement system", "--project", root]).code).toBe(0);
    const db = new Database(join(root, ".orchestrate/state.db"));
    db.pragma("user_version = 999");
    db.close();
    const { code, stderr } = runCli(["status", "--project", root]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^orchestrate: \S*state\.db: Expected a state database at schema version \d+ or older, got version 999: it was written by a newer orchestrate\n$/);
  }, 60_000);

  it("a missing memory is MEMORY_NOT_FOUND, a run that ended is RUN_ENDED: one meaning per code", async () => {
    const { RunError } = await import("../../src/errors.js");
    const { Orchestrator } = await import("../../src/run/orchestrator.js");
    const { MemoryStore } = await import("../../src/store/memory.js");
    const { createSimulateAgent } = await import("../../src/agents/simulate.js");
    const { makeProject } = await import("../helpers/project.js");
    const store = new MemoryStore();
    const { EMPTY_PLAN } = await import("../store/helpers.js");
    store.createRun({ id: "r1", request: "x", plan: EMPTY_PLAN, options: "{}", modules: [], at: 1 });
    store.setRunState("r1", "done", 2);
    const options = { agent: "simulate", concurrency: 1, retries: 0, timeoutMs: 1000, graceMs: 10, schedule: "ready" as const, simulate: {} };
    const error = await new Orchestrator({ root: makeProject({}), store, agent: createSimulateAgent(), options }).resume("r1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunError);
    expect((error as InstanceType<typeof RunError>).code).toBe("RUN_ENDED");
    expect((error as Error).message).toBe("Run r1 already ended (done); nothing to resume");
    // A failed run cannot be resumed: the message says what can be done instead.
    store.createRun({ id: "r2", request: "implement module/a", plan: EMPTY_PLAN, options: "{}", modules: [], at: 3 });
    store.setRunState("r2", "failed", 4);
    const failed = await new Orchestrator({ root: makeProject({}), store, agent: createSimulateAgent(), options }).resume("r2").catch((e: unknown) => e);
    expect((failed as Error).message).toBe('Run r2 already ended (failed); nothing to resume; start it again with `orchestrate run "implement module/a"`');
    const root = exampleCopy("agent: simulate\n");
    const missing = runCli(["memory", "show", "nope", "--project", root]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("orchestrate: No memory `nope` (see `orchestrate memory list`)\n");
  }, 60_000);

  it("a wrong .mcp.json: `check` says what `run` says, in one line with its line number, exit 2, before anything starts", () => {
    const root = exampleCopy("agent: simulate\n");
    writeFileSync(join(root, ".mcp.json"), JSON.stringify({ mcpServers: { docs: { type: "http", headers: { Authorization: "Bearer x" } } } }, null, 2));
    const expected = "orchestrate: .mcp.json:3: Expected `mcpServers.docs.url` to be a URL (an http server's address), got nothing\n";
    for (const args of [["check"], ["run", "implement module/money"]]) {
      const { code, stderr } = runCli([...args, "--project", root]);
      expect({ code, stderr }).toEqual({ code: 2, stderr: expected });
    }
    expect(existsSync(join(root, ".orchestrate", "state.db"))).toBe(false);
  }, 60_000);
});
