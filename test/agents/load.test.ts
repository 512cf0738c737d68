import { describe, expect, it } from "vitest";
import { loadAgent } from "../../src/agents/load.js";
import { AGENT_NAMES } from "../../src/agents/names.js";
import { createAgent } from "../../src/agents/registry.js";

async function errorOf(build: () => unknown): Promise<unknown> {
  try {
    await build();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("loadAgent (the chosen agent's code alone)", () => {
  it("builds the agent createAgent builds", async () => {
    expect((await loadAgent("simulate")).name).toBe(createAgent("simulate").name);
    expect((await loadAgent("command", { preset: "codex" })).name).toBe(createAgent("command", { preset: "codex" }).name);
  });

  it("knows every agent createAgent knows", async () => {
    for (const name of AGENT_NAMES) {
      // Built, or refused for its options (no model, no command): never an unknown name.
      const error = await loadAgent(name).then(() => undefined, (e: unknown) => e);
      expect((error as { code?: string } | undefined)?.code, name).not.toBe("AGENT_UNKNOWN");
    }
  });

  it("fails as createAgent fails: an unknown name, bad options", async () => {
    for (const [name, options] of [["gpt-engineer", {}], ["command", {}], ["simulate", { latencyMs: -1 }]] as const) {
      const loaded = await errorOf(() => loadAgent(name, options));
      const created = await errorOf(() => createAgent(name, options));
      expect(loaded).toBeInstanceOf((created as object).constructor);
      expect(loaded).toMatchObject({ code: (created as { code: string }).code, message: (created as Error).message });
    }
  });
});
