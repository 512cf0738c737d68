import type { MessagePort } from "node:worker_threads";

/**
 * What the two threads of spec/parse-ahead.ts share: the worker's input, the chunks it posts,
 * and the state both claim modules through (a lock, the main thread's next module, the
 * worker's first one, the messages posted).
 */

/** What the main thread hands over (spec/parse-ahead.ts makes it). */
export interface WorkerInput {
  root: string;
  modules: { file: string; id: string; layer: string }[];
  port: MessagePort;
  state: SharedArrayBuffer;
}

/** A module the worker read and parsed: its text, stat and content key, and its cache entry and `References` as JSON. */
export interface Parsed {
  ok: true;
  key: string;
  /** size, mtimeMs, ctimeMs, ino: what the stat index records. */
  stat: [number, number, number, number];
  text: string;
  /** JSON of its `Entry` (cache-files.ts); undefined when it has none (spec/cache-entry.ts `entryOf`). */
  entry: string | undefined;
  references: string;
}

/**
 * The modules `from` on, as many as `ok` has: each one's text, entry and `References` are cut
 * from three strings by `ends` (3 a module: where its text, entry and references end), its key
 * is a line of `keys`, its stat 4 numbers of `stats`; `ok[i]` is 0 for a module this worker
 * could not read or parse (the main thread does it again, which says why), 2 for one without
 * an entry. A few strings and typed arrays a chunk: a message of many small strings cost more
 * to copy between the threads than to parse them.
 */
export interface Chunk {
  from: number;
  ok: Uint8Array;
  texts: string;
  json: string;
  ends: Float64Array;
  keys: string;
  stats: Float64Array;
}

export type Message = Chunk | { done: true };

/** The parse of module `from + i` in `chunk`, whose `keys` are split, or undefined when the worker has none. */
export function parsedOf(chunk: Chunk, keys: string[], i: number): Parsed | undefined {
  if (chunk.ok[i] === 0) return undefined;
  const at = 3 * i;
  const text = chunk.texts.slice(i === 0 ? 0 : chunk.ends[at - 3], chunk.ends[at]);
  const entry = chunk.ok[i] === 2 ? undefined : chunk.json.slice(i === 0 ? 0 : chunk.ends[at - 1], chunk.ends[at + 1]);
  const references = chunk.json.slice(chunk.ends[at + 1], chunk.ends[at + 2]);
  const stat = chunk.stats.subarray(4 * i, 4 * i + 4);
  return { ok: true, key: keys[i]!, stat: [stat[0]!, stat[1]!, stat[2]!, stat[3]!], text, entry, references };
}

/** Slots of the shared state: a lock, the main thread's next module, the worker's first module, messages posted. */
export const LOCK = 0;
export const LO = 1;
export const HI = 2;
export const POSTED = 3;
export const STATE_SLOTS = 4;
/** Modules claimed at a time: the main thread waits for one chunk at most when they meet. */
export const CHUNK = 32;

export function lock(state: Int32Array): void {
  while (Atomics.compareExchange(state, LOCK, 0, 1) !== 0);
}

export function unlock(state: Int32Array): void {
  Atomics.store(state, LOCK, 0);
}
