import { describe, expect, it } from "vitest";
import { AGENT_NAMES, createAgent } from "../../src/agents/registry.js";
import { OrchestrateError } from "../../src/errors.js";

describe("createAgent", () => {
  it("builds the simulate and command agents from their options", () => {
    expect(createAgent("simulate").name).toBe("simulate");
    expect(createAgent("simulate", { latencyMs: 5 }).name).toBe("simulate");
    expect(createAgent("command", { run: "true" }).name).toBe("command");
    expect(createAgent("command", { preset: "codex" }).name).toBe("command:codex");
  });

  it("throws AGENT_UNKNOWN listing the known names", () => {
    expect(AGENT_NAMES).toEqual(expect.arrayContaining(["simulate", "command", "anthropic", "openai"]));
    let caught: unknown;
    try {
      createAgent("gpt-engineer");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OrchestrateError);
    expect(caught).toMatchObject({
      code: "AGENT_UNKNOWN",
      message: expect.stringMatching(/^Expected `agent` to be one of simulate, command, anthropic, openai.*, got `gpt-engineer`$/),
      place: { key: "agent" },
    });
  });

  it("passes option errors through", () => {
    expect(() => createAgent("command", {})).toThrow("Expected `command.run` or `command.preset`, got neither");
  });
});
