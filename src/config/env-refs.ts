/** A whole value that is an environment reference: `${NAME}`, `${NAME:-default}` or `$NAME`. */
const REFERENCE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/** Keys whose values are shell command lines: a shell expands their references when it runs them. */
const SHELL_KEYS: ReadonlySet<string> = new Set(["run", "setup"]);
/** Sections made of gate checks, whose strings are commands, globs and patterns. */
const CHECK_SECTIONS: ReadonlySet<string> = new Set(["gates", "layers", "modules"]);

/**
 * The first config value that is nothing but an environment variable reference
 * (`apiKey: ${ANTHROPIC_API_KEY}`). orchestrate.config.yaml does not expand them, so such a
 * value would reach an agent as the literal text: an API key or a URL that fails only once
 * a paid run has started.
 */
export function envReference(data: unknown, path: string[] = []): { path: string[]; value: string } | undefined {
  if (typeof data === "string") return REFERENCE.test(data.trim()) ? { path, value: data } : undefined;
  if (typeof data !== "object" || data === null) return undefined;
  for (const [key, value] of Object.entries(data)) {
    if (SHELL_KEYS.has(key) || (path.length === 0 && CHECK_SECTIONS.has(key))) continue;
    const found = envReference(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
