import { describe, expect, it } from "vitest";
import type { CheckResult, GateResult } from "../../src/validate/types.js";
import { baseNote, compareWithBase, onlyOldFailures } from "../../src/run/base-gate.js";
import { baseGateLines } from "../../src/report/found.js";

const check = (name: string, ok: boolean, output = ""): CheckResult => ({ name, kind: "command", blocking: true, ok, message: ok ? "ok" : "exit 1", durationMs: 1, output });
const gate = (...checks: CheckResult[]): GateResult => ({ level: "system", target: "system", ok: checks.every((c) => c.ok), checks, durationMs: 1 });
const pytest = (...failed: string[]) => `${failed.map((t) => `FAILED ${t} - assert 1 == 2`).join("\n")}\n=== ${failed.length} failed, 3 passed in 0.1s ===\n`;
const BASE = "0123456789abcdef0123456789abcdef01234567";

describe("a failed gate beside its run on the base commit", () => {
  it("names the failing tests that failed there too, and the new ones", () => {
    const now = [check("tests", false, pytest("tests/test_a.py::test_old", "tests/test_b.py::test_new"))];
    const checks = compareWithBase(now, gate(check("tests", false, pytest("tests/test_a.py::test_old", "tests/test_c.py::test_fixed_since"))));
    expect(checks).toEqual([{ name: "tests", failedAtBase: true, already: ["tests/test_a.py::test_old"], added: ["tests/test_b.py::test_new"] }]);
    expect(baseNote({ base: BASE, checks })).toBe("failing on the base commit 01234567 too; new: tests/test_b.py::test_new");
    expect(baseGateLines({ level: "system", target: "system", base: BASE, checks })).toEqual(["system gate, check tests: fails on the base commit 01234567 too; already failing there: tests/test_a.py::test_old; new: tests/test_b.py::test_new"]);
  });

  it("the same failures on both: nothing new", () => {
    const checks = compareWithBase([check("tests", false, pytest("t.py::a"))], gate(check("tests", false, pytest("t.py::a"))));
    expect(baseNote({ base: BASE, checks })).toBe("failing on the base commit 01234567 too, nothing new");
    expect(baseGateLines({ level: "layer", target: "core", base: BASE, checks })).toEqual(["layer gate core, check tests: fails on the base commit 01234567 too; already failing there: t.py::a; none new"]);
  });

  it("outputs that name no test: the check failed there too, no more is claimed", () => {
    const checks = compareWithBase([check("lint", false, "3 problems")], gate(check("lint", false, "5 problems")));
    expect(checks).toEqual([{ name: "lint", failedAtBase: true }]);
    expect(baseGateLines({ level: "system", target: "system", base: BASE, checks })).toEqual(["system gate, check lint: fails on the base commit 01234567 too: it was failing before the run"]);
  });

  it("a check that passes on the base commit: the run made it fail", () => {
    const checks = compareWithBase([check("tests", false, pytest("t.py::a"))], gate(check("tests", true)));
    expect(checks).toEqual([{ name: "tests", failedAtBase: false }]);
    expect(baseNote({ base: BASE, checks })).toBe("passing on the base commit 01234567: the run's changes made it fail");
  });

  it("one check failing before and one the run broke: the broken check is what is new", () => {
    const checks = compareWithBase([check("lint", false), check("tests", false)], gate(check("lint", false), check("tests", true)));
    expect(baseNote({ base: BASE, checks })).toBe("failing on the base commit 01234567 too; new: check tests");
  });

  it("a gate that could not run on the base commit says so and claims nothing", () => {
    const checks = compareWithBase([check("tests", false)], undefined, "it could not be run on the base commit: setup failed");
    expect(checks).toEqual([{ name: "tests", error: "it could not be run on the base commit: setup failed" }]);
    expect(baseNote({ base: BASE, checks })).toBeUndefined();
    expect(baseGateLines({ level: "system", target: "system", base: BASE, checks })[0]).toContain("not known whether it failed before the run");
  });

  it("passes a gate only when every failing check fails on tests named failing on the base commit too, none new", () => {
    const old = [check("tests", false, pytest("t.py::a"))];
    const oldOnly = gate(...old);
    // A test that failed there and passes now is fine; one that failed there and fails now is not the run's.
    expect(onlyOldFailures(oldOnly, compareWithBase(old, gate(check("tests", false, pytest("t.py::a", "t.py::b")))))).toBe(true);
    const added = [check("tests", false, pytest("t.py::a", "t.py::c"))];
    expect(onlyOldFailures(gate(...added), compareWithBase(added, gate(check("tests", false, pytest("t.py::a")))))).toBe(false);
    // No test named on either side: nothing tells old from new.
    const lint = [check("lint", false, "src/a.py: E501")];
    expect(onlyOldFailures(gate(...lint), compareWithBase(lint, gate(check("lint", false, "src/a.py: E501"))))).toBe(false);
    // Another failing check the run broke.
    const two = [...old, check("build", false, "error")];
    expect(onlyOldFailures(gate(...two), compareWithBase(two, gate(check("tests", false, pytest("t.py::a")), check("build", true))))).toBe(false);
  });
});
