import type { Worker } from "node:worker_threads";
import { CHUNK, HI, LO, POSTED, STATE_SLOTS, lock, parsedOf, unlock, type Chunk, type Message, type Parsed, type WorkerInput } from "./parse-chunks.js";

export type { Parsed } from "./parse-chunks.js";

/**
 * Module specs parsed on a second thread while this one parses too: a cold `plan` of 10,000
 * specs spent most of its time reading and parsing them, one after another, with a core idle.
 * The main thread takes the modules from the start of the list, a worker (spec/parse-worker.ts)
 * from the end, a chunk at a time, until they meet; so neither waits for the other longer than
 * a chunk, however busy the machine. What the worker sends is what the spec cache keeps (the
 * entry as JSON, spec/cache.ts `adopt`): the main thread reads it back as it would a cache hit,
 * in a third of the time of parsing, and the tree is the same as one parsed here.
 *
 * Any failure costs only the speed: a module the worker could not read or parse, and every
 * module not yet sent when it fails or stops answering, is done by the main thread as before.
 */
export interface ParseAhead {
  /** The worker's parse of module `i` (asked for in order), or undefined when this thread is to do it. */
  take(i: number): Parsed | undefined;
  /** Stops the worker, when it still runs. */
  close(): void;
}

export interface ParseAheadOptions {
  /** The worker's script. @default spec/parse-worker.js beside this file */
  script?: URL;
  /** How long to wait for the worker's next message before doing the rest here. @default 30_000 */
  timeoutMs?: number;
  /** The last modules, which this thread leaves to the worker however early it gets to them (tests). @default 0 */
  reserve?: number;
}

/** Modules the main thread claims at a time: fewer than the worker's, so that it rarely holds many the worker could have done when they meet. */
const MAIN_CHUNK = 8;

/** Starts a worker parsing `modules` from the end; undefined when none can be started (running from sources, as tests do). */
export function parseAhead(root: string, modules: WorkerInput["modules"], options: ParseAheadOptions = {}): ParseAhead | undefined {
  const script = options.script ?? defaultScript();
  if (!script) return undefined;
  // Loaded only here: a load that finds its tree in the cache starts no thread and needs none of it.
  const { MessageChannel, receiveMessageOnPort, Worker } = process.getBuiltinModule("node:worker_threads");
  const shared = new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  state[HI] = modules.length;
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { root, modules, port: port2, state: shared } satisfies WorkerInput, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  // Its errors are reported as `done` where it can; one it cannot report ends the wait below.
  worker.on("error", () => {});
  worker.unref();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const reserved = modules.length - (options.reserve ?? 0);
  /** The main thread's modules are those before this one (and from `LO` on, the worker's). */
  let mineUntil = 0;
  /** The chunks received, by the index of their first module, with their keys split. */
  const chunks = new Map<number, { chunk: Chunk; keys: string[] }>();
  let finished = false;
  const stop = () => {
    if (!finished) void worker.terminate();
    finished = true;
  };
  const receive = (message: Message) => {
    if ("done" in message) finished = true;
    else chunks.set(message.from, { chunk: message, keys: message.keys.split("\n") });
  };

  /** The chunk holding module `i`: the worker's chunks start at or after the main thread's modules, so it starts at most a chunk before `i`. */
  const chunkOf = (i: number) => {
    for (let from = i; from > i - CHUNK && from >= 0; from--) {
      const found = chunks.get(from);
      if (found) return i < found.chunk.from + found.chunk.ok.length ? found : undefined;
    }
    return undefined;
  };

  return {
    take(i) {
      if (i < mineUntil) return undefined;
      // Claimed a few at a time: a lock per module cost as much as the parse of a few.
      lock(state);
      const to = Math.min(state[HI]!, reserved, i + MAIN_CHUNK);
      if (i < to) state[LO] = mineUntil = to;
      unlock(state);
      if (i < to) return undefined;
      for (;;) {
        const found = chunkOf(i);
        if (found) return parsedOf(found.chunk, found.keys, i - found.chunk.from);
        if (finished) return undefined;
        const posted = Atomics.load(state, POSTED);
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) receive(m.message as Message);
        if (chunkOf(i) || finished) continue;
        if (Atomics.wait(state, POSTED, posted, timeoutMs) === "timed-out") stop();
      }
    },
    close() {
      stop();
      port1.close();
    },
  };
}

/** The worker's compiled script; none when running from TypeScript sources, which a worker cannot load. */
function defaultScript(): URL | undefined {
  return import.meta.url.endsWith(".js") ? new URL("./parse-worker.js", import.meta.url) : undefined;
}
