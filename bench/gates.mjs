// The gates' own overhead beyond the commands they run: a command check of `true` against
// running `true` through the same process runner, and the architecture check over the
// example project's real source (10 modules), per module; and what the bubblewrap sandbox adds
// to a command check (gates.sandbox, the default where bubblewrap runs), limits (prlimit) included.
import { isMain } from "./lib/main.mjs";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec } from "../dist/spec/load.js";
import { orderLayers } from "../dist/plan/layers.js";
import { runGate } from "../dist/validate/gates.js";
import { checkArchitecture } from "../dist/validate/architecture.js";
import { runProcess } from "../dist/exec/process.js";
import { openGateConfinement } from "../dist/validate/confine.js";
import { withSandboxDefaults } from "../dist/sandbox/defaults.js";

const EXAMPLE = fileURLToPath(new URL("../examples/ledger", import.meta.url));
const N = 60;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export default async function run() {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-bench-gates-"));
  try {
    cpSync(EXAMPLE, root, { recursive: true });
    for (const m of ["errors", "money", "events", "accounts", "fx", "journal", "balances", "importer", "reports", "cli"]) cpSync(join(root, "recorded", m), root, { recursive: true });
    const spec = loadSpec(root);
    const layerOrder = orderLayers(spec, []);
    const ctx = { root, spec, layerOrder, modules: ["journal"], vars: { module: "journal", layer: "core", files: [] }, timeoutMs: 60_000 };
    const bare = [];
    const gated = [];
    for (let i = 0; i < N; i++) {
      bare.push(await time(() => runProcess({ command: "true", cwd: root, env: process.env, timeoutMs: 60_000 })));
      gated.push(await time(() => runGate("module", "journal", [{ name: "noop", kind: "command", run: "true" }], ctx)));
    }
    const confine = await openGateConfinement(withSandboxDefaults(), undefined);
    const sandboxed = [];
    const open = [];
    if (confine.sandbox) {
      for (let i = 0; i < N; i++) {
        open.push(await time(() => runGate("module", "journal", [{ name: "noop", kind: "command", run: "true" }], ctx)));
        sandboxed.push(await time(() => runGate("module", "journal", [{ name: "noop", kind: "command", run: "true" }], { ...ctx, confine })));
      }
    }
    const arch = [];
    for (let i = 0; i < N; i++) arch.push(await time(() => checkArchitecture(spec, layerOrder, { modules: spec.modules.map((m) => m.id) })));
    const r = (x) => +x.toFixed(2);
    return {
      name: "gates",
      results: [
        { measure: "command check `true`: gate (ms)", p50: r(percentile(gated, 50)), p99: r(percentile(gated, 99)) },
        { measure: "`true` alone, same runner (ms)", p50: r(percentile(bare, 50)), p99: r(percentile(bare, 99)) },
        // Paired: each gate run against the bare run just before it, so machine noise cancels.
        { measure: "gate overhead beyond the command (ms, paired)", p50: r(percentile(gated.map((g, i) => g - bare[i]), 50)), p90: r(percentile(gated.map((g, i) => g - bare[i]), 90)) },
        ...(confine.sandbox
          ? [
              { measure: "command check `true` in bwrap: gate (ms)", p50: r(percentile(sandboxed, 50)), p99: r(percentile(sandboxed, 99)) },
              { measure: "bwrap + prlimit overhead per check (ms, paired)", p50: r(percentile(sandboxed.map((g, i) => g - open[i]), 50)), p90: r(percentile(sandboxed.map((g, i) => g - open[i]), 90)) },
            ]
          : [{ measure: `bwrap: not measured (${confine.line})` }]),
        { measure: "architecture check, 10 modules (ms)", p50: r(percentile(arch, 50)), p99: r(percentile(arch, 99)), perModule: r(percentile(arch, 50) / 10) },
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) console.table((await run()).results);
