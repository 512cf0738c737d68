import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { HI, LO, POSTED, STATE_SLOTS, lock, unlock, type Message, type NotParsed, type Parsed, type WorkerInput } from "./parse-worker.js";

export type { Parsed } from "./parse-worker.js";

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

/** Starts a worker parsing `modules` from the end; undefined when none can be started (running from sources, as tests do). */
export function parseAhead(root: string, modules: WorkerInput["modules"], options: ParseAheadOptions = {}): ParseAhead | undefined {
  const script = options.script ?? defaultScript();
  if (!script) return undefined;
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
  const results = new Map<number, Parsed | NotParsed>();
  let finished = false;
  const stop = () => {
    if (!finished) void worker.terminate();
    finished = true;
  };
  const receive = (message: Message) => {
    if ("done" in message) finished = true;
    else message.results.forEach((result, offset) => results.set(message.from + offset, result));
  };

  return {
    take(i) {
      lock(state);
      const mine = i < state[HI]! && i < reserved;
      if (mine) state[LO] = i + 1;
      unlock(state);
      if (mine) return undefined;
      for (;;) {
        const found = results.get(i);
        if (found) {
          results.delete(i);
          return found.ok ? found : undefined;
        }
        if (finished) return undefined;
        const posted = Atomics.load(state, POSTED);
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) receive(m.message as Message);
        if (results.has(i) || finished) continue;
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
