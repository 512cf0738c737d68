import { frame, indentOf, spanning, splitLocation, type LineParser } from "./lines.js";
import { nodeFrame } from "./node.js";
import type { Frame } from "./types.js";

const NOT_OK = /^(\s*)not ok \d+(?: - .*)?$/;
const FIELD = /^\s*(error|name|location|failureType|stack): ?(.*)$/;
/** A failing test's YAML block is this long at most; a longer one is cut (the stack is at most Error.stackTraceLimit lines). */
const MAX_BLOCK = 200;

/**
 * A failing test in TAP, as `node --test` prints it to a file or pipe (its default reporter
 * there): `not ok N - name`, then a YAML block with `error`, `name`, `location` and a
 * `stack: |-` whose lines are V8 frames without `at `. The stack's frames come first,
 * innermost first, then the test's `location`. A suite failing only because its tests
 * did (`failureType: 'subtestsFailed'`) is no error of its own.
 */
export const parseNodeTap: LineParser = (lines, at) => {
  const head = NOT_OK.exec(lines[at] ?? "");
  if (!head) return undefined;
  const open = lines[at + 1] ?? "";
  if (open.trim() !== "---" || indentOf(open) <= (head[1]?.length ?? 0)) return undefined;
  const indent = indentOf(open);
  const fields = new Map<string, string>();
  const frames: Frame[] = [];
  let i = at + 2;
  let inStack = false;
  for (; i < lines.length && i < at + MAX_BLOCK; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "..." && indentOf(line) === indent) {
      i++;
      break;
    }
    if (inStack && indentOf(line) > indent) {
      const found = nodeFrame(`    at ${line.trim()}`);
      if (found) frames.push(found);
      continue;
    }
    inStack = false;
    const field = indentOf(line) === indent ? FIELD.exec(line) : null;
    if (!field) continue;
    fields.set(field[1]!, unquote(field[2] ?? ""));
    inStack = field[1] === "stack";
  }
  if (fields.get("failureType") === "subtestsFailed") return undefined;
  const location = splitLocation(fields.get("location") ?? "");
  if (location) frames.push(frame(location.file, location.line, location.column));
  const name = fields.get("name");
  const error = fields.get("error") ?? "";
  return spanning(at, i, { format: "node", message: name ? `${name}: ${error}` : error, frames });
};

/** `'x'`, `"x"` (YAML's quoted scalars, as Node writes them) -> x. */
function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === "'" || v[0] === '"') && v.at(-1) === v[0]) return v.slice(1, -1).replace(v[0] === "'" ? /''/g : /\\"/g, v[0]);
  return v;
}
