import { describe, expect, it } from "vitest";
import { prepareFromProject } from "../../src/queue/prepare.js";
import { exampleCopy } from "../helpers/example.js";

describe("prepareFromProject: a worker's agent for a job", () => {
  it("takes the agent by the name the attempt shows (`command:claude`: the command agent with its preset)", () => {
    const root = exampleCopy("agent: command\ncommand:\n  preset: claude\n  run: my-agent {promptFile}\n");
    expect(prepareFromProject(root, "command:claude", 60_000).agent.name).toBe("command:claude");
    expect(prepareFromProject(root, "simulate", 60_000).agent.name).toBe("simulate");
  });
});
