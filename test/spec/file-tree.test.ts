import { describe, expect, it } from "vitest";
import { treePaths } from "../../src/spec/file-tree.js";

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
});
