import type { Agent } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { createAgent } from "../agents/registry.js";
import { withDefaults } from "../config/options.js";
import { ConfigError } from "../errors.js";
import type { SpecTree } from "../spec/types.js";
import { loadConfig } from "../config/load.js";
import { validateFrontMatter } from "../validate/front-matter.js";

export type Overrides = Parameters<typeof withDefaults>[1];

/** The agent `options.agent` names, built from its own config section. */
export function agentFor(options: RunOptions, config: Config, file?: string): Agent {
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: commandSection(options.command ?? config.command, options),
    anthropic: { ...config.anthropic, sandbox: options.sandbox },
    openai: { ...config.openai, sandbox: options.sandbox },
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

/** `command.sandbox: true` opts the command agent into the run's sandbox settings. */
function commandSection(section: Config["command"], options: RunOptions): object | undefined {
  if (!section?.sandbox) return section;
  return { ...section, sandbox: options.sandbox };
}

export { openStore } from "../store/open.js";

/**
 * Everything a run rejects before it starts, checked without starting one (`orchestrate check`):
 * the config file, the configured agent's options and the modules' front matter.
 */
export function validateProject(spec: SpecTree): void {
  const { config, file } = loadConfig(spec.root);
  agentFor(withDefaults(config), config, file);
  validateFrontMatter(spec);
}
