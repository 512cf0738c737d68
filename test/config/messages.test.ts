import { describe, expect, it } from "vitest";
import { AGENT_NAMES as REGISTERED } from "../../src/agents/registry.js";
import { AGENT_NAMES } from "../../src/agents/names.js";
import { loadConfig } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

const FILE = "orchestrate.config.yaml";

function messageOf(yaml: string): string {
  try {
    loadConfig(makeProject({ [FILE]: yaml }));
  } catch (error) {
    if (error instanceof ConfigError) return error.describe();
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("config messages name the line and expect the right thing", () => {
  it("an unknown top-level key: its line and the nearest known key", () => {
    expect(messageOf("# settings\nconcurrency: 2\nagnet: command\n")).toBe(`${FILE}:3: Unknown key \`agnet\`: did you mean \`agent\`?`);
    expect(messageOf("concurrency: 2\ntimeout: 5\n")).toBe(`${FILE}:2: Unknown key \`timeout\`: did you mean \`timeoutMs\`?`);
    expect(messageOf("budget:\n  maxCost: 5\n")).toBe(`${FILE}:2: Unknown key \`maxCost\` in \`budget\`: did you mean \`maxCostUsd\`?`);
    expect(messageOf("concurrency: 2\nzzzzzzzz: 1\n")).toBe(`${FILE}:2: Unknown key \`zzzzzzzz\``);
  });

  it("a key in a list item: the item's own line, where the list's parent's line was given", () => {
    const gates = "gates:\n  module:\n    - name: tests\n      kind: command\n      run: npm test\n    # the second\n    - name: lint\n      kind: command\n      bogus: 1\n";
    expect(messageOf(gates)).toBe(`${FILE}:9: Unknown key \`bogus\` in \`gates.module.1\``);
    expect(messageOf("gates:\n  module:\n  - name: x\n    kind: command\n    run: 5\n")).toBe(`${FILE}:5: Expected \`gates.module.0.run\` to be a string, got \`5\` (number)`);
    // A flow list's item is not placed: the key is searched after its parent's line.
    expect(messageOf("gates:\n  module: [{ name: x, kind: command, run: t }, { name: y, kind: command, run: t, bogus: 1 }]\n")).toBe(`${FILE}:2: Unknown key \`bogus\` in \`gates.module.1\``);
  });

  it("a config that is a list: a mapping expected, at its first line", () => {
    expect(messageOf("# config\n- agent: command\n")).toBe(`${FILE}:2: Expected the config to be a mapping, got a list`);
  });

  it("`agent: bogus`: its line and the valid agents", () => {
    expect(messageOf("concurrency: 2\nagent: bogus\n")).toBe(
      `${FILE}:2: Expected \`agent\` to be one of \`simulate\`, \`command\`, \`anthropic\`, \`openai\`, \`claude-code\`, got \`bogus\` (string)`,
    );
  });

  it("a misspelt value: the nearest valid one", () => {
    expect(messageOf("agent: simulte\n")).toBe(`${FILE}:1: Expected \`agent\` to be one of \`simulate\`, \`command\`, \`anthropic\`, \`openai\`, \`claude-code\`, got \`simulte\` (string); did you mean \`simulate\`?`);
    expect(messageOf("concurrency: 2\nschedule: wave\n")).toBe(`${FILE}:2: Expected \`schedule\` to be one of \`ready\`, \`waves\`, got \`wave\` (string); did you mean \`waves\`?`);
    expect(messageOf("gates:\n  module:\n    - { name: t, kind: comand, run: x }\n")).toMatch(/got `comand` \(string\); did you mean `command`\?$/);
  });

  it("the config's list of agents is the registry's", () => {
    expect([...AGENT_NAMES].sort()).toEqual([...REGISTERED].sort());
  });

  it("`.inf` is shown as Infinity, not null", () => {
    expect(messageOf("timeoutMs: .inf\n")).toBe(`${FILE}:1: Expected \`timeoutMs\` to be an integer from 1 to 2147483647, got \`Infinity\` (number)`);
  });

  it("`budget.maxCostUsd` is a number greater than 0, not an integer", () => {
    expect(messageOf("budget:\n  maxCostUsd: -1\n")).toBe(`${FILE}:2: Expected \`budget.maxCostUsd\` to be a number greater than 0, got \`-1\` (number)`);
    expect(loadConfig(makeProject({ [FILE]: "budget:\n  maxCostUsd: 0.5\n" })).config.budget).toEqual({ maxCostUsd: 0.5 });
  });
});

describe("timeouts are bounded by what a Node timer can wait", () => {
  it("timeoutMs and graceMs of 2^31 ms or more are refused with the allowed range", () => {
    expect(messageOf(`timeoutMs: ${2 ** 31}\n`)).toBe(`${FILE}:1: Expected \`timeoutMs\` to be an integer from 1 to 2147483647, got \`2147483648\` (number)`);
    expect(messageOf(`graceMs: ${2 ** 31 * 1000}\n`)).toBe(`${FILE}:1: Expected \`graceMs\` to be an integer from 0 to 2147483647, got \`2147483648000\` (number)`);
    expect(loadConfig(makeProject({ [FILE]: `timeoutMs: ${2 ** 31 - 1}\ngraceMs: 0\n` })).config).toEqual({ timeoutMs: 2 ** 31 - 1, graceMs: 0 });
  });
});

describe("command options the agents README documents", () => {
  it("`command.output` and `command.killGraceMs` are accepted and validated", () => {
    const { config } = loadConfig(makeProject({ [FILE]: "agent: command\ncommand:\n  run: my-agent\n  output: claude-json\n  killGraceMs: 500\n" }));
    expect(config.command).toEqual({ run: "my-agent", output: "claude-json", killGraceMs: 500 });
    expect(messageOf("command:\n  run: x\n  output: xml\n")).toBe(`${FILE}:3: Expected \`command.output\` to be one of \`claude-json\`, \`text\`, got \`xml\` (string)`);
    expect(messageOf("command:\n  run: x\n  killGraceMs: -1\n")).toBe(`${FILE}:3: Expected \`command.killGraceMs\` to be an integer from 0 to 2147483647, got \`-1\` (number)`);
  });

  it("`command.network` takes true, false or a list of host:port", () => {
    const { config } = loadConfig(makeProject({ [FILE]: "agent: command\ncommand:\n  run: my-agent\n  sandbox: true\n  network: [\"api.example.com:443\", \"127.0.0.1:8080\"]\n" }));
    expect(config.command).toEqual({ run: "my-agent", sandbox: true, network: ["api.example.com:443", "127.0.0.1:8080"] });
    expect(messageOf("command:\n  run: x\n  network: [api.example.com]\n")).toMatch(/^orchestrate\.config\.yaml:3: .*host:port/);
  });
});

describe("ownership", () => {
  it("takes warn or fail; anything else names its line and both", () => {
    expect(messageOf("concurrency: 2\nownership: strict\n")).toBe(`${FILE}:2: Expected \`ownership\` to be one of \`warn\`, \`fail\`, got \`strict\` (string)`);
  });
});
