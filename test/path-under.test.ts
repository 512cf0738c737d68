import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathUnder } from "../src/path-under.js";

describe("pathUnder", () => {
  it("is join(root, file) for plain paths and for every kind of path join changes", () => {
    const roots = ["/project", "/tmp/a b/x", "/", "/project/", "/a/../b", "/a/./b", "relative/root", "//x"];
    const files = ["src/a.py", "a.py", "", ".", "..", "./a.py", "../a.py", "src/../a.py", "src/./a.py", "src//a.py", "src/", "/abs/a.py", "src\\a.py", ".hidden/a.py", "a..py", "src/.env", "..foo/a"];
    for (const root of roots) for (const file of files) expect(pathUnder(root, file)).toBe(join(root, file));
  });
});
