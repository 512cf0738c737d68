import { workerData } from "node:worker_threads";
import { CHUNK, HI, LO, POSTED, lock, unlock, type Message, type WorkerInput } from "./parse-chunks.js";

/**
 * The worker thread of spec/parse-ahead.ts: claims chunks of the module specs from the end of
 * the tree's list (the main thread takes them from the start), reads and parses each, and
 * posts what the spec cache keeps of it. Only node's own modules are imported statically: a
 * parser that cannot be loaded here is reported as a failure, never left waited for.
 */

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
      const modules = input.modules.slice(from, to);
      const read = readAhead(input.root, modules.map((m) => m.file));
      const ok = new Uint8Array(modules.length);
      const ends = new Float64Array(3 * modules.length);
      const stats = new Float64Array(4 * modules.length);
      const texts: string[] = [];
      const json: string[] = [];
      const keys: string[] = [];
      let textEnd = 0;
      let jsonEnd = 0;
      modules.forEach(({ file, id, layer }, i) => {
        try {
          const { text, stat } = read(file);
          const parsed = parseModule(file, text, id, layer);
          const entry = entryOf(parsed, text);
          const entryJson = entry ? JSON.stringify(entry) : "";
          const references = JSON.stringify(referencesOf(parsed));
          keys.push(contentKey(file, text));
          stats.set([stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino], 4 * i);
          texts.push(text);
          json.push(entryJson, references);
          textEnd += text.length;
          jsonEnd += entryJson.length;
          ends[3 * i + 1] = jsonEnd;
          jsonEnd += references.length;
          ok[i] = entry ? 1 : 2;
        } catch {
          keys.push("");
          ends[3 * i + 1] = jsonEnd;
        }
        ends[3 * i] = textEnd;
        ends[3 * i + 2] = jsonEnd;
      });
      post({ from, ok, texts: texts.join(""), json: json.join(""), ends, keys: keys.join("\n"), stats });
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
