/** Line of the deepest key of `path` found in YAML/JSON text, searching each key after its parent's line. */
export function lineOf(text: string, path: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let found: number | undefined;
  for (const key of path) {
    const re = new RegExp(`^\\s*(?:-\\s*)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    const index = lines.findIndex((l, i) => i >= from && re.test(l));
    if (index < 0) break;
    found = index + 1;
    from = index + 1;
  }
  return found;
}

/** The line of a JSON.parse error's "at position N", when its message says one. */
export function positionLine(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  return at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
}
