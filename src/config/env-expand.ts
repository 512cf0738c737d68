/** `${VAR}` or `${VAR:-default}`, as Claude Code expands them in `.mcp.json`. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Unset {
  /** Keys down to the string holding the reference. */
  path: string[];
  variable: string;
}

/**
 * Expands environment references in every string of `value` (keys stay as written), the
 * way Claude Code reads `.mcp.json` (command, args, env, url, headers), so one file serves
 * both. A variable that is unset and has no default is returned, not replaced by "":
 * an empty token or URL would fail later and far from its cause.
 */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv, path: string[] = []): { value: unknown } | { unset: Unset } {
  if (typeof value === "string") {
    let unset: string | undefined;
    const text = value.replace(REFERENCE, (whole, name: string, fallback: string | undefined) => {
      const set = env[name];
      // As in a shell: `${VAR:-d}` takes d when VAR is unset or empty, `${VAR}` only needs it set.
      if (set !== undefined && (set !== "" || fallback === undefined)) return set;
      if (fallback !== undefined) return fallback;
      unset ??= name;
      return whole;
    });
    return unset === undefined ? { value: text } : { unset: { path, variable: unset } };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, item] of value.entries()) {
      const r = expandEnv(item, env, [...path, String(i)]);
      if ("unset" in r) return r;
      out.push(r.value);
    }
    return { value: out };
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(value)) {
      const r = expandEnv(item, env, [...path, k]);
      if ("unset" in r) return r;
      out[k] = r.value;
    }
    return { value: out };
  }
  return { value };
}
