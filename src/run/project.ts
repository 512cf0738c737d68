import type { Agent } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { createAgent } from "../agents/registry.js";
import { withDefaults } from "../config/options.js";
import { ConfigError } from "../errors.js";

export type Overrides = Parameters<typeof withDefaults>[1];

/** The agent `options.agent` names, built from its own config section. */
export function agentFor(options: RunOptions, config: Config, file?: string): Agent {
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: options.command ?? config.command,
    anthropic: config.anthropic,
    openai: config.openai,
    "claude-code": config.claudeCode,
  };
  try {
    return createAgent(options.agent, sections[options.agent] ?? {});
  } catch (error) {
    // The agent names the key; the config file is ours to name.
    if (error instanceof ConfigError && file && !error.place.file) throw new ConfigError(error.code, error.message, { ...error.place, file });
    throw error;
  }
}

export { openStore } from "../store/open.js";
