import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { readAhead } from "../../src/spec/read-ahead.js";
import { readSpec } from "../../src/spec/listing.js";
import { SpecError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

const L = ".claude/layers/core/modules";

/** A tree of `n` specs of about 2 KB, one with an emoji (a UTF-16 text), one with CRLF line ends and a byte order mark. */
function tree(n: number): { root: string; files: string[] } {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`${L}/M${i}_AGENT.md`] = `# ${i === 1 ? "📦 " : ""}M${i}\n\n${"Text of a spec, as long as most. ".repeat(60)}\n`;
  files[`${L}/M2_AGENT.md`] = "\uFEFF# M2\r\nOne line.\r\n";
  return { root: makeProject(files), files: Object.keys(files) };
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Bytes in V8's large-object spaces, old and new. */
const largeObjects = () => getHeapSpaceStatistics().filter((s) => s.space_name.endsWith("large_object_space") && !s.space_name.startsWith("code")).reduce((sum, s) => sum + s.space_used_size, 0);

describe("readAhead", () => {
  it("gives each file's text and stat as readSpec does, asked for in order or not", () => {
    const { root, files } = tree(300);
    const read = readAhead(root, files);
    for (const rel of [...files.slice(0, 150), files[299]!, ...files.slice(150, 299)]) {
      const got = read(rel);
      const direct = readSpec(root, rel);
      expect(got.text).toBe(direct.text);
      expect([got.stat.ino, got.stat.size, got.stat.mtimeMs]).toEqual([direct.stat.ino, direct.stat.size, direct.stat.mtimeMs]);
    }
  });

  it("throws for a file that cannot be read only when that file is asked for", () => {
    const { root, files } = tree(5);
    const read = readAhead(root, [...files.slice(0, 2), `${L}/GONE_AGENT.md`, ...files.slice(2)]);
    expect(read(files[0]!).text).toContain("# M0");
    expect(read(files[1]!).text).toContain("📦");
    let error: unknown;
    try {
      read(`${L}/GONE_AGENT.md`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect(error).toMatchObject({ code: "SPEC_MISSING", place: { file: `${L}/GONE_AGENT.md` } });
  });

  it("keeps a batch's texts in one string in V8's large-object space, not one young string per file", () => {
    const { root, files } = tree(400);
    const read = readAhead(root, files);
    gc();
    const before = largeObjects();
    const texts = files.slice(0, 100).map((rel) => read(rel).text);
    gc();
    // 100 texts of 2 KB, in a batch of 256 K characters: one string past the large-object size, kept by its slices.
    expect(largeObjects() - before).toBeGreaterThanOrEqual(256 * 1024);
    expect(texts.join("").length).toBeGreaterThan(100 * 1900);
  });
});
