import { AGENT_NAMES } from "../agents/names.js";
import { didYouMean } from "../config/expected.js";
import { UsageError } from "../errors.js";

/** The model agents: those that can describe code (`init --from-code --agent`) or plan. */
export const MODEL_AGENTS = ["claude-code", "anthropic", "openai"] as const;

/**
 * `--agent NAME` checked before anything runs (a worker before it connects to Redis, `init
 * --from-code` before it reads the code, `--dry-run` too): one of `allowed`, with the nearest
 * name for a typo.
 */
export function agentFlag(name: string, allowed: readonly string[] = AGENT_NAMES): string {
  if (allowed.includes(name)) return name;
  throw new UsageError(`Expected \`--agent\` to be one of ${allowed.map((n) => `\`${n}\``).join(", ")}, got \`${name}\`${didYouMean(name, allowed)}`);
}
