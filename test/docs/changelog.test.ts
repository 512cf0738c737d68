import { describe, it, expect } from "vitest";
import { parser } from "keep-a-changelog";
import { addUnreleased, editChangelog, type ChangeEntry } from "../../src/docs/changelog.js";
import { onlyInsertsLines } from "./helpers.js";

const md = (...lines: string[]) => lines.join("\n");
const added = (text: string): ChangeEntry => ({ section: "Added", text });

describe("addUnreleased", () => {
  it("creates the standard file from an empty source", () => {
    const result = addUnreleased("", [added("First module."), { section: "Fixed", text: "A bug." }]);
    expect(result).toBe(
      md(
        "# Changelog",
        "",
        "All notable changes to this project will be documented in this file.",
        "",
        "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),",
        "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).",
        "",
        "## [Unreleased]",
        "",
        "### Added",
        "",
        "- First module.",
        "",
        "### Fixed",
        "",
        "- A bug.",
        "",
      ),
    );
    const unreleased = parser(result).releases[0];
    expect(unreleased?.changes.get("added")?.[0]?.title).toBe("First module.");
  });

  it("returns the source unchanged when there is nothing to add", () => {
    const source = "# Changelog\n\n## [1.0.0] - 2017-06-20\n";
    expect(addUnreleased(source, [])).toBe(source);
    expect(addUnreleased(source, [added("   ")])).toBe(source);
    expect(addUnreleased("", [])).toBe("");
  });

  it("rejects an unknown section, saying what it expected", () => {
    const bad = { section: "Misc", text: "x" } as unknown as ChangeEntry;
    expect(() => addUnreleased("", [bad])).toThrow(/Expected `section` to be one of Added, .* got `Misc`/);
  });

  it.each([
    ["## unreleased"],
    ["## [unreleased]"],
    ["## [Unreleased] - ReleaseDate"],
    ["## [Unreleased] ##"],
    ["##\t[Unreleased]"],
  ])("recognises %j as the Unreleased heading", (heading) => {
    const source = md("# Changelog", "", heading, "", "### Added", "", "- a", "", "## [1.0.0] - 2017-06-20", "");
    expect(addUnreleased(source, [added("b")])).toBe(source.replace("- a\n", "- a\n- b\n"));
  });

  it("ignores headings inside fenced code blocks, including longer and tilde fences", () => {
    const source = md(
      "# Changelog",
      "",
      "````markdown",
      "```",
      "## [Unreleased]",
      "```",
      "````",
      "",
      "~~~",
      "## [0.0.1] - 2000-01-01",
      "~~~",
      "",
      "## [1.0.0] - 2017-06-20",
      "",
    );
    const result = addUnreleased(source, [added("x")]);
    expect(result).toBe(source.replace("## [1.0.0]", "## [Unreleased]\n\n### Added\n\n- x\n\n## [1.0.0]"));
  });

  it("ignores headings inside a multi-line HTML comment", () => {
    const source = md("# Changelog", "", "<!--", "## [Unreleased]", "### Added", "-->", "", "## [1.0.0] - 2017-06-20", "");
    const result = addUnreleased(source, [added("x")]);
    expect(result).toBe(source.replace("\n## [1.0.0]", "\n## [Unreleased]\n\n### Added\n\n- x\n\n## [1.0.0]"));
  });

  it("puts a new Unreleased section after the intro and before link references when there are no versions", () => {
    const source = md("# Changelog", "", "Intro.", "", "[keep]: https://keepachangelog.com", "");
    expect(addUnreleased(source, [added("x")])).toBe(
      md("# Changelog", "", "Intro.", "", "## [Unreleased]", "", "### Added", "", "- x", "", "[keep]: https://keepachangelog.com", ""),
    );
  });

  it("handles a file that starts with a version heading, and a byte order mark", () => {
    expect(addUnreleased("## [1.0.0] - 2017-06-20\n", [added("x")])).toBe(
      "## [Unreleased]\n\n### Added\n\n- x\n\n## [1.0.0] - 2017-06-20\n",
    );
    expect(addUnreleased("\uFEFF## [1.0.0] - 2017-06-20\n", [added("x")])).toBe(
      "\uFEFF## [Unreleased]\n\n### Added\n\n- x\n\n## [1.0.0] - 2017-06-20\n",
    );
  });

  it("appends before the link references when Unreleased is the last section", () => {
    const source = md("# Changelog", "", "## [Unreleased]", "", "### Added", "", "- a", "", "[unreleased]: https://x/compare/v1...HEAD", "");
    expect(addUnreleased(source, [added("b")])).toBe(source.replace("- a\n", "- a\n- b\n"));
  });

  it("keeps compact files compact and separates a new subsection from a heading that follows directly", () => {
    const source = md("## [Unreleased]", "### Added", "- a", "### Fixed", "- b", "## [1.0.0] - 2017-06-20", "");
    const result = addUnreleased(source, [added("c"), { section: "Changed", text: "d" }]);
    expect(result).toBe(
      md("## [Unreleased]", "### Added", "- a", "- c", "", "### Changed", "", "- d", "", "### Fixed", "- b", "## [1.0.0] - 2017-06-20", ""),
    );
  });

  it("appends after a wrapped item whose continuation is not indented", () => {
    const source = md("## [Unreleased]", "", "### Added", "", "- a long item that", "wraps lazily", "", "## [1.0.0] - 2017-06-20", "");
    expect(addUnreleased(source, [added("b")])).toBe(source.replace("wraps lazily\n", "wraps lazily\n- b\n"));
  });

  it("starts a list after a blank line when a subsection holds only prose or is empty", () => {
    const prose = md("## [Unreleased]", "", "### Added", "", "Nothing yet.", "", "## [1.0.0] - 2017-06-20", "");
    expect(addUnreleased(prose, [added("b")])).toBe(prose.replace("Nothing yet.\n", "Nothing yet.\n\n- b\n"));
    const empty = md("## [Unreleased]", "### Added", "", "## [1.0.0] - 2017-06-20", "");
    expect(addUnreleased(empty, [added("b")])).toBe(empty.replace("### Added\n", "### Added\n\n- b\n"));
  });

  it("adds a standard subsection after unknown ones it cannot order against", () => {
    const source = md("## [Unreleased]", "", "### Breaking", "", "- a", "", "## [1.0.0] - 2017-06-20", "");
    expect(addUnreleased(source, [added("b")])).toBe(source.replace("- a\n", "- a\n\n### Added\n\n- b\n"));
  });

  it("uses only the first Unreleased section when there are two", () => {
    const source = md("## [Unreleased]", "", "- a", "", "## Unreleased", "", "- z", "");
    const result = addUnreleased(source, [added("b")]);
    expect(result).toBe(md("## [Unreleased]", "", "- a", "", "### Added", "", "- b", "", "## Unreleased", "", "- z", ""));
  });

  it("indents later lines of an entry under the marker and uses the file's line ending for them", () => {
    const source = "## [Unreleased]\r\n\r\n### Fixed\r\n\r\n* a\r\n";
    const text = "**m**: fix.\r\n- Root cause: x.\n\n  More detail.\n";
    const result = addUnreleased(source, [{ section: "Fixed", text }]);
    expect(result).toBe(`${source}* **m**: fix.\r\n  - Root cause: x.\r\n\r\n    More detail.\r\n`);
    expect(onlyInsertsLines(source, result)).toBe(true);
  });

  it("keeps entries of one section in the order given and sections in the standard order", () => {
    const result = addUnreleased("## [Unreleased]\n", [
      { section: "Security", text: "s" },
      added("a1"),
      { section: "Deprecated", text: "d" },
      added("a2"),
      { section: "Removed", text: "r" },
    ]);
    expect(result).toBe(
      md("## [Unreleased]", "", "### Added", "", "- a1", "- a2", "", "### Deprecated", "", "- d", "", "### Removed", "", "- r", "", "### Security", "", "- s", ""),
    );
  });

  it("adds to the same file repeatedly without disturbing earlier entries", () => {
    let text = addUnreleased("", [added("one")]);
    text = addUnreleased(text, [added("two"), { section: "Fixed", text: "three" }]);
    text = addUnreleased(text, [added("four")]);
    const unreleased = parser(text).releases[0];
    expect(unreleased?.changes.get("added")?.map((c) => c.title)).toEqual(["one", "two", "four"]);
    expect(unreleased?.changes.get("fixed")?.map((c) => c.title)).toEqual(["three"]);
  });
});

describe("addUnreleased never writes an entry twice, and looks only where it writes", () => {
  const fix = "**m** (core): Guard it.\n- Root cause: x.\n- Resolution: y.";

  it("writes an entry whose text is only in released versions, or in another Unreleased subsection", () => {
    const source = md("## [Unreleased]", "", "### Fixed", "", "- a", "", "## [1.2.0] - 2026-10-01", "", "### Added", "", "- a", "", "## [1.1.0] - 2026-09-01", "", "### Fixed", "", "- b", "");
    const result = editChangelog(source, [added("a"), { section: "Fixed", text: "b" }]);
    expect(result.text).toBe(source.replace("### Fixed\n\n- a\n", "### Added\n\n- a\n\n### Fixed\n\n- a\n- b\n"));
    expect(result.added).toBe(2);
  });

  it("skips an entry already a bullet of its subsection, whatever the marker, nested indent or line ending", () => {
    const written = addUnreleased("## [1.0.0] - 2026-01-01\n", [{ section: "Fixed", text: fix }]);
    expect(editChangelog(written, [{ section: "Fixed", text: fix }])).toEqual({ text: written, notes: [], added: 0, already: new Map([["Fixed", 1]]) });
    const crlf = written.replace(/\n/g, "\r\n");
    expect(editChangelog(crlf, [{ section: "Fixed", text: fix }]).added).toBe(0);
    const starred = md("## [Unreleased]", "", "### Fixed", "", "* first", "", "* **m** (core): Guard it.", "    * Root cause: x.", "    * Resolution: y.", "", "## [1.0.0]", "");
    expect(editChangelog(starred, [{ section: "Fixed", text: fix }, { section: "Fixed", text: "first" }]).added).toBe(0);
    // In any `### Fixed` of the section, not only the first.
    const twice = md("## [Unreleased]", "### Fixed", "- z", "### Added", "- q", "### Fixed", "- a", "## [1.0.0]", "");
    expect(editChangelog(twice, [{ section: "Fixed", text: "a" }]).added).toBe(0);
  });

  it("writes an entry that is only part of a bullet there: its first line, a longer line, or a line of prose", () => {
    const source = md("## [Unreleased]", "", "### Fixed", "", "- **m** (core): Guard it. Tests 3/3.", "- **m** (core): Guard it.", "  - Root cause: x.", "", "**m** (core): Guard it.", "", "## [1.0.0]", "");
    for (const text of ["**m** (core): Guard it.", fix, "**m** (core): Guard it"]) expect(editChangelog(source, [{ section: "Fixed", text }]).added, text).toBe(1);
    expect(editChangelog(source, [{ section: "Fixed", text: "**m** (core): Guard it.\n- Root cause: x." }]).added).toBe(0);
  });

  it("ends an item at a link reference definition or a heading below it", () => {
    const source = md("## [Unreleased]", "### Added", "- a", "[1.0.0]: https://x", "#### Notes", "- b", "## [1.0.0]", "");
    expect(editChangelog(source, [added("a"), added("b")]).added).toBe(0);
    expect(editChangelog(source, [added("[1.0.0]: https://x")]).added).toBe(1);
  });
});

describe("a new [Unreleased] heading's link reference", () => {
  const refs = (...lines: string[]) => md("# Changelog", "", "## [1.2.0] - 2026-10-01", "", "- a", "", "## [1.1.0] - 2026-09-01", "", "- b", "", ...lines, "");

  it("follows the newest release's compare URL, above its definition", () => {
    const source = refs("[1.2.0]: https://gitlab.com/o/r/-/compare/1.1.0...1.2.0", "[1.1.0]: https://gitlab.com/o/r/-/tags/1.1.0");
    expect(addUnreleased(source, [added("x")])).toBe(
      source.replace("## [1.2.0]", "## [Unreleased]\n\n### Added\n\n- x\n\n## [1.2.0]").replace("[1.2.0]: ", "[Unreleased]: https://gitlab.com/o/r/-/compare/1.2.0...HEAD\n[1.2.0]: "),
    );
  });

  it("below the newest release's definition when releases run oldest first, in the file's line ending", () => {
    const source = md("# Changelog", "", "## [v1.1.0] - 2026-09-01", "", "- b", "", "## [v1.2.0] - 2026-10-01", "", "- a", "", "[v1.1.0]: https://github.com/o/r/releases/tag/v1.1.0", "[v1.2.0]: https://github.com/o/r/compare/v1.1.0..v1.2.0").replace(/\n/g, "\r\n");
    const result = addUnreleased(source, [added("x")]);
    expect(result.endsWith("[v1.2.0]: https://github.com/o/r/compare/v1.1.0..v1.2.0\r\n[Unreleased]: https://github.com/o/r/compare/v1.2.0..HEAD")).toBe(true);
    expect(onlyInsertsLines(source, result)).toBe(true);
  });

  it("none when the file defines [Unreleased] already, or its links show no compare pattern for the newest release", () => {
    const none = (source: string) => expect(addUnreleased(source, [added("x")])).not.toMatch(/^\[Unreleased\]:/m);
    none(refs("[unreleased]: https://github.com/o/r/compare/v1.2.0...main", "[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0"));
    none(refs("[1.2.0]: https://github.com/o/r/releases/tag/v1.2.0"));
    none(refs("[1.2.0]: https://bitbucket.org/o/r/branches/compare/v1.2.0%0Dv1.1.0"));
    none(refs("[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0"));
    none(refs("[1.2.0]: https://github.com/o/r/compare/v1.1.0...main"));
    none(md("# Changelog", "", "## 1.2.0 - 2026-10-01", "", "[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0", ""));
    none(refs("```", "[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0", "```"));
  });
});
