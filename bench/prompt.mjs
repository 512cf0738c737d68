// Prompt size per attempt: what each module's first attempt is told (spec, task, dependency
// interfaces, memories), on the ledger example and on a generated tree of 1,000 modules whose
// dependencies are implemented (a Python file each) and which carry one run memory each.
// Tokens are counted with js-tiktoken (cl100k_base), as `plan --prompt` counts them.
// Also times the context builder alone: what a run pays per attempt. Needs `npm run build`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, buildPlan, analyzeTask } from "../dist/index.js";
import { previewPrompt } from "../dist/prompt/preview.js";
import { buildContext } from "../dist/prompt/context.js";
import { standardHooks } from "../dist/run/hooks.js";
import { openSqliteStore } from "../dist/store/sqlite.js";
import { loadConfig } from "../dist/config/load.js";
import { planValidation } from "../dist/validate/discover.js";
import { moduleGateCommands } from "../dist/validate/checks.js";
import { FRONT_MATTER_READERS } from "../dist/validate/front-matter.js";

const LEDGER = fileURLToPath(new URL("../examples/ledger", import.meta.url));
const LAYERS = ["foundation", "core", "services", "interface"];
const N = 1_000;
const MAX_TOKENS = 12_000;

function moduleSpec(i, layer, deps) {
  return `---
depends_on: [${deps.map((d) => `m${d}`).join(", ")}]
---
# 📦 M${i}_AGENT

**Type**: Module Agent
**Layer**: ${LAYERS.indexOf(layer) + 1} - ${layer}
**Module**: \`pkg/${layer}/m${i}.py\`

## 🎯 Purpose
Module m${i} turns inputs into outputs for the ${layer} layer. It keeps its state private,
validates every argument, and reports failures with typed errors that name the input.

## Provides
- \`Thing${i}\` — the value this module owns
- \`make_thing_${i}(value)\` — builds a \`Thing${i}\` from raw input

## Responsibilities
- Parse and validate the inputs the ${layer} layer hands over; reject anything malformed with an error that names the field.
- Keep every intermediate value immutable, so callers can cache results without defensive copies.
- Expose only the functions listed under Provides; everything else stays module-private.

## Testing Requirements
- Unit tests for every public function: the happy path, each error, and the boundaries of every numeric input.
`;
}

function moduleCode(i) {
  return `"""Module m${i}."""
from dataclasses import dataclass

@dataclass(frozen=True)
class Thing${i}:
    """The value m${i} owns."""
    value: int

    def scaled(self, factor: int = 2) -> "Thing${i}":
        """A copy with value times factor."""
        return Thing${i}(self.value * factor)

def make_thing_${i}(value: str, *, strict: bool = True) -> Thing${i}:
    """Builds a Thing${i} from raw input."""
    return Thing${i}(int(value))

def _helper():
    pass
`;
}

function generated() {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-bench-prompt-"));
  mkdirSync(join(root, ".claude", "system"), { recursive: true });
  writeFileSync(join(root, ".claude", "system", "SYSTEM_ORCHESTRATOR.md"), `# System\nOrder: ${LAYERS.join(", ")}.\n`);
  const per = N / LAYERS.length;
  for (let i = 0; i < N; i++) {
    const layerIndex = Math.floor(i / per);
    const layer = LAYERS[layerIndex];
    // Up to three dependencies in lower layers (none for the first layer), spread deterministically.
    const deps = layerIndex === 0 ? [] : [...new Set([1, 7, 31].map((k) => (i * k + 13) % (layerIndex * per)))];
    const dir = join(root, ".claude", "layers", layer, "modules");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `M${i}_AGENT.md`), moduleSpec(i, layer, deps));
    mkdirSync(join(root, "pkg", layer), { recursive: true });
    writeFileSync(join(root, "pkg", layer, `m${i}.py`), moduleCode(i));
  }
  return root;
}

/** One memory per module, as a finished run leaves it (src/run/memory.ts moduleMemory). */
function seedMemories(store, plan) {
  for (const m of plan.modules) {
    store.writeMemory({
      key: `run/r1/${m.id}`,
      content: `${m.id} (${m.layer}) done for "implement system" in run r1 after 2 attempts.\nSummary: implemented ${m.id} with tests.\nFiles: ${m.files.join(", ")}\nValidation: tests passed (12 passed)\nAttempt 1 failed: AssertionError: expected 3 got 4`,
      tags: [`module:${m.id}`, `layer:${m.layer}`, "run:r1"],
      at: Date.now(),
    });
  }
}

function measure(root, request) {
  const spec = loadSpec(root);
  const plan = buildPlan(spec, analyzeTask(request, spec), request);
  const storeDir = mkdtempSync(join(tmpdir(), "orchestrate-bench-store-"));
  const store = openSqliteStore(join(storeDir, "state.db"));
  seedMemories(store, plan);
  const { memoriesFor, memoriesOf } = standardHooks(root, store);
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  // What a run pays per attempt: the context builder with the run's memory hook.
  const t = performance.now();
  for (const module of plan.modules) buildContext({ root, module, request, modules: byId, external: plan.external, memoriesFor, memoriesOf, maxTokens: MAX_TOKENS });
  const buildMs = (performance.now() - t) / plan.modules.length;
  // The same without memories: the builder's own share (the memory hook is measured by the memory bench).
  const t2 = performance.now();
  for (const module of plan.modules) buildContext({ root, module, request, modules: byId, external: plan.external, maxTokens: MAX_TOKENS });
  const ownMs = (performance.now() - t2) / plan.modules.length;
  // The module gates' commands, named in each prompt as `plan --prompt` names them.
  const { config } = loadConfig(root);
  const gates = { ...config, ...planValidation(root, spec, config).config };
  const gateCommands = (m) => moduleGateCommands(m, gates, spec, FRONT_MATTER_READERS);
  const previews = plan.modules.map((m) => previewPrompt({ root, plan, moduleId: m.id, maxTokens: MAX_TOKENS, memoriesFor, memoriesOf, gateCommands }));
  store.close();
  rmSync(storeDir, { recursive: true, force: true });
  const sorted = previews.map((p) => p.tokens).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const total = sorted.reduce((s, n) => s + n, 0);
  const share = (k) => `${((100 * previews.reduce((s, p) => s + p.sections[k], 0)) / total).toFixed(1)}%`;
  return {
    modules: previews.length,
    median: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1),
    spec: share("spec"),
    task: share("task"),
    dependencies: share("dependencies"),
    memory: share("memory"),
    template: share("template"),
    cut: previews.filter((p) => p.cut.length).length,
    buildMsPerAttempt: Math.round(buildMs * 1000) / 1000,
    withoutMemoryMs: Math.round(ownMs * 1000) / 1000,
  };
}

export default async function run() {
  const root = generated();
  try {
    const results = [
      { tree: "examples/ledger", ...measure(LEDGER, "implement system") },
      { tree: `generated ${N}`, ...measure(root, "implement system") },
    ];
    return { name: `Prompt size per attempt (tokens, cl100k_base, budget ${MAX_TOKENS})`, results };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { name, results } = await run();
  console.log(`## ${name}`);
  console.table(results);
}
