/**
 * The agents `registry.ts` builds, by name: here on their own so the config can check
 * `agent:` (with the file and line) without loading every agent's SDK.
 */
export const AGENT_NAMES = ["simulate", "command", "anthropic", "openai", "claude-code"] as const;
