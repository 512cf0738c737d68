import { describe, expect, it } from "vitest";
import { cmakeCalls, stripCmakeComments } from "../../src/spec/cmake.js";
import { cpuMs } from "../helpers/cpu-time.js";

// A hang check, not a benchmark: the patterns these replace scanned to the end from every open
// call or comment (20,000 unclosed `add_executable(` took 6 s, 240 KB of `#[[` 5 s).
const BOUND_MS = 2_000;
const CALLS = new Set(["add_executable", "add_test", "include_directories"]);

describe("reading CMakeLists.txt", () => {
  it("drops line and bracket comments, an unclosed bracket comment to the end", () => {
    expect(stripCmakeComments("a # b\nc #[[ d\ne ]] f #[==[ g ]] ]==] h\n")).toBe("a \nc  f  h\n");
    expect(stripCmakeComments("keep\n#[[ open\nadd_test(x y)\n")).toBe("keep\n");
  });

  it("finds the calls asked for, in any case, with their arguments; an open call ends the search", () => {
    const code = "ADD_EXECUTABLE(test_ring tests/test_ring.c)\nset(X 1)\nadd_test (NAME ring COMMAND test_ring)\ninclude_directories(include\n  src)\nadd_test(open";
    expect(cmakeCalls(code, CALLS)).toEqual([
      { name: "add_executable", args: "test_ring tests/test_ring.c" },
      { name: "add_test", args: "NAME ring COMMAND test_ring" },
      { name: "include_directories", args: "include\n  src" },
    ]);
  });

  it.each([
    ["unclosed calls", "add_executable(".repeat(60_000)],
    ["unclosed bracket comments", "#[[".repeat(300_000)],
    ["bracket comments of many `=`", `#[${"=".repeat(500_000)}[`.repeat(2)],
    ["names and spaces without a call", `${"add_test ".repeat(100_000)}`],
  ])("%s: read within the bound", (_name, text) => {
    const start = cpuMs();
    cmakeCalls(stripCmakeComments(text), CALLS);
    expect(cpuMs() - start).toBeLessThan(BOUND_MS);
  });
});
