import { createRedactor, type Redactor } from "./redactor.js";
import { MIN_SECRET_LENGTH, type SecretValue } from "./env.js";

export { createRedactor, type Redactor, type RedactorOptions } from "./redactor.js";
export { isSecretName, secretValues, MIN_SECRET_LENGTH, type SecretValue } from "./env.js";
export type { StreamRedactor } from "./stream.js";
export { TOKEN_RULES, type TokenRule } from "./rules.js";
export { urlWithoutPassword } from "./url-password.js";
export { PRIVATE_DIR, PRIVATE_FILE, mkdirPrivate, writePrivate } from "./files.js";

// The process's secrets are read once, on first use: enumerating the environment costs
// tens of microseconds, too much for every store write. `refreshSecrets` re-reads it.
let current: Redactor | undefined;
const extra: SecretValue[] = [];

function redactor(): Redactor {
  return (current ??= createRedactor({ values: extra }));
}

/** Re-reads the environment (after it changed: in tests, or after loading a `.env`). */
export function refreshSecrets(): void {
  current = undefined;
}

/** Adds secret values the environment does not hold (a config's agent `env`, say); ignores short ones. */
export function addSecrets(values: SecretValue[]): void {
  let added = false;
  for (const v of values) {
    if (v.value.trim().length < MIN_SECRET_LENGTH || extra.some((e) => e.value === v.value.trim())) continue;
    extra.push({ name: v.name, value: v.value.trim() });
    added = true;
  }
  if (added) current = undefined;
}

/** `text` with the process's secrets and well-known token shapes replaced by `[REDACTED:<what>]` markers. */
export function redact(text: string): string {
  return redactor().text(text);
}

/** `redact(text)`, remembering under `key` (a spec's digest) that the text was clean, for `redactQuoting`. */
export function redactRemembering(text: string, key: string): string {
  return redactor().remember(text, key);
}

/** `redact(text)` for a text quoting `part`, which `redactRemembering` found clean under `key`: the part is not read again. */
export function redactQuoting(text: string, part: string, key: string): string {
  return redactor().quoting(text, part, key);
}

/** A JSON text with the secrets inside its strings redacted. */
export function redactJson(json: string): string {
  return redactor().json(json);
}

/** A redactor for text arriving in pieces, such as a child process's output. */
export function redactStream(): import("./stream.js").StreamRedactor {
  return redactor().stream();
}
