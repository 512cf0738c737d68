import { describe, expect, it } from "vitest";
import { treePaths } from "../../src/spec/file-tree.js";
import { cpuMs } from "../helpers/cpu-time.js";

describe("treePaths: a file tree drawn in a code block", () => {
  it("box drawing: each entry under the folder drawn left of it, comments and trunk lines skipped", () => {
    const text = "src/payments/\n├── index.ts          # entry point\n├── Makefile\n├── utils/\n└── providers/\n    ├── stripe.ts  (Stripe)\n    └── paypal.ts\n│\ntests/\n    test_pay.py";
    expect(treePaths(text)).toEqual([
      { path: "src/payments/index.ts", line: 1 },
      { path: "src/payments/Makefile", line: 2 },
      { path: "src/payments/utils/", line: 3 },
      { path: "src/payments/providers/stripe.ts", line: 5 },
      { path: "src/payments/providers/paypal.ts", line: 6 },
      { path: "tests/test_pay.py", line: 9 },
    ]);
  });

  it("`|--` / `` `-- `` drawing, and plain paths one a line", () => {
    expect(treePaths("payments/\n|-- __init__.py\n`-- models/\n    `-- order.py\n")?.map((p) => p.path)).toEqual(["payments/__init__.py", "payments/models/order.py"]);
    expect(treePaths("src/a.py\n./src/b.py\n")?.map((p) => p.path)).toEqual(["src/a.py", "src/b.py"]);
  });

  it("code, commands and prose are no tree", () => {
    expect(treePaths('import x from "y";\nconst a = 1;')).toBeUndefined();
    expect(treePaths("npm test")).toBeUndefined();
    expect(treePaths("payments/\n├── api.py\nthen run it")).toBeUndefined();
    expect(treePaths("\n")).toBeUndefined();
  });

  it("a hostile line of drawing is no tree, read in linear time (a spec's size limit, 256 KB)", () => {
    // Dashes are drawing and were a name's characters too: each way to split the run was tried (40 KB: 0.9 s, 256 KB: ~40 s).
    const started = cpuMs();
    for (const line of ["-".repeat(256 * 1024) + "!", "├" + "-".repeat(256 * 1024) + "!"]) expect(treePaths(line)).toBeUndefined();
    expect(cpuMs() - started).toBeLessThan(2_000);
    // A name may still hold dashes after its first character.
    expect(treePaths("src/\n├── my-file.ts\n└── order-book/")?.map((p) => p.path)).toEqual(["src/my-file.ts", "src/order-book/"]);
  });
});

