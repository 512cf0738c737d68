import { describe, expect, it } from "vitest";
import { Ownership } from "../../src/spec/ownership.js";

describe("Ownership.resolve", () => {
  const own = new Ownership([
    { id: "main", files: ["main.py"] },
    { id: "ledger", files: ["pkg/ledger/__init__.py", "pkg/ledger/book.py"] },
    { id: "ui", files: ["web/ui/index.ts", "web/cart.ts"] },
    { id: "shop", files: ["web/shop.ts"] },
  ]);

  it("finds a file by its path, with a usual extension, as a package or folder index, and a .js import of a .ts file", () => {
    expect(own.resolve("main")).toBe("main");
    expect(own.resolve("pkg/ledger/book")).toBe("ledger");
    expect(own.resolve("pkg/ledger")).toBe("ledger");
    expect(own.resolve("web/ui")).toBe("ui");
    expect(own.resolve("web/cart.js")).toBe("ui");
    expect(own.resolve("web/cart")).toBe("ui");
  });

  it("finds a folder one module owns alone, and nothing for a name in a folder with no owned file", () => {
    expect(own.resolve("pkg/ledger/book/Journal")).toBeUndefined();
    expect(own.resolve("pkg/other/thing")).toBeUndefined();
    expect(own.resolve("web")).toBeUndefined(); // ui and shop own files there
    expect(own.resolve("pkg")).toBe("ledger");
    expect(own.resolve("nothing")).toBeUndefined();
  });
});
