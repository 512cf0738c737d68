import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject } from "./helpers/project.js";
import { firstReadLength, readCapped } from "../src/read-capped.js";

const dir = () => makeProject({});

describe("readCapped", () => {
  it("asks for a regular file's size plus one byte, not for the whole cap", () => {
    expect(firstReadLength({ isFile: () => true, size: 2_000 }, 256 * 1024)).toBe(2_001);
    expect(firstReadLength({ isFile: () => false, size: 0 }, 256 * 1024)).toBe(256 * 1024 + 1);
  });

  it("reads a small file whole, refuses one over the cap, and reads a file that reports size 0", () => {
    const d = dir();
    writeFileSync(join(d, "a.md"), "héllo\n");
    expect(readCapped(join(d, "a.md"), 100)).toEqual({ text: "héllo\n", truncated: false });
    writeFileSync(join(d, "big.md"), "x".repeat(101));
    expect(readCapped(join(d, "big.md"), 100)).toBeUndefined();
    writeFileSync(join(d, "empty.md"), "");
    expect(readCapped(join(d, "empty.md"), 100)).toEqual({ text: "", truncated: false });
    // procfs files report size 0 and still have content: the extra byte makes it read on.
    expect(readCapped("/proc/self/status", 1 << 20)?.text).toMatch(/^Name:/);
  });

  it("reads a file exactly at the cap", () => {
    const d = dir();
    writeFileSync(join(d, "cap.md"), "y".repeat(99));
    appendFileSync(join(d, "cap.md"), "z");
    expect(readCapped(join(d, "cap.md"), 100)?.text).toBe(`${"y".repeat(99)}z`);
  });
});
