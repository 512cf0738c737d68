import * as fs from "node:fs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { makeProject } from "./helpers/project.js";

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, readSync: vi.fn(real.readSync) };
});

const { readCapped } = await import("../src/read-capped.js");

describe("readCapped's reads", () => {
  it("reads a regular file in one read: a short read at its size is its end", () => {
    const file = join(makeProject({}), "a.md");
    writeFileSync(file, "x".repeat(2_000));
    vi.mocked(fs.readSync).mockClear();
    expect(readCapped(file, 256 * 1024)?.text).toHaveLength(2_000);
    expect(fs.readSync).toHaveBeenCalledTimes(1);
  });

  it("reads on past a short read that does not end at the size: procfs hands out a page a read", () => {
    const text = readCapped("/proc/self/smaps", 1 << 24)?.text ?? "";
    expect(text.length).toBeGreaterThan(3 * 4096);
    expect(text.endsWith("\n")).toBe(true);
  });
});
