import { describe, expect, it } from "vitest";
import { editChangelog, type ChangeEntry } from "../../src/docs/changelog.js";
import { fixture, onlyInsertsLines } from "./helpers.js";

const added = (text: string): ChangeEntry => ({ section: "Added", text });
const md = (...lines: string[]) => lines.join("\n");

describe("a changelog that is not textbook (issue 12, finding 8)", () => {
  it("newest first with a stale [Unreleased] far down: a fresh [Unreleased] at the top, every other byte kept, and a note", () => {
    const source = fixture("newest-first-stale-unreleased.md");
    const { text, notes } = editChangelog(source, [added("**tides** (core): Tide table parser.")]);
    expect(onlyInsertsLines(source, text)).toBe(true);
    expect(text.slice(0, text.indexOf("## [2.3.0]"))).toBe(
      md("# Changelog", "", "Notes for the harbour tide tables, newest first.", "", "## [Unreleased]", "", "### Added", "", "- **tides** (core): Tide table parser.", "", ""),
    );
    // Nothing lands under the old dated headings or the stale section.
    expect(text.slice(text.indexOf("## [2.3.0]"))).toBe(source.slice(source.indexOf("## [2.3.0]")));
    expect(notes).toEqual([
      "its `## [Unreleased]` on line 21 is stale (below released versions), so the entries went under a new `## [Unreleased]` above `## [2.3.0] - 2025-11-20` (line 5), where its newest entries are",
    ]);
  });

  it("a second update goes to the fresh section, quietly", () => {
    const first = editChangelog(fixture("newest-first-stale-unreleased.md"), [added("one")]).text;
    const { text, notes } = editChangelog(first, [added("two")]);
    expect(notes).toEqual([]);
    expect(text).toBe(first.replace("- one\n", "- one\n- two\n"));
  });

  it("a dated `### Added (date)` under the current [Unreleased] is not the open Added list", () => {
    const source = md("# Changelog", "", "## [Unreleased]", "", "### Added (2025-11-02)", "", "- old", "", "## [1.0.0] - 2025-10-01", "");
    const { text } = editChangelog(source, [added("new")]);
    expect(text).toBe(md("# Changelog", "", "## [Unreleased]", "", "### Added (2025-11-02)", "", "- old", "", "### Added", "", "- new", "", "## [1.0.0] - 2025-10-01", ""));
  });

  it("no [Unreleased] in a newest-first file: one above the newest release, with a note", () => {
    const source = md("# Changelog", "", "## 2025-11-20", "", "- b", "", "## 2025-11-02", "", "- a", "");
    const { text, notes } = editChangelog(source, [added("c")]);
    expect(text).toBe(md("# Changelog", "", "## [Unreleased]", "", "### Added", "", "- c", "", "## 2025-11-20", "", "- b", "", "## 2025-11-02", "", "- a", ""));
    expect(notes).toEqual(["it has no `## [Unreleased]` section, so the entries went under a new one above `## 2025-11-20` (line 3), where its newest entries are"]);
  });

  it("releases oldest first: the [Unreleased] goes at the end, before the link references, and a stale one at the top is left alone", () => {
    const source = md("# Changelog", "", "## [Unreleased]", "", "- stale", "", "## [0.1.0] - 2024-01-05", "", "- a", "", "## [0.2.0] - 2025-02-01", "", "- b", "", "[0.2.0]: https://example.invalid/0.2.0", "");
    const { text, notes } = editChangelog(source, [added("c")]);
    expect(onlyInsertsLines(source, text)).toBe(true);
    expect(text).toBe(source.replace("- b\n", "- b\n\n## [Unreleased]\n\n### Added\n\n- c\n"));
    expect(notes[0]).toMatch(/^its `## \[Unreleased\]` on line 3 is stale \(above released versions\), so the entries went under a new `## \[Unreleased\]` at the end, below `## \[0\.2\.0\] - 2025-02-01` \(line 11\), since its releases run oldest first$/);
  });

  it("keeps CR-only line ends and says nothing for a textbook file", () => {
    const source = "# Changelog\r\r## [Unreleased]\r\r### Added\r\r- a\r\r## [1.0.0] - 2025-01-01\r";
    const { text, notes } = editChangelog(source, [added("b")]);
    expect(text).toBe(source.replace("- a\r", "- a\r- b\r"));
    expect(notes).toEqual([]);
  });
});
