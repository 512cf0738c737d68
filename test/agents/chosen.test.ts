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
