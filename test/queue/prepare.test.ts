import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { prepareFromProject } from "../../src/queue/prepare.js";
import { exampleCopy } from "../helpers/example.js";

describe("prepareFromProject: a worker's agent for a job", () => {
  it("takes the agent by the name the attempt shows (`command:claude`: the command agent with its preset)", () => {
    const root = exampleCopy("agent: command\ncommand:\n  preset: claude\n  run: my-agent {promptFile}\n");
    const { config } = loadConfig(root);
    expect(prepareFromProject(root, "command:claude", 60_000, config).agent.name).toBe("command:claude");
    expect(prepareFromProject(root, "simulate", 60_000, config).agent.name).toBe("simulate");
  });

  it("takes the agent's options from the job's config, not from the worktree's file", () => {
    // The worktree's config names a command the job's config does not: the job's wins.
    const root = exampleCopy("agent: command\ncommand:\n  run: agent-written-command {promptFile}\n");
    expect(() => prepareFromProject(root, "command", 60_000, {})).toThrow(/Expected `command.run`/);
  });

  it("names the module gate's commands for the job's prompt, from the job's config, as the run's gate hooks do", () => {
    const root = exampleCopy("agent: simulate\ngates:\n  module:\n    - { name: tests, kind: command, run: \"agent-written {module}\" }\n");
    const config = { gates: { module: [{ name: "tests", kind: "command" as const, run: "python3 -m unittest -v tests.test_{module}" }, { name: "architecture", kind: "architecture" as const }] } };
    const { gateCommands } = prepareFromProject(root, "simulate", 60_000, config);
    expect(gateCommands?.({ id: "money", layer: "foundation", spec: "", files: ["ledger/money.py"], dependsOn: [] })).toEqual(["python3 -m unittest -v tests.test_money"]);
  });
});
