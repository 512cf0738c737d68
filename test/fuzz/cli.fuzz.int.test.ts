import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/**
 * The CLI on generated hostile projects: whatever the spec, config or log, `check` and `plan`
 * exit 0, 1 or 2, print no stack trace, end within the bound, and write nothing outside the
 * project (each project is alone in its own parent folder, which must hold nothing else after).
 */
const SEED = 20261201;
const RUNS = 24;
const base = mkdtempSync(join(tmpdir(), "orchestrate-cli-fuzz-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const piece = fc.constantFrom(
  "## Depends On\n- money\n", "**Module**: `../../../tmp/escape.py`\n", "**Module**: `/etc/passwd`\n", "---\ndepends_on: [ghost]\nvalidation: [{kind: nope}]\n---\n",
  "\ufeff---\ndepends_on: [a]\n---\n", ">".repeat(5000), "- ".repeat(2000), "```python\nfrom x import (\n```\n", "## Provides\n- `Money`\n", "# \u0000\n", "**Related Files**:\n- `~/secret`\n",
);
const spec = fc.array(fc.oneof(piece, fc.string({ maxLength: 60 })), { maxLength: 8 }).map((p) => p.join("\n"));
const config = fc.constantFrom("", "agent: bogus\n", "agnet: simulate\n", "- a\n- b\n", "timeoutMs: .inf\n", "concurrency: 0\n", "graceMs: 9999999999999\n", "sandbox: {env: [ANTHROPIC_API_KEY]}\n", ":\n:", "budget: {maxCostUsd: -1}\n");
const log = fc.constantFrom("", "  File \"pkg/a.py\", line 1, in f\n", " ".repeat(6000), "    at (".repeat(400), "\u0000\u0001\u0002");

describe(`the CLI on generated hostile projects (seed ${SEED}, ${RUNS} cases)`, () => {
  it("exits 0, 1 or 2 with at most a line or two, no stack, and writes nothing outside the project", () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 3 }), config, log, fc.constantFrom("check", "plan"), (specs, cfg, text, command) => {
        const parent = join(base, `case-${n++}`);
        const root = join(parent, "project");
        mkdirSync(join(root, ".claude/layers/core/modules"), { recursive: true });
        mkdirSync(join(root, ".claude/system"), { recursive: true });
        writeFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "# System\n");
        specs.forEach((s, i) => writeFileSync(join(root, `.claude/layers/core/modules/M${i}_AGENT.md`), s));
        writeFileSync(join(root, "orchestrate.config.yaml"), cfg);
        writeFileSync(join(root, "error.log"), text);
        const args = command === "check" ? ["check", "--project", root] : ["plan", "fix it, see error.log", "--project", root, "--log", join(root, "error.log")];
        const result = runCli(args);
        expect([0, 1, 2], `${args.join(" ")}\n${result.stderr}`).toContain(result.code);
        expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
        expect(readdirSync(parent)).toEqual(["project"]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 240_000);
});
