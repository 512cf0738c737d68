import { describe, expect, it } from "vitest";
import { agentSection } from "../../src/agents/chosen.js";
import { withDefaults } from "../../src/config/options.js";
import { parseConfigSource } from "../../src/config/load.js";

const parseConfig = (text: string) => parseConfigSource({ name: "orchestrate.config.yaml", text });

// mcpConnectTimeoutMs is a top-level setting for every agent, and a key of each model agent's own section.

describe("agentSection: mcpConnectTimeoutMs", () => {
  it.each(["anthropic", "openai", "claude-code"] as const)("%s: its own section's value wins over the top-level one; the top-level one applies where the section sets none", (agent) => {
    const key = agent === "claude-code" ? "claudeCode" : agent;
    const own = parseConfig(`agent: ${agent}\nmcpConnectTimeoutMs: 30000\n${key}: { model: m, mcpConnectTimeoutMs: 400 }\n`);
    expect(agentSection(withDefaults(own), own)).toMatchObject({ mcpConnectTimeoutMs: 400 });
    const top = parseConfig(`agent: ${agent}\nmcpConnectTimeoutMs: 30000\n${key}: { model: m }\n`);
    expect(agentSection(withDefaults(top), top)).toMatchObject({ mcpConnectTimeoutMs: 30000 });
  });
});

describe("agentSection: the agent's sandbox", () => {
  it.each(["anthropic", "claude-code"] as const)("%s: reads what workspace.share links worktrees to, as the gates do, from the project's root", (agent) => {
    const config = parseConfig(`agent: ${agent}\nsandbox: { readable: ["~/.nvm"] }\nworkspace: { share: [node_modules, .venv] }\n`);
    const section = agentSection(withDefaults(config), config, "/home/dev/shop") as { sandbox: { readable: string[] } };
    // Before: only sandbox.readable, so an isolated attempt's `npm test` found no tsc in the linked, hidden node_modules.
    expect(section.sandbox.readable).toEqual(["~/.nvm", "/home/dev/shop/node_modules", "/home/dev/shop/.venv"]);
    expect(withDefaults(config).sandbox!.readable).toEqual(["~/.nvm"]);
  });
});
