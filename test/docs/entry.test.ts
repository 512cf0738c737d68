import { describe, it, expect } from "vitest";
import { formatModuleEntry, sectionForTask } from "../../src/docs/changelog.js";
import { featureSummary, replyLine } from "../../src/docs/entry.js";

describe("formatModuleEntry", () => {
  it("writes one bullet's text with files, tests and coverage", () => {
    expect(
      formatModuleEntry({
        module: "journal",
        layer: "core",
        summary: "Balanced posting validation",
        files: ["ledger/core/journal.py", "tests/test_journal.py"],
        tests: { passed: 12, total: 12 },
        coverage: 91,
      }),
    ).toBe(
      "**journal** (core): Balanced posting validation. Files: `ledger/core/journal.py`, `tests/test_journal.py`. Tests 12/12, coverage 91%.",
    );
  });

  it("puts a fix's root cause and resolution in nested bullets", () => {
    const text = formatModuleEntry({
      module: "ledger",
      summary: "Fix rounding of split postings.",
      coverage: 87.25,
      performance: "p99 posting time 0.4 ms",
      rootCause: "float arithmetic\n in the splitter",
      resolution: "use Decimal throughout!",
    });
    expect(text).toBe(
      [
        "**ledger**: Fix rounding of split postings. Coverage 87.3%. Performance: p99 posting time 0.4 ms.",
        "- Root cause: float arithmetic in the splitter.",
        "- Resolution: use Decimal throughout!",
      ].join("\n"),
    );
  });

  it("leaves out a resolution that only repeats the entry's text", () => {
    const text = formatModuleEntry({ module: "billing", summary: "Fixed `top_customer` on an empty day", rootCause: "unwrap() on no balances", resolution: "Fixed `top_customer` on an empty day." });
    // Before: "- Resolution: Fixed `top_customer` on an empty day." under the same words.
    expect(text).toBe("**billing**: Fixed `top_customer` on an empty day.\n- Root cause: unwrap() on no balances.");
  });

  it("shortens long file lists, drops duplicates and quotes backticks", () => {
    const files = Array.from({ length: 11 }, (_, i) => `src/f${i}.ts`);
    const text = formatModuleEntry({ module: "m", summary: "s", files: [...files, "src/f0.ts"] });
    expect(text).toBe(`**m**: s. Files: ${files.slice(0, 8).map((f) => `\`${f}\``).join(", ")} and 3 more.`);
    expect(formatModuleEntry({ module: "m", summary: "s", files: ["a`b.md"] })).toBe("**m**: s. Files: ``a`b.md``.");
  });

  it("says nothing of tests when its gate ran none (a crate without tests), not `Tests 0/0.`", () => {
    const entry = formatModuleEntry({ module: "tally_cli", layer: "interface", summary: "Prints the winner", files: ["crates/tally-cli/src/main.rs"], tests: { passed: 0, total: 0 } });
    expect(entry).toBe("**tally_cli** (interface): Prints the winner. Files: `crates/tally-cli/src/main.rs`.");
  });

  it("is deterministic", () => {
    const input = { module: "api", layer: "http", summary: "Routes", tests: { passed: 3, total: 4 } };
    expect(formatModuleEntry(input)).toBe(formatModuleEntry({ ...input }));
    expect(formatModuleEntry(input)).toBe("**api** (http): Routes. Tests 3/4.");
  });
});

describe("sectionForTask", () => {
  it.each([
    ["implement", "Added"],
    ["debug", "Fixed"],
    ["refactor", "Changed"],
    ["optimize", "Changed"],
    ["general", "Changed"],
    ["analyze", undefined],
  ] as const)("maps %s to %s", (type, section) => {
    expect(sectionForTask(type)).toBe(section);
  });
});

describe("formatModuleEntry with files it cannot know (issue 12, finding 7)", () => {
  it("says unknown and why, instead of a list", () => {
    expect(formatModuleEntry({ module: "events", layer: "core", summary: "Routes events", files: ["a.py"], filesUnknown: "1 other attempt changed the same working tree meanwhile" })).toBe(
      "**events** (core): Routes events. Files: unknown (1 other attempt changed the same working tree meanwhile).",
    );
  });
});

describe("replyLine and featureSummary", () => {
  it("take a reply's first line that says something: not a heading, rule or lead-in; bullet and bold marks off", () => {
    expect(replyLine("## Summary\n---\nHere is what I changed:\n\n1. **Added `post()`**\n2. tests")).toBe("Added `post()`");
    expect(replyLine("Fixed the rounding in totals.\nMore.")).toBe("Fixed the rounding in totals.");
    expect(replyLine("## Done\n")).toBe("");
    expect(replyLine(undefined)).toBe("");
    expect(replyLine("x".repeat(500))).toBe(`${"x".repeat(199)}…`);
  });

  it("a module's README line: its purpose, then its last change; either alone", () => {
    expect(featureSummary("Double-entry journal", "Added balanced posting validation")).toBe("Double-entry journal. Last change: Added balanced posting validation.");
    expect(featureSummary("Double-entry journal", "## Summary")).toBe("Double-entry journal.");
    expect(featureSummary(undefined, "- Added paging")).toBe("Added paging.");
    expect(featureSummary(undefined, "")).toBe("done");
  });
});
