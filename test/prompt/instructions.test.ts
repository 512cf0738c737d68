import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileStats } from "../../src/file-stats.js";
import { readInstructions } from "../../src/prompt/instructions.js";
import { makeProject, writeFiles } from "../helpers/project.js";

describe("readInstructions, asked again for the same files", () => {
  it("leaves out what each call skips, and reads an edited file again", () => {
    const root = makeProject({ "CLAUDE.md": "Use tabs.\n", "AGENTS.md": "Run make test.\n" });
    const stats = new FileStats(60_000);
    const both = { text: "From `CLAUDE.md`:\nUse tabs.\n\nFrom `AGENTS.md`:\nRun make test.", files: ["CLAUDE.md", "AGENTS.md"] };
    expect(readInstructions(root, undefined, stats)).toEqual(both);
    expect(readInstructions(root, ["CLAUDE.md"], stats)).toEqual({ text: "Run make test.", files: ["AGENTS.md"] });
    expect(readInstructions(root, undefined, stats)).toEqual(both);
    expect(readInstructions(root, ["CLAUDE.md", "AGENTS.md"], stats)).toBeUndefined();
    writeFiles(root, { "AGENTS.md": "Run make check.\n" });
    stats.changed([join(root, "AGENTS.md")]);
    expect(readInstructions(root, ["CLAUDE.md"], stats)).toEqual({ text: "Run make check.", files: ["AGENTS.md"] });
  });
});
