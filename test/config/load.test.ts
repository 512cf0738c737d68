import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { withDefaults } from "../../src/config/options.js";
import { ConfigError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

function errorOf(files: Record<string, string>): ConfigError {
  try {
    loadConfig(makeProject(files));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("reads YAML or JSON; no file is an empty config", () => {
    expect(loadConfig(makeProject({})).config).toEqual({});
    expect(loadConfig(makeProject({ "orchestrate.config.json": '{"concurrency": 2}' }))).toEqual({ config: { concurrency: 2 }, file: "orchestrate.config.json" });
  });

  it("names file, line, key, what was expected and what was found", () => {
    const e = errorOf({ "orchestrate.config.yaml": "agent: simulate\nsimulate:\n  latencyMs: fast\n" });
    expect(e.describe()).toBe("orchestrate.config.yaml:3: Expected `simulate.latencyMs` to be an integer from 0 up, got `fast` (string)");
    expect(e.place.key).toBe("simulate.latencyMs");
    expect(errorOf({ "orchestrate.config.yaml": "schedule: eager\n" }).message).toBe("Expected `schedule` to be one of `ready`, `waves`, got `eager` (string)");
    expect(errorOf({ "orchestrate.config.yaml": "budget:\n  onExceeded: later\n" }).describe()).toMatch(/^orchestrate\.config\.yaml:2: Expected `budget\.onExceeded` to be one of `finish`, `cancel`/);
    expect(errorOf({ "orchestrate.config.yaml": "gates:\n  module:\n    - { name: t, kind: command }\n" }).place.key).toMatch(/^gates\.module\.0/);
  });

  it("reports YAML it cannot parse with its line", () => {
    expect(errorOf({ "orchestrate.config.yaml": "agent: simulate\nconcurrency: [1\n" }).describe()).toMatch(/^orchestrate\.config\.yaml:\d+: Cannot parse the config:/);
  });

  it("fills defaults, lets flags override the file, and never mutates its inputs", () => {
    const config = Object.freeze({ concurrency: 2, simulate: Object.freeze({ latencyMs: 5 }) });
    const options = withDefaults(config, { schedule: "waves" });
    expect(options).toMatchObject({ agent: "simulate", concurrency: 2, retries: 1, timeoutMs: 1_800_000, graceMs: 10_000, schedule: "waves", simulate: { latencyMs: 5 } });
    expect(withDefaults(config, { concurrency: 8 }).concurrency).toBe(8);
    expect(options.simulate).not.toBe(config.simulate);
  });
});

describe("orchestrate.config.json", () => {
  it("a JSON syntax error names its line", () => {
    expect(errorOf({ "orchestrate.config.json": '{\n  "concurrency": 2,\n}\n' }).describe()).toMatch(/^orchestrate\.config\.json:3: Cannot parse the config: /);
  });
});

describe("more than one config file", () => {
  it("is an error naming both, not a silent choice", () => {
    expect(errorOf({ "orchestrate.config.yaml": "concurrency: 2\n", "orchestrate.config.json": '{"concurrency": 3}' }).describe()).toBe(
      "orchestrate.config.yaml: Expected one config file, found `orchestrate.config.yaml` and `orchestrate.config.json`: keep one",
    );
  });
});
