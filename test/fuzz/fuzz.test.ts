import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { OrchestrateError } from "../../src/errors.js";
import { loadConfig } from "../../src/config/load.js";
import { loadSpec } from "../../src/spec/load.js";
import { parseLog } from "../../src/logs/parse.js";
import { mapLogToModules } from "../../src/logs/map.js";
import { planRequest } from "../../src/plan/request.js";
import { addUnreleased } from "../../src/docs/changelog.js";
import { extractImports } from "../../src/spec/imports.js";
import { maskSource } from "../../src/validate/source.js";
import { Namespaces } from "../../src/spec/namespaces.js";
import { publicSurface } from "../../src/discover/surface.js";
import { cmakeIncludeDirs } from "../../src/spec/c-includes.js";
import { cmakeTargets } from "../../src/spec/cmake.js";
import { cpuMs } from "../helpers/cpu-time.js";

/**
 * Hostile input, generated: specs, front matter, config, logs and changelogs. Whatever comes in,
 * the answer is a result or a known error (one line at the CLI, exit 2), never another
 * exception, and never slow. Fixed seeds and bounded counts, so CI runs the same cases.
 */
const SEED = 20261201;
const RUNS = 150;
/** A generous bound: a hang or a super-linear blow-up, not a benchmark. */
const BOUND_MS = 2_000;

const base = mkdtempSync(join(tmpdir(), "orchestrate-fuzz-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** Runs `fn` and says whether it ended as a result or a known error, within the bound. */
function known(fn: () => unknown): void {
  const started = cpuMs();
  try {
    fn();
  } catch (error) {
    if (!(error instanceof OrchestrateError)) throw error;
    // A known error is one or two readable lines: no stack in its message.
    expect(error.describe()).not.toMatch(/\n\s+at /);
  }
  expect(cpuMs() - started).toBeLessThan(BOUND_MS);
}

// Pieces people (and models) put in specs, in any order and nesting.
const word = fc.constantFrom("Depends On", "Provides", "Purpose", "journal", "money", "`ledger/core/x.py`", "from ledger.money import Money", "import a.b", "class X(ABC):", "**Module**: `pkg/a.py`", "**Related Files**:", "- `../../etc/passwd`", "- `/abs/path.py`", "✅ ALLOWED", "❌ FORBIDDEN", "🎯", "\u0000", "\ufeff", "---", "depends_on: [a, b]", "owns: {x: 1}", "validation: 3", "mcp_servers: [1]", "layer: nope");
const line = fc.oneof(
  fc.array(word, { maxLength: 6 }).map((w) => w.join(" ")),
  fc.tuple(fc.constantFrom("#", "##", "###", ">", "-", "1.", "```", "```python", "|", "    ", ""), fc.string({ maxLength: 40 })).map(([a, b]) => `${a} ${b}`),
  fc.string({ maxLength: 80 }),
);
const markdown = fc.array(line, { maxLength: 40 }).map((lines) => lines.join("\n"));
const frontMatter = fc.oneof(fc.constant(""), fc.array(line, { maxLength: 6 }).map((l) => `---\n${l.join("\n")}\n---\n`));

describe(`fuzz (seed ${SEED}, ${RUNS} cases each)`, () => {
  it("spec trees: load and plan give a plan or one known error", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "core_x", "MONEY", "bad id"), frontMatter, markdown), { minLength: 1, maxLength: 4 }), markdown, (modules, system) => {
        const root = join(base, `spec-${n++}`);
        mkdirSync(join(root, ".claude/system"), { recursive: true });
        writeFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), system);
        for (const [id, front, body] of modules) {
          mkdirSync(join(root, ".claude/layers/core/modules"), { recursive: true });
          writeFileSync(join(root, `.claude/layers/core/modules/${id.toUpperCase()}_AGENT.md`), `${front}${body}`);
        }
        known(() => planRequest(loadSpec(root), "implement system"));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("config files: a config or one ConfigError naming the file", () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.constantFrom(".inf", "-.nan", "~", "[]", "{}", "2147483648", "yes", "bogus"));
    const key = fc.constantFrom("agent", "agnet", "concurrency", "timeoutMs", "graceMs", "retries", "sandbox", "budget", "gates", "command", "- x", "simulate");
    const yaml = fc.oneof(fc.array(fc.tuple(key, value), { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}: ${String(v)}`).join("\n")), fc.string({ maxLength: 200 }));
    fc.assert(
      fc.property(yaml, (text) => {
        const root = join(base, `config-${n++}`);
        mkdirSync(root, { recursive: true });
        writeFileSync(join(root, "orchestrate.config.yaml"), text);
        known(() => loadConfig(root));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("logs: parsed and mapped in linear time, never a throw", () => {
    const frame = fc.constantFrom('  File "pkg/a.py", line 3, in f', "    at f (src/a.ts:1:2)", "    at ", "Traceback (most recent call last):", "panic: x", "goroutine 1 [running]:", "thread 'main' panicked at src/main.rs:1:1", "Caused by: java.lang.X", "\tat a.B.c(B.java:1)", "2025-11-20 09:14:02 | DATA.X | ERROR | y", '{"level":"error","logger":"a.b","msg":"x"}', " ".repeat(3000), "(".repeat(500), "at (".repeat(200));
    const log = fc.array(fc.oneof(frame, fc.string({ maxLength: 120 })), { maxLength: 60 }).map((l) => l.join("\n"));
    const spec = loadSpec(join(process.cwd(), "examples/ledger"));
    fc.assert(
      fc.property(log, (text) => {
        known(() => mapLogToModules(parseLog(text), spec));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("C#, PHP and C sources: masked, their imports, namespaces and surface read in linear time, never a throw", () => {
    const piece = fc.constantFrom("using ", "global using ", "using static ", "using A = ", "namespace ", "<?php\n", "use ", "use function ", "\\", "{", "}", ",", ";", " as ", "#include \"", "# include ", "require_once __DIR__ . '", "include '", "'", '"', '@"', '"""', "<<<EOT\n", "\nEOT;", "/*", "*/", "//", "#", "\n", "public class ", "final class ", "typedef ", "int f(", "include_directories(", "${CMAKE_CURRENT_SOURCE_DIR}/", "add_library(", "target_link_libraries(", "set(V ${V} ${V})", " ALIAS ", ")", "Shop.Core", "App\\Domain");
    const run = fc.oneof(piece, fc.tuple(piece, fc.integer({ min: 1, max: 4000 })).map(([p, k]) => p.repeat(k)), fc.string({ maxLength: 60 }));
    const source = fc.array(run, { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(source, (text) => {
        known(() => {
          for (const style of ["csharp", "php", "c"] as const) {
            const masked = maskSource(text, style);
            expect(masked.length).toBe(text.length);
            const refs = extractImports(masked, style);
            if (style !== "c") {
              const ns = new Namespaces(style).add("a", masked);
              for (const ref of refs.slice(0, 50)) ns.resolve(ref.specifier);
            }
            publicSurface(masked, style);
          }
          cmakeIncludeDirs(text, "");
          cmakeTargets([{ dir: "src", text }]);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("changelogs: an entry goes in, every line that was there stays", () => {
    const heading = fc.constantFrom("# Changelog", "## [Unreleased]", "## [1.0.0] - 2024-01-01", "### Added", "### Fixed", "### Added (2025-11-02)", "- item", "[unreleased]: https://x", "");
    const text = fc.array(fc.oneof(heading, fc.string({ maxLength: 60 })), { maxLength: 30 }).map((l) => l.join(fc.sample(fc.constantFrom("\n", "\r\n"), { numRuns: 1, seed: l.length })[0]!));
    fc.assert(
      fc.property(text, (source) => {
        let out = "";
        known(() => {
          out = addUnreleased(source, [{ section: "Added", text: "- **fuzz** (core): an entry" }]);
        });
        if (!out) return;
        expect(out).toContain("**fuzz**");
        // Only insertions: every line of the source is still there, in order.
        const lines = out.split(/\r?\n/);
        let at = 0;
        for (const l of source.split(/\r?\n/)) {
          const found = lines.indexOf(l, at);
          expect(found, `line kept: ${JSON.stringify(l)}`).toBeGreaterThanOrEqual(0);
          at = found + 1;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

});
