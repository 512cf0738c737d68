import { nearestKey } from "../config/expected.js";
import { ConfigError } from "../errors.js";

/**
 * An agent section's key the agent does not know (`anthropic.max_tokens`, `claudeCode.maxturns`)
 * is an error, as a top-level typo is: ignored, the setting the user meant would silently not apply.
 */
export function rejectUnknownKeys(section: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const nearest = nearestKey(key, known);
    const hint = nearest ? `: did you mean \`${nearest}\`?` : ` (known: ${known.join(", ")})`;
    throw new ConfigError("CONFIG_INVALID", `Unknown key \`${section}.${key}\`${hint}`, { key: `${section}.${key}` });
  }
}
