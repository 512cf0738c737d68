import { describe, expect, it } from "vitest";
import { runCommandCheck } from "../../src/validate/command.js";
import { makeProject } from "../helpers/project.js";

describe("a command check", () => {
  it("whose command does not exist says so, with the shell's line, not a bare exit 127", async () => {
    const root = makeProject({});
    const result = await runCommandCheck({ name: "tests", kind: "command", run: "./scripts/no-such-runner" }, { root, vars: { module: "m", files: [] }, timeoutMs: 10_000 });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^exit 127, command not found \(.*no-such-runner.*(?:not found|No such file).*\)$/);
  });

  it("that stops at a compiler error says the error, not a bare exit code", async () => {
    const root = makeProject({});
    const run = `echo "[ERROR] /w/money/src/main/java/dev/tally/money/Money.java:[17,82] ';' expected"; exit 1`;
    const result = await runCommandCheck({ name: "tests", kind: "command", run }, { root, vars: { module: "m", files: [] }, timeoutMs: 10_000 });
    expect(result.ok).toBe(false);
    // Before: `exit 1`.
    expect(result.message).toBe("exit 1, does not compile: Money.java:17: ';' expected");
  });
});
