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
});
