import { OrchestrateError } from "../errors.js";

/**
 * The agents `registry.ts` builds, by name: here on their own so the config can check
 * `agent:` (with the file and line) without loading every agent's SDK.
 */
export const AGENT_NAMES = ["simulate", "command", "anthropic", "openai", "claude-code"] as const;

/** `AGENT_UNKNOWN`: `name` is none of the agents. */
export function unknownAgent(name: string): OrchestrateError {
  return new OrchestrateError("AGENT_UNKNOWN", `Expected \`agent\` to be one of ${AGENT_NAMES.join(", ")}, got \`${name}\``, { key: "agent" });
}
