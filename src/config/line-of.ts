/**
 * Line of the deepest key of `path` found in YAML/JSON text, searching each key after its parent's
 * line. A list index (`gates.module.1`) is the YAML block list's item of that number; an index it
 * cannot place (JSON, a flow list) is passed over, and the next key searched after the parent.
 */
export function lineOf(text: string, path: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let found: number | undefined;
  for (const key of path) {
    if (/^\d+$/.test(key)) {
      const item = listItem(lines, from, Number(key));
      if (item === undefined) continue;
      found = item + 1;
      // The item's line may hold its first key (`- name: x`).
      from = item;
      continue;
    }
    const re = new RegExp(`^\\s*(?:-\\s*)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    const index = lines.findIndex((l, i) => i >= from && re.test(l));
    if (index < 0) break;
    found = index + 1;
    from = index + 1;
  }
  return found;
}

/** The index of the `n`th item (from 0) of the block list starting at or after line `from`. */
function listItem(lines: string[], from: number, n: number): number | undefined {
  let indent: number | undefined;
  let count = -1;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const body = line.trimStart();
    if (body === "" || body.startsWith("#")) continue;
    const depth = line.length - body.length;
    const item = /^-(?:\s|$)/.test(body);
    // A line left of the list's dash ends it; so does a key at its level (the list's sibling).
    if (indent === undefined ? !item : depth < indent || (depth === indent && !item)) return undefined;
    if (depth > (indent ?? depth)) continue; // an item's own lines, or a nested list
    indent = depth;
    if (++count === n) return i;
  }
  return undefined;
}

/** The line of a JSON.parse error's "at position N", when its message says one. */
export function positionLine(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  return at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
}
