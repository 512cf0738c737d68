import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the public API", () => {
  it("exports the curated names and nothing by accident", () => {
    expect(Object.keys(api).sort()).toEqual(
      ["AGENT_NAMES", "ConfigError", "CycleError", "OrchestrateError", "Orchestrator", "SpecError", "TASK_TYPES", "UsageError", "analyzeTask", "buildPlan", "createAgent", "createOrchestrator", "loadConfig", "loadSpec", "openStore", "planRequest", "workflows"].sort(),
    );
  });

  it("loads as the package entry, from the build, in a plain Node process", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", 'const o = await import("orchestrate"); console.log(typeof o.loadSpec, typeof o.Orchestrator)'], { cwd: new URL("..", import.meta.url), encoding: "utf8" });
    expect(out.trim()).toBe("function function");
  });
});
