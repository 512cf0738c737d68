/** Passed to every sandboxed command: what a shell and a test runner need, nothing that authenticates. */
export const BASE_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TERM", "TZ", "USER"] as const;

/**
 * Names that hold credentials by convention. They never reach a model's command, even when
 * listed in `sandbox.env`: the command's output goes back to the model provider.
 */
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * What a coding CLI run by the `command` agent needs to reach its model API: its key and
 * endpoint. Passed only to `command` agents that opt into the sandbox (`command.sandbox: true`);
 * the CLI holds the key anyway, so hiding it would only stop the CLI from working.
 */
export const CLI_ENV = [
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_AUTH_TOKEN",
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_MODEL",
  "CLAUDE_CODE_OAUTH_TOKEN",
  "CLAUDE_CODE_USE_BEDROCK",
  "CLAUDE_CODE_USE_VERTEX",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_MODEL",
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_CLOUD_PROJECT",
  "DASHSCOPE_API_KEY",
  "OPENROUTER_API_KEY",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "SSL_CERT_FILE",
  "NODE_EXTRA_CA_CERTS",
] as const;

/**
 * The environment of a sandboxed command: the allow-list and `names` copied from `from`
 * (secret names dropped from `names`), `pass` copied as is, then `set`.
 */
export function sandboxEnv(
  from: NodeJS.ProcessEnv,
  names: readonly string[],
  pass: readonly string[] = [],
  set: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const copy = (name: string) => {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  };
  for (const name of BASE_ENV) copy(name);
  for (const name of names) if (!isSecretName(name)) copy(name);
  for (const name of pass) copy(name);
  return { ...env, ...set };
}
