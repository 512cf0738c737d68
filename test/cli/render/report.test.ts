import { describe, expect, it } from "vitest";
import { reportJson, reportMarkdown } from "../../../src/cli/render/report.js";
import type { GateResult } from "../../../src/validate/types.js";
import { ATTEMPTS, gate, MODULES, PLAN, RUN, RUN_ID } from "./fixtures.js";

const input = { run: RUN, plan: PLAN, modules: MODULES, attempts: ATTEMPTS, gates: [gate("layer", "core", false, "tests 3/5"), gate("layer", "app", true, "tests 9/9"), gate("system", "system", false, "tests 20/22")] };

describe("reportJson", () => {
  it("is a hierarchy: summary, layers in plan order with gate, modules and totals, then the system gate", () => {
    const r = reportJson(input);
    expect(r.runId).toBe(RUN_ID);
    expect(r.durationMs).toBe(12_300);
    expect(r.summary).toEqual({ modules: 4, states: { pending: 0, running: 0, validating: 0, done: 2, failed: 1, blocked: 1 }, attempts: 4, durationMs: 11_400, usage: { inputTokens: 1900, outputTokens: 450, costUsd: expect.closeTo(0.021, 6) } });
    expect(r.layers.map((l) => [l.id, l.modules.map((m) => m.id)])).toEqual([["core", ["events", "journal"]], ["app", ["reports", "api"]]]);
    expect(r.layers[0]!.orchestrator).toBe("CORE_ORCHESTRATOR");
    expect(r.layers[0]!.gate).toMatchObject({ ok: false, summary: "tests failed: tests 3/5" });
    expect(r.layers[0]!.totals).toMatchObject({ modules: 2, attempts: 3 });
    const journal = r.layers[0]!.modules[1]!;
    expect(journal.attempts.map((a) => [a.n, a.kind, a.state, a.durationMs, a.gates])).toEqual([[1, "implement", "failed", 2500, undefined], [2, "fix", "failed", 3000, "tests failed: tests 3/5"]]);
    expect(r.layers[0]!.modules[0]!.filesChanged).toEqual(["pkg/events.py", "tests/test_events.py"]);
    expect(r.system).toMatchObject({ ok: false, summary: "tests failed: tests 20/22" });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("a module's files changed: in a worktree run only its passing attempts' (a failed one's work went with its worktree); in a shared tree all", () => {
    const passed = { ...ATTEMPTS[1]!, moduleId: "journal", n: 3, kind: "fix", filesChanged: ["pkg/journal_fix.py"] };
    const attempts = [...ATTEMPTS, passed];
    const journal = (workspace?: { isolation: "worktree" | "shared" }) => reportJson({ ...input, attempts, ...(workspace ? { extras: { workspace } } : {}) }).layers[0]!.modules.find((m) => m.id === "journal")!;
    expect(journal({ isolation: "worktree" }).filesChanged).toEqual(["pkg/journal_fix.py"]);
    // Each attempt still lists what it changed.
    expect(journal({ isolation: "worktree" }).attempts.map((a) => a.filesChanged)).toEqual([[], ["pkg/journal.py"], ["pkg/journal_fix.py"]]);
    expect(reportMarkdown({ ...input, attempts, extras: { workspace: { isolation: "worktree" } } })).toContain("Files changed (1): `pkg/journal_fix.py`");
    expect(journal({ isolation: "shared" }).filesChanged).toEqual(["pkg/journal.py", "pkg/journal_fix.py"]);
    expect(journal().filesChanged).toEqual(["pkg/journal.py", "pkg/journal_fix.py"]);
  });

  it("leaves gates out when none ran", () => {
    const r = reportJson({ ...input, gates: undefined });
    expect(r.system).toBeUndefined();
    expect(r.layers.every((l) => l.gate === undefined)).toBe(true);
    const md = reportMarkdown({ ...input, gates: undefined });
    expect(md).not.toContain("gate: not run");
    expect(md).not.toContain("## System gate");
    expect(reportMarkdown({ ...input, gates: [] })).toContain("Layer gate: not run");
  });
});

describe("reportMarkdown", () => {
  const md = reportMarkdown(input);

  it("has a title and a summary table", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe(`# Run \`${RUN_ID}\`: implement system`);
    expect(lines[2]).toBe("**State:** ❌ failed · **Duration:** 12.3s · **Created:** 2026-11-25 13:05:12 UTC");
    expect(md).toContain("| Modules | Done | Failed | Blocked | Pending | Attempts | Tokens | Cost |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| 4 | 2 | 1 | 1 | 0 | 4 | 2,350 | $0.02 |");
  });

  it("goes through layers in plan order, each gate then its modules with attempts tables", () => {
    const order = ["## Layer 1: `core`", "Layer gate: ❌ failed (400ms): tests failed: tests 3/5", "### ✅ `events`: done", "### ❌ `journal`: failed", "## Layer 2: `app`", "Layer gate: ✅ passed", "### ⛔ `reports`: blocked", "### ✅ `api`: done", "## System gate", "## Totals"];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain("| # | Kind | Agent | State | Duration | Tokens | Cost | Gate | Error |");
    expect(md).toContain("| 1 | implement | simulate | ✅ done | 2.9s | 1,200 | $0.01 | tests 12/12, coverage 87% |   |");
    expect(md).toContain("| 1 | implement | simulate | ❌ failed | 2.5s | 250 | $0.0020 |   | SyntaxError: bad |");
    expect(md).toContain("| 2 | fix | simulate | ❌ failed | 3.0s | 400 | $0.0040 | tests failed: tests 3/5 | gate failed |");
    expect(md).toContain("dependency journal failed\n\nNo attempts.");
    expect(md).toContain("Files changed (2): `pkg/events.py`, `tests/test_events.py`");
    expect(md).toContain("System gate: ❌ failed (400ms): tests failed: tests 20/22");
  });

  it("keeps the failed module's last error in a collapsed block, table cells escaped", () => {
    expect(md).toContain("<details>\n<summary>Last error (attempt 2)</summary>\n\n```\nThe module gate failed for journal:\n\n## tests (command): tests 3/5 | 2 failed\n```\n\n</details>");
    const piped = reportMarkdown({ ...input, attempts: ATTEMPTS.map((a) => (a.n === 1 && a.moduleId === "journal" ? { ...a, error: "expected a | b" } : a)) });
    expect(piped).toContain("| expected a \\| b |");
  });

  it("ends with totals by layer and overall", () => {
    const tail = md.slice(md.indexOf("## Totals")).trimEnd().split("\n");
    expect(tail.slice(2)).toEqual([
      "| Layer | Modules | Done | Failed | Blocked | Attempts | Agent time | Tokens | Cost |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      "| `core` | 2 | 1 | 1 | 0 | 3 | 8.4s | 1,850 | $0.02 |",
      "| `app` | 2 | 1 | 0 | 1 | 1 | 3.0s | 500 | $0.0050 |",
      "| **Total** | **4** | **2** | **1** | **1** | **4** | **11.4s** | **2,350** | **$0.02** |",
    ]);
    expect(md).not.toMatch(/^\s*[{[]"/m);
  });
});

describe("a gate the run's cancel cut short", () => {
  const stopped: GateResult = { ...gate("system", "system", false, "cancelled"), cancelled: true, checks: [{ ...gate("system", "system", true, "tests 20/20").checks[0]!, name: "tests" }, { name: "cli", kind: "command", blocking: true, ok: false, message: "cancelled", durationMs: 10 }] };

  it("is stopped, not failed: its unfinished check is cancelled, and JSON says cancelled", () => {
    const r = reportJson({ ...input, gates: [stopped] });
    expect(r.system).toMatchObject({ ok: false, cancelled: true, summary: "tests 20/20; cli cancelled" });
    expect(reportMarkdown({ ...input, gates: [stopped] })).toContain("System gate: ⏹ stopped before it finished (400ms): tests 20/20; cli cancelled");
    expect(reportJson(input).system).not.toHaveProperty("cancelled");
  });

  it("an attempt whose module gate it stopped: the attempts table says stopped, not 'gate failed', and JSON says so", () => {
    const held = { ...gate("module", "journal", false, "cancelled"), cancelled: true };
    const attempts = ATTEMPTS.map((a) => (a.moduleId === "journal" && a.n === 2 ? { ...a, state: "cancelled" as const, gates: held } : a));
    const md = reportMarkdown({ ...input, attempts });
    const row = md.split("\n").find((l) => l.startsWith("| 2 | fix |"))!;
    expect(row).toContain("gate stopped before it finished (resume runs it again)");
    expect(row).not.toContain("gate failed");
    expect(reportMarkdown(input)).toContain("gate failed");
    const journal = reportJson({ ...input, attempts }).layers.flatMap((l) => l.modules).find((m) => m.id === "journal")!;
    expect(journal.attempts[1]).toMatchObject({ gateOk: false, gateCancelled: true });
    expect(reportJson(input).layers.flatMap((l) => l.modules).find((m) => m.id === "journal")!.attempts[1]).not.toHaveProperty("gateCancelled");
  });
});

describe("reportMarkdown: the workspace", () => {
  const base = "0123456789abcdef0123456789abcdef01234567";
  const workspace = (head: string, merged: boolean) => ({ extras: { workspace: { isolation: "worktree" as const, branch: `orchestrate/${RUN_ID}`, base, head, merged } } });

  it("a branch still at its base holds no work: not 'merged into the checked-out branch'", () => {
    const md = reportMarkdown({ ...input, ...workspace(base, true) });
    expect(md).toContain(`integration branch \`orchestrate/${RUN_ID}\` from \`01234567\`, now at \`01234567\` (nothing on it beyond its base).`);
    expect(md).not.toContain("merged into the checked-out branch");
  });

  it("a branch with work the checked-out branch holds is merged", () => {
    const md = reportMarkdown({ ...input, ...workspace("d3".padEnd(40, "0"), true) });
    expect(md).toContain("now at `d3000000` (merged into the checked-out branch).");
  });

  it("shows what a failed layer or system gate's checks found, not only their count; a passed gate's output stays out", () => {
    const found = "app/models/customer.rb:2: imports `OrdersController`, forbidden for layer core by `app/controllers/`";
    const failed: GateResult = { ...gate("layer", "core", false, "1 violation"), checks: [{ name: "architecture", kind: "architecture", blocking: true, ok: false, message: "1 violation", durationMs: 1, output: found }] };
    const passed: GateResult = { ...gate("layer", "app", true, "tests 9/9"), checks: [{ name: "tests", kind: "command", blocking: true, ok: true, message: "tests 9/9", durationMs: 1, output: "9 passed" }] };
    const r = reportJson({ ...input, gates: [failed, passed] });
    expect(r.layers.find((l) => l.id === "core")!.gate!.checks).toEqual([{ name: "architecture", kind: "architecture", blocking: true, ok: false, message: "1 violation", output: found }]);
    expect(r.layers.find((l) => l.id === "app")!.gate!.checks[0]).not.toHaveProperty("output");
    const md = reportMarkdown({ ...input, gates: [failed, passed] });
    expect(md).toContain(`Layer gate: ❌ failed (400ms): architecture failed: 1 violation\n\n<details>\n<summary>Output of \`architecture\` (first lines)</summary>\n\n\`\`\`\n${found}\n\`\`\`\n`);
    expect(md).not.toContain("9 passed");
  });
});
