import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Writable } from "node:stream";
import { jsonPieces, writeJson } from "../../../src/cli/render/json-pieces.js";

/** Anything JSON.stringify takes: JSON values, and the values it leaves out or turns to `null`, at any depth. */
const anything = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue(),
    fc.constantFrom(undefined, () => 1, Symbol("s"), new Date(0), Number.NaN, -0, ""),
    fc.array(tie("value")),
    fc.dictionary(fc.string(), tie("value")),
  ),
}));

/** What `writeJson` writes to a stream, and the chunks it wrote. */
async function written(value: unknown, chunk?: number): Promise<{ text: string; chunks: string[] }> {
  const chunks: string[] = [];
  const out = { write: (text: string) => chunks.push(text) > 0, on: () => out, off: () => out };
  await writeJson(out, value, chunk);
  return { text: chunks.join(""), chunks };
}

describe("writeJson", () => {
  it("writes what JSON.stringify(value, null, 2) does, and a line break", async () => {
    await fc.assert(
      fc.asyncProperty(anything.value, fc.integer({ min: 1, max: 64 }), async (value, chunk) => {
        expect((await written(value, chunk)).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("writes a plan's shape: nested objects, arrays of objects, emoji and line breaks in strings", async () => {
    const plan = { request: "implement system", modules: [{ id: "a", specText: "# 📦 A\n\n- x", files: [], dependsOn: ["b"] }, { id: "b", empty: {}, skip: undefined }], waves: [["b"], ["a"]], edges: [], extra: { none: true, lines: ["x"] } };
    expect((await written(plan)).text).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  it("hands a large value on in chunks, not as one string", async () => {
    const modules = Array.from({ length: 2000 }, (_, i) => ({ id: `m${i}`, text: "x".repeat(100) }));
    const { text, chunks } = await written({ modules }, 4096);
    expect(text).toBe(`${JSON.stringify({ modules }, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4096 + 400);
  });

  it("waits for a full stream to drain before writing on", async () => {
    const value = { modules: Array.from({ length: 500 }, (_, i) => ({ id: `m${i}`, text: "📦 y".repeat(50) })) };
    let most = 0;
    const parts: string[] = [];
    const out: Writable = new Writable({
      highWaterMark: 2048,
      decodeStrings: false,
      write(text: string, _encoding, callback) {
        parts.push(text);
        most = Math.max(most, out.writableLength);
        setImmediate(callback);
      },
    });
    await writeJson(out, value, 1024);
    await new Promise((resolve) => out.end(resolve));
    expect(parts.join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(parts.length).toBeGreaterThan(50);
    // Without waiting, the whole text would be queued at once.
    expect(most).toBeLessThan(2048 + 1024 + 400);
  });

  it("goes on when the stream fails instead of draining (a closed pipe: its owner discards the rest)", async () => {
    const out = new Writable({ highWaterMark: 16, write: (_text, _encoding, callback) => setImmediate(() => callback(Object.assign(new Error("EPIPE"), { code: "EPIPE" }))) });
    out.on("error", () => undefined);
    await expect(writeJson(out, { a: "x".repeat(100), b: "y".repeat(100) }, 32)).resolves.toBeUndefined();
  });

  it("lays out only the first levels itself", () => {
    expect([...jsonPieces({ a: [{ b: 1 }] })]).toEqual(["{\n  \"a\": ", "[", "\n    ", "{\n      \"b\": 1\n    }", "\n  ]", "\n}"]);
  });
});
