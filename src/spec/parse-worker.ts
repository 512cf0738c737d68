import { workerData, type MessagePort } from "node:worker_threads";

/**
 * The worker thread of spec/parse-ahead.ts: claims chunks of the module specs from the end of
 * the tree's list (the main thread takes them from the start), reads and parses each, and
 * posts what the spec cache keeps of it. Only node's own modules are imported statically: a
 * parser that cannot be loaded here is reported as a failure, never left waited for.
 */

/** What the main thread hands over (spec/parse-ahead.ts makes it). */
export interface WorkerInput {
  root: string;
  modules: { file: string; id: string; layer: string }[];
  port: MessagePort;
  state: SharedArrayBuffer;
}

/** A module read and parsed here: its text, stat and content key, and its cache entry and `References` as JSON. */
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

/** A module this worker could not read or parse: the main thread does it again, which says why. */
export interface NotParsed {
  ok: false;
}

export type Message = { from: number; results: (Parsed | NotParsed)[] } | { done: true };

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

async function work(input: WorkerInput): Promise<void> {
  const state = new Int32Array(input.state);
  const post = (message: Message) => {
    input.port.postMessage(message);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  };
  try {
    const [{ parseModule }, { entryOf, referencesOf }, { readAhead }, { contentKey }] = await Promise.all([import("./module.js"), import("./cache-entry.js"), import("./read-ahead.js"), import("./stat-index.js")]);
    for (;;) {
      lock(state);
      const to = state[HI]!;
      const from = Math.max(state[LO]!, to - CHUNK);
      if (from < to) state[HI] = from;
      unlock(state);
      if (from >= to) break;
      const chunk = input.modules.slice(from, to);
      const read = readAhead(input.root, chunk.map((m) => m.file));
      const results = chunk.map(({ file, id, layer }): Parsed | NotParsed => {
        try {
          const { text, stat } = read(file);
          const parsed = parseModule(file, text, id, layer);
          const entry = entryOf(parsed, text);
          return { ok: true, key: contentKey(file, text), stat: [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino], text, entry: entry && JSON.stringify(entry), references: JSON.stringify(referencesOf(parsed)) };
        } catch {
          return { ok: false };
        }
      });
      post({ from, results });
    }
  } finally {
    post({ done: true });
    input.port.close();
  }
}

const input = workerData as WorkerInput | undefined;
if (input?.port && input.state) {
  work(input).catch(() => {
    // Posted as done in `work`: the main thread does the rest itself.
  });
}
