import * as fs from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { makeProject } from "../helpers/project.js";

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, readSync: vi.fn(real.readSync) };
});

const { readAhead } = await import("../../src/spec/read-ahead.js");
const { readSpec } = await import("../../src/spec/listing.js");

const L = ".claude/layers/core/modules";

describe("readAhead's reads", () => {
  it("reads each spec in one read: a short read at its size is its end", () => {
    const files: Record<string, string> = { [`${L}/EMPTY_AGENT.md`]: "" };
    for (let i = 0; i < 20; i++) files[`${L}/M${i}_AGENT.md`] = `# ${i === 3 ? "📦 " : ""}M${i}\n\n${"Text of a spec. ".repeat(100)}\n`;
    const root = makeProject(files);
    const rels = Object.keys(files);
    vi.mocked(fs.readSync).mockClear();
    const read = readAhead(root, rels);
    const texts = rels.map((rel) => read(rel).text);
    expect(fs.readSync).toHaveBeenCalledTimes(rels.length);
    expect(texts).toEqual(rels.map((rel) => readSpec(root, rel).text));
    expect(texts[0]).toBe("");
  });

  it("still reads a file that changed size since its stat as readSpec reads it", () => {
    const root = makeProject({ [`${L}/A_AGENT.md`]: "# A\n", [`${L}/B_AGENT.md`]: "# B\n" });
    const real = vi.mocked(fs.readSync).getMockImplementation()! as (...args: unknown[]) => number;
    // The first read of A finds it grown: one byte more than its stat said, as a write between fstat and read would leave it.
    let first = true;
    vi.mocked(fs.readSync).mockImplementation(((...args: unknown[]) => {
      if (first) fs.writeFileSync(join(root, L, "A_AGENT.md"), "# A grown\n");
      first = false;
      return real(...args);
    }) as typeof fs.readSync);
    try {
      const read = readAhead(root, [`${L}/A_AGENT.md`, `${L}/B_AGENT.md`]);
      expect(read(`${L}/A_AGENT.md`).text).toBe("# A grown\n");
      expect(read(`${L}/B_AGENT.md`).text).toBe("# B\n");
    } finally {
      vi.mocked(fs.readSync).mockImplementation(real as typeof fs.readSync);
    }
  });
});
