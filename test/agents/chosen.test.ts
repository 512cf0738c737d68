import { describe, expect, it } from "vitest";
import { withDefaults } from "../../src/config/options.js";
import { agentFor } from "../../src/run/project.js";
import { ConfigError } from "../../src/errors.js";

function errorOf(config: Record<string, unknown>): ConfigError {
  try {
    agentFor(withDefaults(config as never), config as never, "orchestrate.config.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("an agent's option error, in the config's words", () => {
  it("names the key as the config file spells it: claudeCode, not the agent's name", () => {
    const e = errorOf({ agent: "claude-code", claudeCode: { permissionMode: "yolo" } });
    expect(e.describe()).toMatch(/^orchestrate\.config\.yaml: Expected `claudeCode\.permissionMode` to be one of default, /);
    expect(e.place.key).toBe("claudeCode.permissionMode");
  });

  it("leaves the other agents' keys, which are their sections' names", () => {
    expect(errorOf({ agent: "anthropic" }).describe()).toBe("orchestrate.config.yaml: Expected `anthropic.model` to be a model id such as `claude-sonnet-4-5`, got nothing");
  });
});
