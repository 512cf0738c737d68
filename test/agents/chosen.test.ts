import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { withDefaults } from "../../src/config/options.js";
import { agentFor } from "../../src/run/project.js";
import { ConfigError } from "../../src/errors.js";

function errorOf(config: Record<string, unknown>, root?: string): ConfigError {
  try {
    agentFor(withDefaults(config as never), config as never, "orchestrate.config.yaml", root);
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

describe("an agent's option error, at its line in the config file", () => {
  const cases: [string, string, string][] = [
    ["claudeCode: a bad value", "agent: claude-code\nclaudeCode:\n  maxTurns: 5\n  permissionMode: yolo\n", "orchestrate.config.yaml:4: Expected `claudeCode.permissionMode`"],
    ["claudeCode: an unknown key", "agent: claude-code\nclaudeCode:\n  model: x\n  settingsSources: [project]\n", "orchestrate.config.yaml:4: Unknown key `claudeCode.settingsSources`"],
    ["anthropic: a bad number", "agent: anthropic\nanthropic:\n  model: claude-sonnet-4-5\n  maxTurns: 0\n", "orchestrate.config.yaml:4: Expected `anthropic.maxTurns`"],
    ["anthropic: no model, at the section", "agent: anthropic\nconcurrency: 2\nanthropic:\n  maxTurns: 3\n", "orchestrate.config.yaml:3: Expected `anthropic.model`"],
    ["openai: a bad URL", "agent: openai\nopenai:\n  model: gpt-5\n  baseURL: localhost:11434\n", "orchestrate.config.yaml:4: Expected `openai.baseURL`"],
    ["openai: a bad price", "agent: openai\nopenai:\n  model: gpt-5\n  prices:\n    gpt-5:\n      input: -1\n      output: 2\n", "orchestrate.config.yaml:6: Expected `openai.prices.gpt-5.input`"],
  ];
  it.each(cases)("%s", (_, yaml, start) => {
    const root = mkdtempSync(join(tmpdir(), "chosen-line-"));
    try {
      writeFileSync(join(root, "orchestrate.config.yaml"), yaml);
      expect(errorOf(load(yaml) as Record<string, unknown>, root).describe()).toContain(start);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
