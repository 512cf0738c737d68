import { describe, expect, it } from "vitest";
import { compileError } from "../../src/validate/compile-error.js";

describe("compileError", () => {
  it("says the first compiler error of a failed build and how many there are", () => {
    const maven = [
      "[INFO] --- maven-compiler-plugin:3.11.0:compile (default-compile) @ money ---",
      "[INFO] -------------------------------------------------------------",
      "[ERROR] COMPILATION ERROR : ",
      "[ERROR] /work/tally/money/src/main/java/dev/tally/money/Money.java:[17,82] ';' expected",
      "[INFO] 1 error",
      "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project money: Compilation failure",
    ].join("\n");
    expect(compileError(maven)).toBe("does not compile: Money.java:17: ';' expected");
    const tsc = "src/cart.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\nsrc/cart.ts(9,1): error TS2304: Cannot find name 'x'.\n";
    expect(compileError(tsc)).toBe("does not compile (2 errors): cart.ts:3: error TS2322: Type 'string' is not assignable to type 'number'.");
  });

  it("finds none in failing tests' output or a warning", () => {
    expect(compileError("[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0\n[ERROR]   MoneyTest.parses:11 expected: <1200> but was: <0>\n")).toBeUndefined();
    expect(compileError("src/a.c:3:1: warning: unused variable 'x'\n")).toBeUndefined();
  });
});
