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
