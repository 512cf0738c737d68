import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { agentContextFrom } from "../../src/agent-mcp/server-config.js";
import { UsageError } from "../../src/errors.js";

describe("agentContextFrom", () => {
  const env = { ORCHESTRATE_PROJECT: "/env/root", ORCHESTRATE_RUN_ID: "env-run", ORCHESTRATE_MODULE: "env-module" };

  it("reads the environment", () => {
    expect(agentContextFrom([], env)).toEqual({ root: resolve("/env/root"), runId: "env-run", moduleId: "env-module" });
  });

  it("prefers argv to the environment", () => {
    expect(agentContextFrom(["--run", "argv-run", "--module", "m"], env)).toEqual({ root: resolve("/env/root"), runId: "argv-run", moduleId: "m" });
  });

  it("names the missing piece", () => {
    expect(() => agentContextFrom(["--project", "/p"], {})).toThrow(UsageError);
    expect(() => agentContextFrom(["--project", "/p"], {})).toThrow(/--run <value>.*ORCHESTRATE_RUN_ID/);
  });
});
