import { describe, expect, it } from "vitest";
import { projectFlag } from "../../src/cli/project-flag.js";

describe("the --project of a printed next command", () => {
  it("is left out for the current folder, bare for a plain path, quoted for the shell otherwise", () => {
    expect(projectFlag(".")).toBe("");
    expect(projectFlag("/tmp/ledger-1")).toBe(" --project /tmp/ledger-1");
    expect(projectFlag("my project")).toBe(" --project 'my project'");
    expect(projectFlag("it's\nhere $(x)")).toBe(" --project 'it'\\''s\nhere $(x)'");
  });
});
