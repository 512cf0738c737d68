/**
 * Most values a parsed config, `.mcp.json` or front matter may hold, counted as written out:
 * a few hundred in practice. YAML aliases are references, so ten lines of `&a [*b, *b, ...]`
 * parse at once into a value of a billion entries that any walk over it (validation, a message
 * showing it) then takes hours or memory without end to visit.
 */
export const MAX_VALUES = 100_000;

/** Deepest nesting of lists and mappings: real ones nest four or five deep; walks of them recurse. */
export const MAX_DEPTH = 64;

/**
 * Why `data` is too big to walk, undefined when it is not: more than `MAX_VALUES` values with
 * its aliases expanded, or nested deeper than `MAX_DEPTH`. Stops counting at the limit, so a
 * billion-entry value is judged in the time of `MAX_VALUES` steps.
 */
export function oversized(data: unknown): "values" | "depth" | undefined {
  const stack: [unknown, number][] = [[data, 0]];
  let count = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++count > MAX_VALUES) return "values";
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return "depth";
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** `Expected <what> to hold at most ...` for an `oversized` answer, naming the first alias (`*name`) when the values are too many. */
export function oversizedMessage(why: "values" | "depth", what: string, text: string): { message: string; line?: number } {
  if (why === "depth") return { message: `Expected ${what} to nest lists and mappings at most ${MAX_DEPTH} deep, got deeper` };
  const alias = /(?:^|[\s[{,:-])\*([^\s,\]}]+)/m.exec(text);
  if (!alias) return { message: `Expected ${what} to hold at most ${MAX_VALUES.toLocaleString("en-US")} values, got more` };
  const line = text.slice(0, alias.index + alias[0].length).split("\n").length;
  return { message: `Expected ${what} to hold at most ${MAX_VALUES.toLocaleString("en-US")} values, got more once its YAML aliases are expanded (\`*${alias[1]!}\` is the first): write the values out instead`, line };
}
