import { closeSync, openSync, readSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { textOf } from "./stat-index.js";

/**
 * The texts of a tree's spec files as last read, by content key (spec/stat-index.ts), in
 * one file of the spec cache: a load that finds a file's stat unchanged takes its text from
 * here instead of opening the file (a run of 10,000 modules opened, read and closed 10,000
 * files). Content-addressed, so it is never out of step with the stat index: the index tells
 * which key a file has now, this file only what text a key stands for.
 *
 * Layout: the header's length (4 bytes, little-endian), the header (v8-serialised `Header`),
 * then the texts as UTF-8, one after another in the order of its keys.
 */
export interface TextStore {
  /** The text whose key is `key`, when stored; read a batch at a time, sliced from one string as spec/read-ahead.ts does. */
  text(key: string): string | undefined;
  /** Whether it holds a text under `key` (read or not). */
  has(key: string): boolean;
  /** The length in UTF-8 bytes of the text whose key is `key`, when stored. */
  bytes(key: string): number | undefined;
  /** How many texts it holds. */
  readonly size: number;
}

interface Header {
  stamp: string;
  /** The texts' keys, joined by line ends, as UTF-8. */
  keys: Uint8Array;
  /** Per text, in the same order: its length in UTF-8 bytes and in UTF-16 units (a JS string's length). */
  sizes: Float64Array;
}

/** Bytes of texts read at a time: decoded, past V8's large-object size (128 KB) as a string too (see read-ahead.ts). */
const BATCH_BYTES = 256 * 1024;
const LENGTH_BYTES = 4;

const EMPTY: TextStore = { text: () => undefined, has: () => false, bytes: () => undefined, size: 0 };

/** Opens the texts kept in `file` under `stamp`; missing, unreadable or of another stamp, it holds none. */
export function openTextStore(file: string, stamp: string): TextStore {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return EMPTY;
  }
  try {
    const head = readExactly(fd, LENGTH_BYTES, 0);
    const header = head && readExactly(fd, head.readUInt32LE(0), LENGTH_BYTES);
    const data = header && (deserialize(header) as Partial<Header> | undefined);
    if (!data || data.stamp !== stamp || !(data.keys instanceof Uint8Array) || !(data.sizes instanceof Float64Array)) return EMPTY;
    const keys = data.keys.length === 0 ? [] : textOf(data.keys).split("\n");
    if (data.sizes.length !== 2 * keys.length) return EMPTY;
    return storeOf(file, LENGTH_BYTES + header.length, keys, data.sizes);
  } catch {
    return EMPTY;
  } finally {
    closeSync(fd);
  }
}

function storeOf(file: string, start: number, keys: string[], sizes: Float64Array): TextStore {
  const at = new Map<string, number>();
  const offsets = new Float64Array(keys.length + 1);
  offsets[0] = start;
  keys.forEach((key, i) => {
    at.set(key, i);
    offsets[i + 1] = offsets[i]! + sizes[2 * i]!;
  });
  /** The texts of the batch read last, by position. */
  let batch = new Map<number, string>();
  let buffer: Buffer | undefined;
  return {
    size: keys.length,
    has: (key) => at.has(key),
    bytes(key) {
      const i = at.get(key);
      return i === undefined ? undefined : sizes[2 * i];
    },
    text(key) {
      const i = at.get(key);
      if (i === undefined) return undefined;
      if (!batch.has(i)) batch = readBatch(i);
      return batch.get(i);
    },
  };

  /** The texts from `first` on, up to `BATCH_BYTES` (at least one); none when the file is not as its header says. */
  function readBatch(first: number): Map<number, string> {
    let last = first + 1;
    while (last < keys.length && offsets[last + 1]! - offsets[first]! <= BATCH_BYTES) last++;
    const bytes = offsets[last]! - offsets[first]!;
    if (!buffer || buffer.length < bytes) buffer = Buffer.allocUnsafe(Math.max(bytes, BATCH_BYTES));
    const texts = new Map<number, string>();
    let fd: number | undefined;
    try {
      fd = openSync(file, "r");
      if (readInto(fd, buffer, bytes, offsets[first]!) !== bytes) return texts;
    } catch {
      return texts;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const joined = buffer.toString("utf8", 0, bytes);
    let chars = 0;
    for (let i = first; i < last; i++) chars += sizes[2 * i + 1]!;
    // Lengths that do not add up are a file not written by `writeTexts`: none of it is used.
    if (chars !== joined.length) return texts;
    for (let i = first, from = 0; i < last; i++) {
      const to = from + sizes[2 * i + 1]!;
      texts.set(i, joined.slice(from, to));
      from = to;
    }
    return texts;
  }
}

/**
 * The content of a text store holding `texts` (key -> text), for `writeAtomic` to write
 * piece by piece: the texts are not joined into one string or buffer first. `bytes` has the
 * length in UTF-8 bytes of texts whose length is known (as read, or as stored): the others are measured.
 */
export function* textsFile(stamp: string, texts: ReadonlyMap<string, string>, bytes: ReadonlyMap<string, number> = new Map()): Generator<string | Buffer> {
  const sizes = new Float64Array(2 * texts.size);
  let i = 0;
  for (const [key, text] of texts) {
    sizes[i++] = bytes.get(key) ?? Buffer.byteLength(text);
    sizes[i++] = text.length;
  }
  const header = serialize({ stamp, keys: Buffer.from([...texts.keys()].join("\n")), sizes } satisfies Header);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(header.length, 0);
  yield length;
  yield header;
  yield* texts.values();
}

/** Bytes of `fd` from `position`, exactly `length` of them, or undefined at a short file. */
function readExactly(fd: number, length: number, position: number): Buffer | undefined {
  const buffer = Buffer.allocUnsafe(length);
  return readInto(fd, buffer, length, position) === length ? buffer : undefined;
}

function readInto(fd: number, buffer: Buffer, length: number, position: number): number {
  let filled = 0;
  while (filled < length) {
    const n = readSync(fd, buffer, filled, length - filled, position + filled);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}
