// The generated spec trees of the benchmarks (plan, routing, cli-overhead) and of the tests
// that check the fast paths take them: a DAG of `n` modules in four layers.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LAYERS = ["foundation", "core", "services", "interface"];

/** One module spec of about 2 KB: front matter, bold fields, Depends On with imports, Provides, rules, a benchmark. */
export function moduleSpec(i, layer, deps) {
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

