// The router's spec index on a generated tree of 1,000 modules (bench/plan.mjs's generator):
// the index build (the first request that names no module builds it), then one request
// against the built index, and a request that names its module (no index at all).
// Target: planning 1,000 modules well under 500 ms in total, index included.
import { isMain } from "./lib/main.mjs";
import { rmSync } from "node:fs";
import { analyzeTask, loadSpec } from "../dist/index.js";
import { generate } from "./plan.mjs";

/** CPU time of this process in ms: on a shared machine, wall time measures the neighbours too. */
function cpu() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.floor(sorted.length / 2)].toFixed(1);
}

export default async function run() {
  const { root } = generate(1_000);
  const builds = [];
  const queries = [];
  const named = [];
  const buildCpu = [];
  try {
    loadSpec(root); // warm the file cache and the JIT
    for (let i = 0; i < 5; i++) {
      const spec = loadSpec(root); // a fresh tree: the index is cached per tree
      let t = performance.now();
      const c = cpu();
      analyzeTask("validate the inputs of thing 512 and its events", spec);
      buildCpu.push(cpu() - c);
      builds.push(performance.now() - t);
      t = performance.now();
      analyzeTask("the make thing helper returns NaN for boundaries", spec);
      queries.push(performance.now() - t);
      t = performance.now();
      analyzeTask("fix m512", spec);
      named.push(performance.now() - t);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { name: "routing", results: [{ modules: 1_000, indexBuildMs: median(builds), indexBuildCpuMs: median(buildCpu), indexedRequestMs: median(queries), namedRequestMs: median(named) }] };
}

if (isMain(import.meta.url)) {
  const { results } = await run();
  console.table(results);
}
