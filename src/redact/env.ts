/** A secret value the process can see, and the name it is shown by once redacted. */
export interface SecretValue {
  name: string;
  value: string;
}

/** Names whose values are secrets: `*KEY`, `*TOKEN`, `*SECRET`, `*PASSWORD` and their usual variants. */
const SECRET_NAME = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE)$/i;

/** Providers' secrets whose names do not end like that. */
const KNOWN_NAMES = new Set(["AWS_ACCESS_KEY_ID", "NPM_CONFIG__AUTH", "NPM_CONFIG__AUTHTOKEN"]);

/**
 * Values shorter than this are not treated as secrets: a real credential is longer, and
 * redacting every `1`, `true` or `dev` a `*_KEY` variable holds would blank ordinary
 * words all over logs and prompts (and hint at the value by where the markers fall).
 */
export const MIN_SECRET_LENGTH = 8;

/** Whether a variable's name says its value is a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || KNOWN_NAMES.has(name.toUpperCase());
}

/** The secret values in an environment, longest first (so a value containing another goes whole). */
export function secretValues(env: Record<string, string | undefined>): SecretValue[] {
  const found: SecretValue[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isSecretName(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) found.push({ name, value: trimmed });
  }
  return found.sort((a, b) => b.value.length - a.value.length);
}
