import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the public API", () => {
  it("exports the curated names and nothing by accident", () => {
    expect(Object.keys(api).sort()).toEqual(
      ["AGENT_NAMES", "ConfigError", "CycleError", "OrchestrateError", "Orchestrator", "SpecError", "TASK_TYPES", "UsageError", "analyzeTask", "buildPlan", "createAgent", "createOrchestrator", "loadConfig", "loadSpec", "openStore", "planRequest", "workflows"].sort(),
    );
  });
});
