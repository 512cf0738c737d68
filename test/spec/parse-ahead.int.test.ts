import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the bench's generator is plain JavaScript
import { moduleSpec } from "../../bench/lib/spec-tree.mjs";
import { loadSpec, saveSpecCache, type LoadOptions } from "../../src/spec/load.js";
import { parseAhead } from "../../src/spec/parse-ahead.js";
import { listTree } from "../../src/spec/listing.js";
import { openSpecCache } from "../../src/spec/cache.js";
import { buildPlan } from "../../src/plan/build.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { SpecError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";
import { buildProblem } from "../helpers/build.js";

// A worker thread runs compiled JavaScript: the worker's script is the build's (`npm test` builds first).
const SCRIPT = new URL("../../dist/spec/parse-worker.js", import.meta.url);
const LAYERS = ["foundation", "core", "services", "interface"];
const N = 120;
/** The worker's share, however fast this thread is: enough chunks to cross. */
const RESERVE = 70;

/** A project of `n` generated module specs (bench/lib/spec-tree.mjs), one with emoji and CRLF line ends, where orchestrate keeps state. */
function project(n = N, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ".orchestrate/.keep": "", ".claude/system/SYSTEM_ORCHESTRATOR.md": `# System\nLayers: ${LAYERS.join(", ")}.\n` };
  for (let i = 0; i < n; i++) {
    const layer = LAYERS[i % LAYERS.length]!;
    const deps = [i - 1, i - 7].filter((d) => d >= 0 && LAYERS.indexOf(LAYERS[d % LAYERS.length]!) <= LAYERS.indexOf(layer));
    const text = moduleSpec(i, layer, deps) as string;
    files[`.claude/layers/${layer}/modules/M${i}_AGENT.md`] = i === n - 3 ? `\uFEFF${text.replace(/\n/g, "\r\n")}` : text;
  }
  return makeProject({ ...files, ...extra });
}

const CACHE_FILES = ["specs.json", "refs.json"];

/** A cold load (no parse cache) with `options`, saved: the tree, its plan, and the cache files written. */
function coldLoad(root: string, options: LoadOptions) {
  rmSync(join(root, ".orchestrate", "cache"), { recursive: true, force: true });
  const tree = loadSpec(root, { cache: true, ...options });
  const plan = buildPlan(tree, analyzeTask("implement system", tree), "implement system");
  saveSpecCache(tree);
  const files = CACHE_FILES.map((f) => readFileSync(join(root, ".orchestrate", "cache", f), "utf8"));
  return { tree, plan, files };
}

const ONE_THREAD: LoadOptions = { parallelFrom: Number.POSITIVE_INFINITY };

describe.skipIf(buildProblem() !== undefined)("parsing a tree on two threads (spec/parse-ahead.ts)", () => {
  it("hands the worker's parses to the main thread: the last modules come from it", () => {
    const root = project();
    const all = listTree(root).layers.flatMap((l) => l.modules.map(({ file, id }) => ({ file, id, layer: l.id })));
    const ahead = parseAhead(root, all, { script: SCRIPT, reserve: RESERVE })!;
    try {
      const taken = all.map((_, i) => ahead.take(i));
      expect(taken.slice(0, N - RESERVE).every((t) => t === undefined)).toBe(true);
      const fromWorker = taken.slice(N - RESERVE);
      expect(fromWorker.every((t) => t?.ok === true)).toBe(true);
      const last = fromWorker[fromWorker.length - 1]!;
      expect(last.text).toBe(readFileSync(join(root, all[N - 1]!.file), "utf8"));
      expect(JSON.parse(last.entry!)).toMatchObject({ module: { id: all[N - 1]!.id, specFile: all[N - 1]!.file } });
    } finally {
      ahead.close();
    }
  });

  it("gives the tree, the plan and the cache files of a parse on one thread, and a second load reads that cache", () => {
    const root = project();
    const one = coldLoad(root, ONE_THREAD);
    const two = coldLoad(root, { parallelFrom: 1, parseAhead: { script: SCRIPT, reserve: RESERVE } });
    expect(two.tree).toEqual(one.tree);
    expect(two.plan).toEqual(one.plan);
    expect(two.files).toEqual(one.files);
    // The cache the two threads wrote is whole: every entry is a hit (nothing to write again), and the tree is the same.
    const again = loadSpec(root, { cache: true });
    expect(again).toEqual(one.tree);
    expect(openSpecCache(root).entries).toBe(N);
  });

  it("is not used for a small tree or one the cache has entries of", () => {
    const root = project(8);
    // A worker script that cannot load stalls a load that starts it for its timeout, past the test's own.
    const broken = join(root, "broken-worker.mjs");
    writeFileSync(broken, "throw new Error('not to be started');\n");
    const options: LoadOptions = { parseAhead: { script: new URL(`file://${broken}`), timeoutMs: 600_000, reserve: 8 } };
    const one = coldLoad(root, ONE_THREAD);
    expect(coldLoad(root, options).tree).toEqual(one.tree);
    saveSpecCache(loadSpec(root, { cache: true, parallelFrom: 1, ...options }));
  });

  it("leaves the modules to the main thread when the worker cannot start or stops answering", () => {
    const root = project();
    const one = coldLoad(root, ONE_THREAD);
    const broken = join(root, "broken-worker.mjs");
    writeFileSync(broken, "throw new Error('a worker that fails as it loads');\n");
    const failed = coldLoad(root, { parallelFrom: 1, parseAhead: { script: new URL(`file://${broken}`), timeoutMs: 300, reserve: RESERVE } });
    expect(failed.tree).toEqual(one.tree);
    expect(failed.files).toEqual(one.files);
    // A worker that claims every module and never answers.
    const silent = join(root, "silent-worker.mjs");
    writeFileSync(silent, "import { workerData } from 'node:worker_threads';\nconst s = new Int32Array(workerData.state);\nAtomics.store(s, 2, 0);\nsetInterval(() => {}, 1000);\n");
    const stuck = coldLoad(root, { parallelFrom: 1, parseAhead: { script: new URL(`file://${silent}`), timeoutMs: 300 } });
    expect(stuck.tree).toEqual(one.tree);
    expect(stuck.files).toEqual(one.files);
  });

  it("throws the error a parse on one thread throws for a spec the worker could not parse", () => {
    const bad = `.claude/layers/interface/modules/M${N - 1}_AGENT.md`;
    const root = project(N, { [bad]: "---\ndepends_on: [m1]\n# never closed\n" });
    const error = (options: LoadOptions) => {
      try {
        coldLoad(root, options);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    };
    const one = error(ONE_THREAD);
    expect(one).toBeInstanceOf(SpecError);
    const two = error({ parallelFrom: 1, parseAhead: { script: SCRIPT, reserve: RESERVE } });
    expect(two).toEqual(one);
    expect((two as SpecError).message).toBe((one as SpecError).message);
  });
});
