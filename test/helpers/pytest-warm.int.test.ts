import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Each module pytest rewrites (its plugins', by entry point) and whether its rewritten form is kept; none where pytest is missing. */
const KEPT = `
import importlib.metadata as md, importlib.util, os, sys
try:
    from _pytest.assertion.rewrite import PYC_TAIL
except ImportError:
    sys.exit(0)
for e in md.entry_points(group="pytest11"):
    origin = importlib.util.find_spec(e.value.split(":")[0]).origin
    print(origin, os.path.exists(os.path.join(os.path.dirname(origin), "__pycache__", os.path.basename(origin)[:-3] + PYC_TAIL)))
`;

describe("pytest's plugins, rewritten once for the suite (helpers/pytest-warm.ts, a global setup)", () => {
  it("are kept: a gate's pytest, which may not write them, finds them", () => {
    const lines = execFileSync("python3", ["-c", KEPT], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    expect(lines.filter((line) => !line.endsWith(" True"))).toEqual([]);
  });
});
