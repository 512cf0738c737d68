// Load and plan generated spec trees of 100, 1,000 and 10,000 modules (~2 KB of spec each).
// Targets: 1,000 modules in < 500 ms above the CLI's start-up, 10,000 in < 5 s, linear growth.
// Each figure is the median of several runs.
import { isMain } from "./lib/main.mjs";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, buildPlan, analyzeTask } from "../dist/index.js";
import { generate } from "./lib/spec-tree.mjs";

export { generate };

const BIN = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
function timeIt(fn) {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

/** The median of `n` timings: one run on a shared machine says little. */
function median(n, fn) {
  const runs = Array.from({ length: n }, () => timeIt(fn));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(n / 2)];
}

export default async function run() {
  const results = [];
  const made = [];
  const startup = median(5, () => execFileSync(process.execPath, [BIN, "--version"])).ms;
  for (const n of [100, 1_000, 10_000]) {
    const { root, bytes } = generate(n);
    made.push(root);
    {
      loadSpec(root); // warm the file cache and the JIT, as a second CLI run would find them
      const reps = n >= 10_000 ? 3 : 5;
      const load = median(reps, () => loadSpec(root));
      const plan = median(reps, () => buildPlan(load.value, analyzeTask("implement system", load.value), "implement system"));
      const cli = median(reps, () => execFileSync(process.execPath, [BIN, "plan", "implement system", "--project", root, "--json"], { maxBuffer: 1 << 30 })).ms;
      const total = load.ms + plan.ms;
      results.push({
        modules: n,
        avgSpecBytes: Math.round(bytes / n),
        loadMs: +load.ms.toFixed(1),
        planMs: +plan.ms.toFixed(1),
        totalMs: +total.toFixed(1),
        perModuleMs: +(total / n).toFixed(3),
        cliMs: +cli.toFixed(0),
        cliAboveStartupMs: +(cli - startup).toFixed(0),
        warnings: plan.value.warnings.length,
      });
    }
  }
  // Deleting thousands of files keeps the disk busy (discard) for a while: only at the end.
  for (const root of made) rmSync(root, { recursive: true, force: true });
  return { name: "plan", startupMs: +startup.toFixed(0), results };
}

if (isMain(import.meta.url)) {
  const { startupMs, results } = await run();
  console.log(`CLI start-up (--version): ${startupMs} ms`);
  console.table(results);
}
