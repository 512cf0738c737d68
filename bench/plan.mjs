// Load and plan generated spec trees of 100, 1,000 and 10,000 modules (~2 KB of spec each).
// Targets: 1,000 modules in < 500 ms above the CLI's start-up, 10,000 in < 5 s, linear growth.
// Each figure is the median of several runs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, buildPlan, analyzeTask } from "../dist/index.js";

const BIN = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
const LAYERS = ["foundation", "core", "services", "interface"];

function moduleSpec(i, layer, deps) {
  const name = `m${i}`;
  const imports = deps.map((d) => `from pkg.${LAYERS[d % LAYERS.length]}.m${d} import Thing${d}`).join("\n");
  return `---
owns: [pkg/${layer}/${name}_extra.py]
---
# 📦 ${name.toUpperCase()}_AGENT

**Type**: Module Agent
**Layer**: ${LAYERS.indexOf(layer) + 1} - ${layer}
**Module**: \`pkg/${layer}/${name}.py\`
**Orchestrator**: ${layer.toUpperCase()}_ORCHESTRATOR

## 🎯 Purpose
Module ${name} turns inputs into outputs for the ${layer} layer. It keeps its state private,
validates every argument, and reports failures with typed errors that name the input.

## Module Ownership
**Related Files**:
- \`tests/test_${name}.py\`

## Depends On
${deps.slice(0, 1).map((d) => `- m${d}`).join("\n")}

\`\`\`python
${imports}
from decimal import Decimal
import json
\`\`\`

Uses \`Thing${deps[0] ?? 0}\` for its inputs.

## Provides
- \`Thing${i}\`
- \`make_thing_${i}(value)\`

## Responsibilities
- Parse and validate the inputs the ${layer} layer hands over; reject anything malformed with an error that names the field.
- Keep every intermediate value immutable, so callers can cache results without defensive copies.
- Publish one event per state change, after the change is complete, never before.
- Expose only the functions listed under Provides; everything else stays module-private.

## Testing Requirements
- Unit tests for every public function: the happy path, each error, and the boundaries of every numeric input.
- A property test that make_thing_${i} is deterministic for equal inputs.

## Rules
1. Never mutate arguments; return new values.
2. Keep functions under 40 lines; name them for what they return.
3. Every public function has a test for its happy path and for each error it raises.

### Forbidden Imports
- \`pkg.interface\`

## Performance Targets
- make_thing_${i}: < 1 ms for 10,000 items.

\`\`\`bash
# run the module's tests
python -m pytest tests/test_${name}.py -q
\`\`\`
`;
}

export function generate(n) {
  const root = mkdtempSync(join(tmpdir(), `orchestrate-bench-${n}-`));
  mkdirSync(join(root, ".claude/system"), { recursive: true });
  writeFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), `# System\nLayers: ${LAYERS.join(", ")}.\n`);
  let bytes = 0;
  for (const layer of LAYERS) mkdirSync(join(root, ".claude/layers", layer, "modules"), { recursive: true });
  for (let i = 0; i < n; i++) {
    const layer = LAYERS[i % LAYERS.length];
    // Depend on up to three earlier modules: a DAG with long chains and wide waves.
    const deps = [i - 1, i - 7, i - 31].filter((d) => d >= 0 && LAYERS.indexOf(LAYERS[d % LAYERS.length]) <= LAYERS.indexOf(layer));
    const text = moduleSpec(i, layer, deps);
    bytes += text.length;
    writeFileSync(join(root, ".claude/layers", layer, "modules", `M${i}_AGENT.md`), text);
  }
  return { root, bytes };
}

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startupMs, results } = await run();
  console.log(`CLI start-up (--version): ${startupMs} ms`);
  console.table(results);
}
