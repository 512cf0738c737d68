import { describe, expect, it } from "vitest";
import { createColors } from "picocolors";
import { clock, cost, duration, stripAnsi, truncate } from "../../../src/cli/render/format.js";

describe("format", () => {
  it("writes durations and clocks at every scale", () => {
    expect([350, 12_345, 59_960, 245_000, 3_725_000].map(duration)).toEqual(["350ms", "12.3s", "1m 00s", "4m 05s", "1h 02m"]);
    expect([3_250, 760_000, 3_723_400].map(clock)).toEqual(["00:03.2", "12:40.0", "1:02:03.4"]);
    expect([0, 0.0042, 1.5].map(cost)).toEqual(["$0.00", "$0.0042", "$1.50"]);
  });

  it("cuts to a visible width, keeping colour codes whole and closed", () => {
    const c = createColors(true);
    const line = `${c.green("✓")} ${c.dim("module_with_a_long_name")} tail`;
    const cut = truncate(line, 10);
    expect(stripAnsi(cut)).toBe("✓ module_…");
    expect(cut.endsWith("\x1b[0m")).toBe(true);
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("abcdef", 3)).toBe("ab…");
  });
});
