import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import { ConfigError } from "../errors.js";
import { loadAgent } from "./load.js";
import type { Agent } from "./types.js";

/** The options of the agent `options.agent` names: its own config section. */
export function agentSection(options: RunOptions, config: Config): object {
  const sections: Record<string, object | undefined> = {
    simulate: options.simulate,
    command: commandSection(options.command ?? config.command, options),
    anthropic: { ...config.anthropic, sandbox: options.sandbox },
    openai: { ...config.openai, sandbox: options.sandbox },
    "claude-code": config.claudeCode,
  };
  return sections[options.agent] ?? {};
}

/** `command.sandbox: true` opts the command agent into the run's sandbox settings. */
function commandSection(section: Config["command"], options: RunOptions): object | undefined {
  if (!section?.sandbox) return section;
  return { ...section, sandbox: options.sandbox };
}

/**
 * An agent's error about its options, naming the config file: the agent names the key, the
 * file is ours to name, and so is the key's spelling there (`claude-code.x` is `claudeCode.x`).
 */
export function inConfigFile(error: unknown, file: string | undefined): unknown {
  if (!(error instanceof ConfigError) || !file || error.place.file) return error;
  const key = error.place.key;
  if (!key?.startsWith("claude-code.")) return new ConfigError(error.code, error.message, { ...error.place, file });
  const written = `claudeCode.${key.slice("claude-code.".length)}`;
  return new ConfigError(error.code, error.message.replaceAll(`\`${key}\``, `\`${written}\``), { ...error.place, file, key: written });
}

/** `agentFor` (run/project.ts) loading only the chosen agent's code. */
export async function loadAgentFor(options: RunOptions, config: Config, file?: string): Promise<Agent> {
  try {
    return await loadAgent(options.agent, agentSection(options, config));
  } catch (error) {
    throw inConfigFile(error, file);
  }
}
