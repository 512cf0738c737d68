import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake, type FakeRequest } from "../helpers/claude-fake.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import type { ScriptRequest } from "../helpers/model-server.js";
import { closeAfterTest, jsProject, moduleOf, runCliAsync, scratchDir, serveModel, status, toolNames, toolResults, writeModuleCalls } from "./helpers.js";

// The planner model through the built CLI, each agent against a protocol fake on 127.0.0.1.

const ANTHROPIC = (url: string) => `anthropic: { model: claude-haiku-4-5-20251001, baseURL: "${url}", maxRetries: 1 }`;
/** Matches no module's words: the router falls back to the system and the planner decides the scope. */
const REQUEST = "give the arithmetic a rounding option";

const TASKS = {
  add: { id: "add", task: "Make add(a, b) accept a `digits` argument and round its result to it.", acceptance: ["add(0.1, 0.2, 2) returns 0.3"] },
  sum: { id: "sum", task: "Make sum(a, b) round like add, through the same `digits` argument.", acceptance: ["sum(1.005, 0, 2) returns 1.01", "sum without digits is unchanged"] },
};

const submit = (input: unknown) => ({ name: "mcp__orchestrate__submit_plan", input });
const isRetry = (req: ScriptRequest) => JSON.stringify(req.body).includes("was rejected");

describe("planner model, end to end through the CLI, offline", () => {
  it("anthropic: a multi-module feature split into per-module tasks that reach each module's prompt; the planner's cost counts in status totals", async () => {
    const server = await serveModel((req) => {
      const id = moduleOf(req);
      if (id === "@planner") {
        if (req.turn === 0) return { toolCalls: [submit({ type: "implement", modules: [TASKS.add, TASKS.sum], rationale: "Rounding belongs in the two arithmetic modules." })] };
        return { text: "Submitted the plan." };
      }
      if (req.turn === 0) return { toolCalls: writeModuleCalls(id) };
      return { text: `Implemented ${id}.` };
    });
    const root = jsProject({ modules: ["add", "sum", "plus"], config: `agent: anthropic\nretries: 0\n${ANTHROPIC(server.url)}\n` });

    const run = await runCliAsync(["run", REQUEST, "--planner", "--project", root], { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    expect(run.stdout).toContain("Planner anthropic (claude-haiku-4-5-20251001), 1 attempt, $0.0004: chose type and scope");
    expect(run.stdout).toContain(`sum: ${TASKS.sum.task}`);
    const planner = server.requests.filter((r) => moduleOf(r) === "@planner");
    expect(planner).toHaveLength(2);
    expect(toolNames(planner[0]!)).toContain("mcp__orchestrate__submit_plan");
    expect(toolNames(planner[0]!)).not.toContain("write_file"); // read-only
    expect(JSON.parse(toolResults(planner[1]!)[0]!.content)).toEqual({ recorded: true, modules: ["add", "sum"] });
    const plannerText = JSON.stringify(planner[0]!.body);
    expect(plannerText).toContain(REQUEST);
    expect(plannerText).toMatch(/`plus` \(layer core/); // every module's digest

    const s = status(root);
    expect(s.state).toBe("done");
    expect(s.modules.map((m) => [m.id, m.state])).toEqual([["add", "done"], ["sum", "done"]]);
    for (const id of ["add", "sum"] as const) {
      const prompt = runCli(["status", s.runId, "--prompt", id, "--project", root]).stdout;
      expect(prompt).toContain(`Your task in this module: ${TASKS[id].task}`);
      for (const a of TASKS[id].acceptance) expect(prompt).toContain(`- ${a}`);
      expect(prompt).not.toContain(REQUEST);
    }
    expect(existsSync(join(root, ".orchestrate/runs", s.runId, "@planner/attempt-1.prompt.md"))).toBe(true);
    // The run keeps the tasks with its plan: `resume` reads them there and never asks the planner again.
    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    const stored = JSON.parse((db.prepare("SELECT plan FROM runs WHERE id = ?").get(s.runId) as { plan: string }).plan) as { modules: Array<{ id: string; task?: string }> };
    db.close();
    expect(stored.modules.map((m) => [m.id, m.task])).toEqual([["add", TASKS.add.task], ["sum", TASKS.sum.task]]);

    // Six responses of 100 in and 20 out at $1 / $5 per million: two the planner's, four the modules'.
    expect(server.requests).toHaveLength(6);
    const text = runCli(["status", "--project", root]);
    expect(text.stdout).toMatch(/Totals +2 modules: 2 done, 0 failed, 0 blocked; 3 attempts; 720 tokens, \$0\.0012\n/);
  }, 60_000);

  it("openai: an invented module is sent back with the error and corrected on the second try; plan --json carries the tasks", async () => {
    const server = await serveModel((req) => {
      if (req.turn > 0) return { text: "Submitted." };
      if (!isRetry(req)) return { toolCalls: [submit({ type: "implement", modules: [{ id: "rounding", task: "Add a rounding module.", acceptance: [] }], rationale: "A new module." })] };
      return { toolCalls: [submit({ type: "implement", modules: [TASKS.add], rationale: "Only add rounds." })] };
    });
    const root = jsProject({ modules: ["add", "sum"], config: `agent: openai\nopenai: { model: gpt-4.1-mini, baseURL: "${server.url}/v1", maxRetries: 1 }\n` });

    const planned = await runCliAsync(["plan", REQUEST, "--planner", "--json", "--project", root], { env: { OPENAI_API_KEY: "dummy" } });
    expect(planned.stderr).toBe("");
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout) as {
      analysis: { type: string; scope: unknown; planner: { agent: string; model: string; rationale: string; decided: string; attempts: Array<{ ok: boolean; error?: string }> } };
      modules: Array<{ id: string; task?: string; acceptance?: string[] }>;
      warnings: Array<{ code: string }>;
    };
    expect(plan.analysis.scope).toEqual({ kind: "modules", ids: ["add"] });
    expect(plan.analysis.planner).toMatchObject({ agent: "openai", model: "gpt-4.1-mini", rationale: "Only add rounds.", decided: "scope" });
    expect(plan.analysis.planner.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(plan.analysis.planner.attempts[0]!.error).toMatch(/no module `rounding` in this project; the modules are add, sum/);
    expect(plan.modules).toEqual([expect.objectContaining({ id: "add", task: TASKS.add.task, acceptance: TASKS.add.acceptance })]);
    expect(plan.warnings.map((w) => w.code)).not.toContain("SCOPE_FALLBACK");

    const retry = server.requests.find(isRetry);
    expect(JSON.stringify(retry?.body)).toContain("no module `rounding` in this project");
    expect(server.requests.filter((r) => r.turn === 0)).toHaveLength(2);

    const human = await runCliAsync(["plan", REQUEST, "--planner", "--project", root], { env: { OPENAI_API_KEY: "dummy", NO_COLOR: "1" } });
    expect(human.stdout).toContain(`add: ${TASKS.add.task}`);
    expect(human.stdout).toMatch(/Planner openai \(gpt-4\.1-mini\), 2 attempts/);
  }, 60_000);

  it("budget: the planner's spend counts against the run's budget and stops the run before any module", async () => {
    const server = await serveModel((req) => {
      if (moduleOf(req) !== "@planner") return { toolCalls: writeModuleCalls(moduleOf(req)) };
      const usage = { input: 600_000, output: 10 };
      if (req.turn === 0) return { toolCalls: [submit({ type: "implement", modules: [TASKS.add], rationale: "add." })], usage };
      return { text: "Submitted.", usage };
    });
    const root = jsProject({ modules: ["add", "sum"], config: `agent: anthropic\nretries: 0\n${ANTHROPIC(server.url)}\nbudget: { maxTokens: 1000000 }\n` });

    const run = await runCliAsync(["run", REQUEST, "--planner", "--project", root], { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Why: budget of the run reached: spent 1200020 tokens of 1000000");
    expect(server.requests.map(moduleOf)).toEqual(["@planner", "@planner"]);
    const s = status(root);
    expect(s.state).toBe("budget_exceeded");
    expect(s.modules.map((m) => [m.id, m.state, m.attempts.length])).toEqual([["add", "pending", 0]]);
    const text = await cliHere(["status", "--project", root]);
    expect(text.stdout).toMatch(/1 attempt; 1,200,020 tokens, \$1\.20\n/);
  }, 60_000);

  it("a planner that never submits leaves the router's plan with PLANNER_FAILED after two attempts", async () => {
    const server = await serveModel(() => ({ text: "I think add should change." }));
    const root = jsProject({ modules: ["add", "sum"], config: `agent: anthropic\n${ANTHROPIC(server.url)}\n` });
    const planned = await runCliAsync(["plan", REQUEST, "--planner", "--json", "--project", root], { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout) as { analysis: { scope: unknown; planner: { decided: string; attempts: Array<{ error?: string }> } }; warnings: Array<{ code: string; message: string }>; modules: Array<{ task?: string }> };
    expect(server.requests).toHaveLength(2);
    expect(plan.analysis.scope).toEqual({ kind: "system" });
    expect(plan.analysis.planner.decided).toBe("none");
    expect(plan.analysis.planner.attempts.map((a) => a.error)).toEqual(["the planner ended without calling submit_plan", "the planner ended without calling submit_plan"]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["SCOPE_FALLBACK", "PLANNER_FAILED"]);
    expect(plan.modules.every((m) => m.task === undefined)).toBe(true);
  }, 60_000);

  it("a router sure of its scope keeps it: the planner writes the tasks only", async () => {
    const server = await serveModel((req) => {
      if (req.turn > 0) return { text: "Submitted." };
      return { toolCalls: [submit({ type: "debug", modules: [TASKS.add, TASKS.sum], rationale: "Both." })] };
    });
    const root = jsProject({ modules: ["add", "sum"], config: `agent: anthropic\n${ANTHROPIC(server.url)}\n` });
    const planned = await runCliAsync(["plan", "implement rounding in add", "--planner", "--json", "--project", root], { env: { ANTHROPIC_API_KEY: "dummy" } });
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout) as { analysis: { type: string; scope: unknown; planner: { decided: string } }; modules: Array<{ id: string; task?: string }> };
    expect(plan.analysis).toMatchObject({ type: "implement", scope: { kind: "modules", ids: ["add"] }, planner: { decided: "tasks" } });
    expect(plan.modules.map((m) => [m.id, m.task])).toEqual([["add", TASKS.add.task]]);
  }, 60_000);

  it("claude-code: the real Claude Code binary plans through mcp__orchestrate__submit_plan", async () => {
    const fake = closeAfterTest(
      await startClaudeFake((req: FakeRequest) => {
        if (req.turn === 0) return { tools: [submit({ type: "implement", modules: [TASKS.add, TASKS.sum], rationale: "Rounding in both." })] };
        return { text: "Submitted the plan." };
      }),
    );
    const root = jsProject({
      modules: ["add", "sum"],
      config: "agent: simulate\nplanner: { agent: claude-code, model: claude-sonnet-4-5 }\nclaudeCode: { permissionMode: bypassPermissions, maxTurns: 4 }\n",
    });
    const planned = await runCliAsync(["plan", REQUEST, "--json", "--project", root], { env: claudeEnv(fake.url, scratchDir()) });
    expect(planned.stderr).toBe("");
    expect(planned.code).toBe(0);
    const offered = (fake.requests[0]!.body.tools as Array<{ name: string }>).map((t) => t.name);
    expect(offered).toContain("mcp__orchestrate__submit_plan");
    expect(offered).not.toContain("Write");
    const plan = JSON.parse(planned.stdout) as { analysis: { planner: { agent: string; model: string } }; modules: Array<{ id: string; task?: string }> };
    expect(plan.analysis.planner).toMatchObject({ agent: "claude-code", model: "claude-sonnet-4-5" });
    expect(plan.modules.map((m) => [m.id, m.task])).toEqual([["add", TASKS.add.task], ["sum", TASKS.sum.task]]);
  }, 60_000);

  it("a planner that is no model-backed agent is a config error with its line; --planner without one says what is expected", async () => {
    const root = jsProject({ config: "agent: simulate\nplanner: { agent: simulate, model: x }\n" });
    const bad = await cliHere(["plan", REQUEST, "--project", root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("orchestrate: orchestrate.config.yaml:2: Expected `planner.agent` to be one of `claude-code`, `anthropic`, `openai`, got `simulate` (string)\n");
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    const none = jsProject({ config: "agent: simulate\n" });
    const missing = await cliHere(["plan", REQUEST, "--planner", "--project", none]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Expected `planner: \{ agent, model \}` in orchestrate\.config\.yaml or a model-backed `agent`.*got agent `simulate`/);
    expect((await cliHere(["plan", REQUEST, "--project", none])).code).toBe(0); // no planner asked: the router's plan
  });
});
