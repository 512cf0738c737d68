/**
 * `JSON.stringify(value, null, 2)`, the same text, made and handed on in pieces: the objects
 * and arrays of the first `depth` levels are written here, each value below them by
 * `JSON.stringify` (re-indented: a JSON text has no line break but those of its layout).
 * A 10,000-module plan is 25 MB of JSON, made as one string (two bytes a character once a
 * spec holds an emoji) and copied once more into a buffer to be written: 75 MB of fresh
 * memory, each page of it a page fault (and more, queued, when a pipe's reader is slower). In
 * pieces, the memory is the same few young pages.
 * Values with a `toJSON` and objects of other classes than `Object` are left to `JSON.stringify`
 * (a `toJSON` is called with `""` for its key, not the field's name).
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ""): Generator<string> {
  if (depth <= 0 || !isLayout(value)) return yield String(leafText(value, indent));
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      // An element JSON has no text for (undefined, a function, a symbol) is written as `null`.
      if (depth > 1 && isLayout(value[i])) yield* jsonPieces(value[i], depth - 1, inner);
      else yield leafText(value[i], inner) ?? "null";
    }
    return yield `\n${indent}]`;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    const layout = depth > 1 && isLayout(field);
    // A field JSON has no text for (undefined, a function, a symbol) is left out.
    const text = layout ? "" : leafText(field, inner);
    if (text === undefined) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    if (layout) yield* jsonPieces(field, depth - 1, inner);
    else yield text;
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** What `writeJson` writes to: `process.stdout`, or any writable stream. */
export interface JsonOut {
  /** A destroyed stream (a failed one) drains no more: what is written to it after is discarded. */
  readonly destroyed?: boolean;
  write(text: string): boolean;
  on(event: "drain" | "error" | "close", listener: () => void): unknown;
  off(event: "drain" | "error" | "close", listener: () => void): unknown;
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` and a line break, in chunks of about
 * `chunk` characters (16 K: 32 KB at most, in V8's young generation, where a larger string
 * would be a large object of its own), waiting for a full pipe to drain: a pipe's reader
 * slower than this would otherwise leave the rest of the text queued in memory.
 */
export async function writeJson(out: JsonOut, value: unknown, chunk = 1 << 14): Promise<void> {
  let pending = "";
  for (const piece of jsonPieces(value)) {
    pending += piece;
    if (pending.length < chunk) continue;
    const flowing = out.write(pending);
    pending = "";
    if (!flowing && out.destroyed !== true) await drained(out);
  }
  out.write(`${pending}\n`);
}

/** Resolves when `out` drains, or fails or closes (its owner handles that: what is written after is its concern). */
function drained(out: JsonOut): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "error", "close"] as const) out.off(event, done);
      resolve();
    };
    for (const event of ["drain", "error", "close"] as const) out.on(event, done);
  });
}

/** An array or a plain object without `toJSON`: what the first levels are written of. */
function isLayout(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `JSON.stringify(value, null, 2)` with each line after the first indented by `indent` (two
 * spaces a level); undefined where JSON has no text for it. An array or plain object is
 * stringified inside as many arrays as `indent` has levels, and cut out of them: JSON lays it
 * out indented as it is here, where indenting its text afterwards made a second copy of it (a
 * 10,000-module plan's modules, 22 MB: 115 -> 98 ms of CPU to write the plan).
 */
function leafText(value: unknown, indent: string): string | undefined {
  if (indent === "" || !isLayout(value)) {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    return indent === "" || text === undefined ? text : text.replaceAll("\n", `\n${indent}`);
  }
  const levels = indent.length / 2;
  let wrapped: unknown = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level opens with `[`, a line end and its indent, and closes with a line end, the indent of the level outside and `]`.
  return text.slice(2 * levels + levels * (levels + 1), text.length - (2 * levels + levels * (levels - 1)));
}
