import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { readAhead } from "../../src/spec/read-ahead.js";
import { readSpec } from "../../src/spec/listing.js";
import { SpecError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";
import { lonelyFifo, stopFifoOpeners } from "../helpers/fifo.js";

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

afterEach(stopFifoOpeners);

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

  // A batch is read into one buffer, each file followed by a NUL byte, and decoded at once.
  it("reads a file with a NUL byte or bytes that are not UTF-8 as readSpec does, and the files beside it in the batch too", () => {
    const { root, files } = tree(6);
    const odd = {
      [`${L}/M1_AGENT.md`]: Buffer.from("# M1\n\nA NUL \0 in the text.\n"),
      // Cut inside a three-byte sequence (€ is E2 82 AC): the next file's first bytes must not complete it.
      [`${L}/M3_AGENT.md`]: Buffer.from([0x23, 0x20, 0x4d, 0x33, 0x0a, 0xe2, 0x82]),
      [`${L}/M4_AGENT.md`]: Buffer.from([0xac, 0x20, 0x4d, 0x34, 0xff, 0x0a]),
    };
    for (const [rel, bytes] of Object.entries(odd)) writeFileSync(join(root, rel), bytes);
    const read = readAhead(root, files);
    // A NUL byte is refused (with its line) by both; the rest are read alike.
    const outcome = (f: () => { text: string }) => {
      try {
        return f().text;
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const rel of files) expect(outcome(() => read(rel))).toBe(outcome(() => readSpec(root, rel)));
    expect(outcome(() => readSpec(root, `${L}/M1_AGENT.md`))).toMatch(/NUL byte/);
  });

  it("gives a file read as it is its bytes (for the parse cache to hash), and none once another batch is read over them", () => {
    const { root, files } = tree(300);
    // M2, in the first batch, has a byte order mark and CRLF line ends: that batch's texts are not their bytes.
    writeFileSync(join(root, files[2]!), "# M2\nOne line.\n");
    writeFileSync(join(root, files[200]!), "\uFEFF# M200\r\nOne line.\r\n");
    const bytesOf = (rel: string) => readFileSync(join(root, rel));
    const read = readAhead(root, files);
    for (const rel of files.slice(0, 5)) expect(Buffer.from(read(rel).raw!).equals(bytesOf(rel)), rel).toBe(true);
    expect(read(files[1]!).text).toContain("📦");
    // files[5] waits in the first batch while the reader goes on past it: its bytes are gone by then, its text is not.
    for (const rel of files.slice(6, 100)) expect(Buffer.from(read(rel).raw!).equals(bytesOf(rel)), rel).toBe(true);
    for (const rel of files.slice(100)) {
      const got = read(rel);
      expect(got.text).toBe(readSpec(root, rel).text);
      if (rel === files[200]) expect(got.raw).toBeUndefined();
      else if (got.raw) expect(Buffer.from(got.raw).equals(bytesOf(rel)), rel).toBe(true);
    }
    const late = read(files[5]!);
    expect(late.raw).toBeUndefined();
    expect(late.text).toBe(readSpec(root, files[5]!).text);
  });

  it("gives no bytes once another reader's batch is read over them (one buffer serves every reader)", () => {
    const one = tree(5);
    const other = tree(5);
    // Without M2's byte order mark and CRLF: each batch is read as it is.
    for (const t of [one, other]) writeFileSync(join(t.root, t.files[2]!), "# M2\n");
    const first = readAhead(one.root, one.files);
    expect(first(one.files[0]!).raw).toBeDefined();
    expect(readAhead(other.root, other.files)(other.files[0]!).raw).toBeDefined();
    const after = first(one.files[1]!);
    expect(after.raw).toBeUndefined();
    expect(after.text).toBe(readSpec(one.root, one.files[1]!).text);
  });

  it("refuses a named pipe in the tree at once, as readSpec does (it was read as an empty spec), and reads the next files", () => {
    const { root, files } = tree(4);
    const pipe = `${L}/PIPE_AGENT.md`;
    lonelyFifo(join(root, pipe));
    const all = [...files.slice(0, 2), pipe, ...files.slice(2)];
    const started = Date.now();
    const read = readAhead(root, all);
    expect(() => read(pipe)).toThrow("Cannot read spec file: it is a named pipe (FIFO): expected a file");
    const others = all.filter((rel) => rel !== pipe);
    const texts = others.map((rel) => read(rel).text);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(texts.every((t, i) => t === readSpec(root, others[i]!).text)).toBe(true);
  });
});

