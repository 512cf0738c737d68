import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

const KEY_ENV: Record<string, string> = { anthropic: "ANTHROPIC_API_KEY", openai: "OPENAI_API_KEY" };

/** Environment variables by which Claude Code authenticates without a login of its own. */
const CLAUDE_AUTH_ENV = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"];

/**
 * What agent `name` lacks to run at all, checked before a run starts: an attempt without it
 * cannot pass, so retrying it only wastes the run. Undefined when nothing is missing.
 * `section` is the agent's config section as written.
 */
export function missingPrerequisite(name: string, section: Record<string, unknown> | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const keyEnv = KEY_ENV[name];
  if (keyEnv) {
    if (typeof section?.["apiKey"] === "string" && section["apiKey"]) return undefined;
    if (env[keyEnv]) return undefined;
    return `no API key: set ${keyEnv} in the environment or \`${name}.apiKey\` in orchestrate.config.yaml (any non-empty value for a local server that needs none)`;
  }
  if (name !== "claude-code") return undefined;
  const path = section?.["pathToClaudeCodeExecutable"];
  if (typeof path === "string" && isAbsolute(path) && !existsSync(path)) return `Claude Code is not installed at \`${path}\` (\`claudeCode.pathToClaudeCodeExecutable\`)`;
  const own = (section?.["env"] ?? {}) as Record<string, unknown>;
  if (CLAUDE_AUTH_ENV.some((k) => env[k] || own[k])) return undefined;
  // macOS keeps the login in the keychain, which cannot be read from here: do not guess.
  if (process.platform === "darwin") return undefined;
  const dir = (typeof own["CLAUDE_CONFIG_DIR"] === "string" ? own["CLAUDE_CONFIG_DIR"] : undefined) ?? env["CLAUDE_CONFIG_DIR"] ?? join(env["HOME"] ?? homedir(), ".claude");
  if (existsSync(join(dir, ".credentials.json"))) return undefined;
  return `Claude Code is not logged in: no ${join(dir, ".credentials.json")} and no ANTHROPIC_API_KEY; run \`claude\` and \`/login\` once, or export ANTHROPIC_API_KEY`;
}
