import { describe, expect, it } from "vitest";
import { excerptLog } from "../../src/logs/excerpt.js";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { scopeFromLog } from "../../src/logs/scope.js";
import { makeProject } from "../helpers/project.js";
import { fixture, specOf } from "./helpers.js";

// Captured from programs/pytest/ (pytest 9.0.3, CPython 3.11.7) in /tmp/logcap/home/ci/clinic.
const CLINIC = specOf({ billing: ["clinic/billing.py", "tests/test_billing.py"] }, "/work/clinic");
const at = (e: { frames: { file: string; line?: number }[] }) => e.frames.map((f) => `${f.file}:${f.line ?? ""}`);

describe("parseLog: pytest's failure reports (captured)", () => {
  it("reads the default long report: frames innermost first, the E line as the message", () => {
    const errors = parseLog(fixture("pytest-long.log"));
    expect(errors[0]).toMatchObject({ format: "pytest", message: "TypeError: unsupported operand type(s) for -: 'int' and 'NoneType'", line: 13 });
    expect(at(errors[0]!)).toEqual(["clinic/billing.py:3", "tests/test_billing.py:9"]);
    expect(errors.slice(1).map((e) => [e.format, at(e)])).toEqual([["pytest", ["tests/test_billing.py:"]]]);
  });

  it("reads --tb=short, --tb=line, the -rf summary and a coloured report", () => {
    expect(at(parseLog(fixture("pytest-short.log"))[0]!)).toEqual(["clinic/billing.py:3", "tests/test_billing.py:9"]);
    expect(parseLog(fixture("pytest-short.log"))[0]?.frames[0]?.function).toBe("invoice_total");
    const line = parseLog(fixture("pytest-line.log"));
    expect(line[0]).toMatchObject({ message: "TypeError: unsupported operand type(s) for -: 'int' and 'NoneType'", frames: [{ file: "/tmp/logcap/home/ci/clinic/clinic/billing.py", line: 3 }] });
    expect(parseLog(fixture("pytest-summary.log")).map((e) => [e.message, at(e)])).toEqual([["TypeError: unsupported operand...", ["tests/test_billing.py:"]]]);
    expect(at(parseLog(fixture("pytest-color.log"))[0]!)).toEqual(["clinic/billing.py:3", "tests/test_billing.py:9"]);
  });

  it("maps every form to the module owning the failing code, and the excerpt holds the failure", () => {
    for (const name of ["pytest-long.log", "pytest-short.log", "pytest-line.log", "pytest-color.log"]) {
      const errors = parseLog(fixture(name));
      expect(mapLogToModules(errors, CLINIC).frames[0], name).toMatchObject({ module: "billing", file: "clinic/billing.py", line: 3 });
      expect(excerptLog(fixture(name), errors), name).toContain("TypeError: unsupported operand type(s)");
    }
  });

  it("leaves --tb=native's traceback to the Python parser, and other tools' file:line lines to theirs (mypy's error is a compiler error, flake8's code none)", () => {
    const native = "____ test_uncovered ____\nTraceback (most recent call last):\n  File \"/w/clinic/billing.py\", line 3, in invoice_total\n    x\nTypeError: bad\n";
    expect(parseLog(native).map((e) => [e.format, at(e)])).toEqual([["python", ["/w/clinic/billing.py:3"]]]);
    expect(parseLog("clinic/billing.py:3: error: Unsupported operand types  [operator]\nclinic/billing.py:3:5: E501 line too long\n").map((e) => [e.format, at(e)])).toEqual([["compiler", ["clinic/billing.py:3"]]]);
  });

  // A shared tests/ folder where one module's spec lists its test and the others' do not.
  const SHELF = {
    models: ["shelf/models.py"],
    storage: ["shelf/storage.py", "tests/test_storage.py"],
    stats: ["shelf/stats.py"],
    cli: ["shelf/cli.py"],
  };
  const REPORT = [
    "___________________ test_main_empty ___________________",
    "",
    "tests/test_cli.py:4: ",
    "shelf/cli.py:12: in main",
    "    print(average_pages(store.load()))",
    "shelf/stats.py:10: ZeroDivisionError",
    "________________ test_average_empty_is_zero ________________",
    "",
    "tests/test_stats.py:8: ",
    "shelf/stats.py:10: ZeroDivisionError",
    "=========================== short test summary info ============================",
    "FAILED tests/test_cli.py::test_main_empty - ZeroDivisionError: division by zero",
    "FAILED tests/test_stats.py::test_average_empty_is_zero - ZeroDivisionError: d...",
    "",
  ].join("\n");

  it("maps a test file no spec lists to the module owning the file it is named for, not to the owner of another test beside it", () => {
    const spec = specOf(SHELF);
    expect(mapLogToModules(parseLog("FAILED tests/test_cli.py::test_main_empty - ZeroDivisionError: x\n"), spec).modules).toEqual(["cli"]);
    expect(mapLogToModules(parseLog("FAILED tests/test_stats.py::test_avg - ZeroDivisionError: x\n"), spec).modules).toEqual(["stats"]);
    expect(mapLogToModules(parseLog("FAILED tests/test_storage.py::test_rt - KeyError: x\n"), spec).modules).toEqual(["storage"]);
  });

  it("scopes a debug request by where the failures happened: the summary's lines that repeat them add no module", () => {
    const root = makeProject({ "logs/pytest.log": REPORT });
    const spec = specOf(SHELF, root);
    const { analysis } = scopeFromLog({ type: "debug", scope: { kind: "system" }, because: [] }, spec, "logs/pytest.log");
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["stats"] });
    // A summary line alone, with no stack above it, still decides.
    const alone = makeProject({ "logs/pytest.log": "FAILED tests/test_cli.py::test_main_empty - ZeroDivisionError: x\n" });
    expect(scopeFromLog({ type: "debug", scope: { kind: "system" }, because: [] }, specOf(SHELF, alone), "logs/pytest.log").analysis.scope).toEqual({ kind: "modules", ids: ["cli"] });
  });
});
