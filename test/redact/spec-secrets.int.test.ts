import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Agent, AgentTask } from "../../src/agents/types.js";
import { buildPlan } from "../../src/plan/build.js";
import { refreshSecrets } from "../../src/redact/index.js";
import { Orchestrator } from "../../src/run/orchestrator.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { workflows } from "../../src/workflows/registry.js";
import { success } from "../helpers/agents.js";
import { makeProject } from "../helpers/project.js";
import { tree } from "../helpers/tree.js";

// Fake secrets of real shapes, built here so that no scanner mistakes this file for a leak.
const GITHUB = `ghp_${"Zq8Wm4Rt".repeat(5).slice(0, 36)}`;
const API_KEY = "gateway-key-7f3a9c1e5b2d";
const CLEAN_SPEC = `# Ledger\n\n${"It keeps the ledger balanced and reports each posting.\n".repeat(30)}`;

describe("a prompt read around its clean spec still holds no secret (SQLite store, grouped as a run's)", () => {
  const saved = process.env.ANTHROPIC_API_KEY;
  beforeEach(() => {
    process.env.ANTHROPIC_API_KEY = API_KEY;
    refreshSecrets();
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved;
    refreshSecrets();
  });

  it("a secret in a spec, and in a dependency's Provides before a clean spec: markers in the prompts sent and kept", async () => {
    const root = makeProject({});
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "orch-spec-secrets-")), "state.db"), { group: true });
    const prompts = new Map<string, AgentTask>();
    const agent: Agent = { name: "recorder", run: (task) => (prompts.set(task.moduleId, task), Promise.resolve(success(`did ${task.moduleId}`))) };
    const specs = tree(["leaky: core", "clean: core", "user: app <- clean", "plain: core"]);
    const body: Record<string, string> = {
      leaky: `${CLEAN_SPEC}Deploy with ${GITHUB}.\n${CLEAN_SPEC}`,
      clean: `${CLEAN_SPEC}## Provides\n- \`post(entry)\`, reached with key ${API_KEY}\n`,
      user: CLEAN_SPEC,
      plain: CLEAN_SPEC,
    };
    for (const m of specs.modules) m.body = body[m.id]!;
    const orchestrator = new Orchestrator({
      root, store, agent, workflows: workflows(),
      options: { agent: "recorder", concurrency: 1, retries: 0, timeoutMs: 60_000, graceMs: 50, schedule: "ready", simulate: {} },
    });
    const plan = buildPlan(specs, { type: "implement", scope: { kind: "system" }, because: [] }, "implement system");
    const summary = await orchestrator.run(plan);
    expect(summary.state).toBe("done");
    store.flush();

    for (const id of ["leaky", "clean", "user", "plain"]) {
      const sent = prompts.get(id)!.prompt;
      const kept = store.getAttemptText(summary.runId, id, 1).prompt!;
      expect(kept).toBe(sent);
      for (const secret of [GITHUB, API_KEY]) expect(sent.includes(secret), `${secret.slice(0, 4)} in ${id}'s prompt`).toBe(false);
    }
    expect(prompts.get("leaky")!.prompt).toContain("Deploy with [REDACTED:github-token].");
    expect(prompts.get("user")!.prompt).toContain("reached with key [REDACTED:ANTHROPIC_API_KEY]");
    // A prompt with nothing to redact, read around its spec, is sent as it was made.
    expect(prompts.get("plain")!.prompt).toContain(CLEAN_SPEC);
    expect(prompts.get("plain")!.prompt).not.toContain("[REDACTED");
    store.close();
  });
});
