import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

describe("prepareFromProject: the module gate a job carries", () => {
  const money = { id: "money", layer: "foundation", spec: "", files: ["ledger/money.py"], dependsOn: [] };

  it("runs the gate the run kept (`gates` of the job), not what the worker's worktree shows now", () => {
    const root = exampleCopy("agent: simulate\n");
    // What the worktree shows: tests an earlier module's merged work wrote.
    mkdirSync(join(root, "tests"), { recursive: true });
    writeFileSync(join(root, "tests", "test_money.py"), "import unittest\n");
    expect(prepareFromProject(root, "simulate", 60_000, {}).gateCommands?.(money)).toEqual([expect.stringContaining("test_money")]);
    // The run started without a module gate for it, and keeps none.
    expect(prepareFromProject(root, "simulate", 60_000, {}, []).gateCommands?.(money)).toEqual([]);
    const kept = [{ level: "module" as const, target: "money", check: { name: "tests", kind: "command" as const, run: "python3 -m unittest tests/test_money_kept.py" }, from: "tests/test_money_kept.py" }];
    expect(prepareFromProject(root, "simulate", 60_000, {}, kept).gateCommands?.(money)).toEqual(["python3 -m unittest tests/test_money_kept.py"]);
  });
});
