import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { call, eventually } from "./helpers.js";
import { exampleProject, stdioClient } from "./process.js";

interface Status {
  runId: string;
  state: string;
  live: boolean;
  modules: { id: string; state: string }[];
}

const TOOLS = ["cancel", "delete_memory", "list_memories", "plan", "read_memory", "report", "resume", "run", "status", "write_memory"];
const SLOW = "agent: simulate\nconcurrency: 1\ngraceMs: 0\nsimulate:\n  latencyMs: 400\n";

/** A bound for a whole run of the example under a loaded CI machine (quiet: 3-8 s), not a benchmark. */
const RUN_MS = 100_000;

/** Polls `status` until the run reaches `state`; a run that failed fails the wait at once, saying which modules. */
function statusWhen(client: Client, runId: string, state: string): Promise<Status> {
  return eventually(async () => {
    const status = (await call(client, "status", { runId })).structured as unknown as Status;
    if (status.state === "failed" && state !== "failed") {
      throw new Error(`run ${runId} failed, not ${state}: ${JSON.stringify(status.modules)}`);
    }
    return status.state === state ? status : undefined;
  }, RUN_MS);
}

describe("orchestrate mcp over stdio, on a copy of the example project", () => {
  let project: ReturnType<typeof exampleProject>;
  let client: Client;
  let stderr: () => string;

  beforeAll(async () => {
    project = exampleProject();
    ({ client, stderr } = await stdioClient(project.root));
  });
  afterAll(async () => {
    await client?.close();
    project?.remove();
  });

  it("lists orchestrate's tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
  });

  it("plans: the plan JSON as text and as structured content", async () => {
    const plan = await call(client, "plan", { request: "implement system" });
    expect(plan.isError).toBe(false);
    expect(JSON.parse(plan.text)).toEqual(plan.structured);
    expect(plan.structured).toMatchObject({ request: "implement system", analysis: { type: "implement", scope: { kind: "system" } } });
    expect(plan.structured?.modules).toHaveLength(10);
    expect((plan.structured?.waves as string[][])[0]).toEqual(["errors"]);
  });

  it("answers a bad request with an error result and keeps serving", async () => {
    const bad = await call(client, "plan", { request: "implement module/nope" });
    expect(bad).toMatchObject({ isError: true, text: expect.stringMatching(/nope/) });
    expect((await call(client, "status", { runId: "no-such-run" })).text).toMatch(/No run `no-such-run`/);
    expect((await call(client, "cancel", { runId: "no-such-run" })).text).toMatch(/not live in this server/);
    expect((await call(client, "resume", { runId: "no-such-run" })).text).toMatch(/No run `no-such-run`/);
    expect((await call(client, "resume", { runId: "no-such-run", local: true })).text).toMatch(/No run `no-such-run`/);
    expect((await call(client, "plan", { request: "implement system" })).isError).toBe(false);
  });

  it("reads a log only inside the project: the plan quotes it, so a client could read any file", async () => {
    const outside = mkdtempSync(join(tmpdir(), "orchestrate-outside-"));
    try {
      const trace = 'Traceback (most recent call last):\n  File "ledger/core/journal.py", line 3, in post\nValueError: OUTSIDE-SECRET\n';
      writeFileSync(join(outside, "crash.log"), trace);
      mkdirSync(join(project.root, "logs"), { recursive: true });
      symlinkSync(join(outside, "crash.log"), join(project.root, "logs", "linked.log"));
      writeFileSync(join(project.root, "logs", "inside.log"), trace.replace("OUTSIDE-SECRET", "inside"));
      for (const args of [{ request: "debug journal", log: join(outside, "crash.log") }, { request: "debug journal", log: "logs/linked.log" }, { request: `debug the crash in ${join(outside, "crash.log")}` }]) {
        const refused = await call(client, "plan", args);
        expect(refused).toMatchObject({ isError: true, text: expect.stringMatching(/expected a file inside the project/) });
        expect(refused.text).not.toContain("OUTSIDE-SECRET");
      }
      const inside = await call(client, "plan", { request: "debug journal", log: "logs/inside.log" });
      expect(inside.isError).toBe(false);
      expect(inside.structured?.log).toMatchObject({ path: "logs/inside.log" });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("takes a scope, and refuses a run whose request matched no module unless asked with yes", async () => {
    const scoped = await call(client, "plan", { request: "the totals are wrong", scope: "module/balances" });
    expect(scoped.structured).toMatchObject({ analysis: { type: "debug", scope: { kind: "modules", ids: ["balances"] }, confidence: 1 } });
    const fallback = await call(client, "plan", { request: "make it nicer" });
    expect((fallback.structured?.warnings as { code: string }[]).map((w) => w.code)).toEqual(["SCOPE_FALLBACK"]);
    const refused = await call(client, "run", { request: "make it nicer" });
    expect(refused).toMatchObject({ isError: true, text: expect.stringMatching(/SCOPE_FALLBACK|whole system.*pass `yes: true` to run every module/) });
    const { tools } = await client.listTools();
    const props = (name: string) => Object.keys((tools.find((t) => t.name === name)?.inputSchema.properties ?? {}) as object);
    expect(props("plan")).toContain("scope");
    expect(props("run")).toEqual(expect.arrayContaining(["scope", "yes", "planner"]));
    expect(props("plan")).toContain("planner");
    // The example's agent is simulate and it names no planner: asking for one says what is expected.
    const noPlanner = await call(client, "plan", { request: "implement system", planner: true });
    expect(noPlanner).toMatchObject({ isError: true, text: expect.stringMatching(/Expected `planner: \{ agent, model \}`.*got agent `simulate`/) });
  });

  it("runs in the background: returns the run id at once, and status shows it done", async () => {
    const started = await call(client, "run", { request: "implement system" });
    expect(started.isError).toBe(false);
    const runId = started.structured?.runId as string;
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);

    const done = await statusWhen(client, runId, "done");
    expect(done.modules.map((m) => m.state)).toEqual(Array(10).fill("done"));
    // The store says done before the run has written its docs and let go of the lock.
    await eventually(async () => ((await call(client, "status", { runId })).structured?.live === false ? true : undefined), RUN_MS);
    expect((await call(client, "status")).structured?.runId).toBe(runId);

    const md = await call(client, "report", { runId });
    expect(md.text).toContain(runId);
    const json = await call(client, "report", { format: "json" });
    expect(json.structured).toBeDefined();
    expect(JSON.parse(json.text)).toEqual(json.structured);
  }, 2 * RUN_MS);

  it("runs the other task types' workflows too: an analysis of a layer is read-only, with its findings report", async () => {
    const { readFileSync, existsSync } = await import("node:fs");
    const { join } = await import("node:path");
    const changelog = readFileSync(join(project.root, "CHANGELOG.md"), "utf8");
    const planned = await call(client, "plan", { request: "review layer/core for risks" });
    expect(planned.structured?.analysis).toMatchObject({ type: "analyze", scope: { kind: "layer", id: "core" } });
    const started = await call(client, "run", { request: "review layer/core for risks" });
    const runId = started.structured?.runId as string;
    const done = await statusWhen(client, runId, "done");
    expect(done.modules.map((m) => m.id)).toEqual(["accounts", "balances", "fx", "journal"]);
    await eventually(async () => ((await call(client, "status", { runId })).structured?.live === false ? true : undefined), RUN_MS);
    const report = (await call(client, "report", { runId })).text;
    expect(report).toMatch(/\| 1 \| analyze \| simulate \|/);
    expect(existsSync(join(project.root, ".orchestrate/runs", runId, "analysis.md"))).toBe(true);
    expect(readFileSync(join(project.root, "CHANGELOG.md"), "utf8")).toBe(changelog);
  }, 2 * RUN_MS);

  it("round-trips memories, including what runs wrote", async () => {
    await call(client, "write_memory", { key: "decision/cents", content: "Integer cents everywhere.", tags: ["layer:foundation"] });
    expect((await call(client, "read_memory", { key: "decision/cents" })).structured).toMatchObject({ content: "Integer cents everywhere.", tags: ["layer:foundation"] });
    const tagged = (await call(client, "list_memories", { tag: "layer:foundation" })).structured?.memories as { key: string }[];
    expect(tagged.map((m) => m.key)).toContain("decision/cents");
    expect(tagged.length).toBeGreaterThan(1); // the run left a memory per foundation module
    expect((await call(client, "delete_memory", { key: "decision/cents" })).structured).toEqual({ deleted: "decision/cents" });
    expect((await call(client, "read_memory", { key: "decision/cents" })).isError).toBe(true);
    expect((await call(client, "delete_memory", { key: "decision/cents" })).isError).toBe(true);
    expect(stderr()).toBe("");
  });
});

describe("orchestrate mcp cancel and resume", () => {
  it("cancels a live run it started (interrupted, resumable), refuses a second run meanwhile, and resumes it to done", async () => {
    const project = exampleProject(SLOW);
    const { client } = await stdioClient(project.root);
    try {
      // One layer of the example (three modules one at a time): enough to cancel mid-run and resume, at a third of the wait.
      const runId = (await call(client, "run", { request: "implement layer/foundation" })).structured?.runId as string;
      expect((await call(client, "status", { runId })).structured).toMatchObject({ state: "running", live: true });
      expect((await call(client, "run", { request: "implement system" })).text).toMatch(/is live in this server/);

      expect((await call(client, "cancel", { runId })).structured).toEqual({ runId, stopping: true });
      const stopped = await statusWhen(client, runId, "interrupted");
      expect(stopped.modules.some((m) => m.state !== "done")).toBe(true);

      expect((await call(client, "resume", {})).structured).toEqual({ runId });
      const done = await statusWhen(client, runId, "done");
      expect(done.modules.every((m) => m.state === "done")).toBe(true);
    } finally {
      await client.close();
      project.remove();
    }
  }, 2 * RUN_MS);
});

describe("orchestrate mcp usage errors", () => {
  it("exits 2 with one line for a missing project or a bad port", () => {
    const missing = runCli(["mcp", "--project", "/no/such/project"]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^orchestrate: .*does not exist\n$/) });
    const badPort = runCli(["mcp", "--http", "--port", "http"]);
    expect(badPort).toMatchObject({ code: 2, stderr: expect.stringContaining("Expected `--port` to be an integer from 0 to 65535, got `http`") });
  });
});
