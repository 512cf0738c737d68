import { describe, expect, it } from "vitest";
import { moduleTestFiles } from "../../src/validate/test-files.js";

describe("moduleTestFiles", () => {
  it("looks by name only for the files whose test the module does not own: asked on every attempt", () => {
    const asked: string[] = [];
    const exists = (path: string) => (asked.push(path.slice("/p/".length)), path === "/p/app/test_api.py");
    const found = moduleTestFiles("/p", ["app/ledger.py", "app/api.py", "tests/test_ledger.py"], exists);
    expect(found).toEqual(["tests/test_ledger.py", "app/test_api.py"]);
    // `app/ledger.py`'s test is owned: none of its names is looked for.
    expect(asked.filter((p) => p.includes("ledger"))).toEqual([]);
    expect(asked).toContain("app/test_api.py");
  });

  it("names each candidate under its folder, and at the root for a file there", () => {
    const asked: string[] = [];
    moduleTestFiles("/p/", ["cli.py", "src/app/cart.ts"], (path) => (asked.push(path), false));
    expect(asked).toEqual(expect.arrayContaining(["/p/test_cli.py", "/p/tests/test_cli.py", "/p/src/app/cart.test.ts", "/p/src/app/__tests__/cart.test.ts", "/p/__tests__/cart.test.ts"]));
    expect(asked.some((p) => p.includes("//") || p.includes("/./"))).toBe(false);
  });
});
