import { describe, it, expect } from "vitest";
import { parser } from "keep-a-changelog";
import { addUnreleased, formatModuleEntry, type ChangeEntry } from "../../src/docs/changelog.js";
import { fixture, onlyInsertsLines } from "./helpers.js";

const journal = formatModuleEntry({
  module: "journal",
  layer: "core",
  summary: "Balanced posting validation",
  files: ["ledger/core/journal.py", "tests/test_journal.py"],
  tests: { passed: 12, total: 12 },
  coverage: 91,
});
const ledgerFix = formatModuleEntry({
  module: "ledger",
  layer: "core",
  summary: "Balance assertions no longer fail on zero-amount postings",
  files: ["ledger/core/balance.py"],
  tests: { passed: 41, total: 41 },
  rootCause: "the assertion compared a Decimal to the float 0.0",
  resolution: "compare against Decimal(0)",
});
const JOURNAL = "- **journal** (core): Balanced posting validation. Files: `ledger/core/journal.py`, `tests/test_journal.py`. Tests 12/12, coverage 91%.";
const LEDGER = [
  "- **ledger** (core): Balance assertions no longer fail on zero-amount postings. Files: `ledger/core/balance.py`. Tests 41/41.",
  "  - Root cause: the assertion compared a Decimal to the float 0.0.",
  "  - Resolution: compare against Decimal(0).",
];

interface Case {
  file: string;
  entries: ChangeEntry[];
  /** Where the edited section starts and where the untouched rest begins (`null`: end of file). */
  from: string;
  to: string | null;
  /** The edited section as it must read, LF-joined. */
  section: string[];
  /** A line inserted in the untouched rest: a new `[Unreleased]` heading's link reference, before `before`. */
  link?: { line: string; before: string };
}

const cases: Case[] = [
  {
    file: "keepachangelog-style.md",
    entries: [
      { section: "Security", text: "Journal files are opened with `O_NOFOLLOW`." },
      { section: "Added", text: journal },
      { section: "Fixed", text: ledgerFix },
    ],
    from: "## [Unreleased]",
    to: "## [2.3.1]",
    section: [
      "## [Unreleased]", "", "### Added", "",
      "- Ledger import from OFX 2.2 statements.",
      "- `ll balance --at` accepts relative dates such as `-30d`.",
      JOURNAL, "", "### Fixed", "", ...LEDGER, "", "### Security", "",
      "- Journal files are opened with `O_NOFOLLOW`.", "", "",
    ],
  },
  {
    file: "crlf.md",
    entries: [
      { section: "Added", text: journal },
      { section: "Changed", text: "Uploads use HTTP/2 when the server offers it." },
      { section: "Fixed", text: ledgerFix },
    ],
    from: "## Unreleased",
    to: "## [1.2.0]",
    // Existing subsections are out of order: each keeps its place, Changed goes before Fixed.
    section: [
      "## Unreleased", "", "### Changed", "", "- Uploads use HTTP/2 when the server offers it.", "",
      "### Fixed", "", "- Retry uploads after a 503 from the storage API.   ", ...LEDGER, "",
      "### Added", "", "- `sync --dry-run` lists what would be uploaded.", JOURNAL, "", "",
    ],
  },
  {
    file: "no-unreleased.md",
    entries: [
      { section: "Changed", text: "Retries honour `Retry-After`." },
      { section: "Added", text: journal },
    ],
    from: "## [0.4.0]",
    to: "## [0.4.0]",
    section: ["## [Unreleased]", "", "### Added", "", JOURNAL, "", "### Changed", "", "- Retries honour `Retry-After`.", "", ""],
    link: { line: "[Unreleased]: https://github.com/example/hookd/compare/v0.4.0...HEAD", before: "[0.4.0]: " },
  },
  {
    file: "prose-and-fences.md",
    entries: [
      { section: "Fixed", text: ledgerFix },
      { section: "Added", text: journal },
      { section: "Deprecated", text: "The `tiller-cli` binary name; use `tl`." },
    ],
    from: "## [Unreleased]\n\nThis release",
    to: "## [0.9.0]",
    section: [
      "## [Unreleased]", "",
      "This release renames the `tiller-cli` binary to `tl`. Release notes generated",
      "by older tooling may still contain blocks like this one, which are quoted, not",
      "sections:", "", "```text", "### Fixed", "- this line is inside a code block", "```", "",
      "### Added", "", "- `tl plan --json` prints the plan as JSON:", "", "  ```json",
      '  { "waves": [["core"], ["api", "cli"]] }', "  ```", "",
      "- Configuration files may include other files.", "",
      // The list is loose (items separated by blank lines), so the new item is too.
      JOURNAL, "", "### Deprecated", "", "- The `tiller-cli` binary name; use `tl`.", "",
      "### Fixed", "", "- Plans with no modules no longer print an empty table.", ...LEDGER, "", "",
    ],
  },
  {
    file: "no-trailing-newline.md",
    entries: [
      { section: "Fixed", text: ledgerFix },
      { section: "Security", text: "Passwords are redacted from `--verbose` logs." },
    ],
    from: "## [Unreleased]",
    to: null,
    section: [
      "## [Unreleased]", "", "### Changed", "", "- Connection pool size defaults to the number of CPUs.", "",
      "### Fixed", "", "- `pgkit dump` keeps sequence ownership.", ...LEDGER, "",
      "### Security", "", "- Passwords are redacted from `--verbose` logs.",
    ],
  },
  {
    file: "empty-unreleased.md",
    entries: [
      { section: "Removed", text: "The `--xml` output format." },
      { section: "Added", text: journal },
    ],
    from: "## [Unreleased]",
    to: "## [1.1.0]",
    // The file's `*` marker is used for new bullets.
    section: ["## [Unreleased]", "", "### Added", "", JOURNAL.replace("- ", "* "), "", "### Removed", "", "* The `--xml` output format.", "", ""],
  },
];

describe("addUnreleased on real-world-style changelogs", () => {
  for (const c of cases) {
    it(`edits only the Unreleased section of ${c.file}`, () => {
      const source = fixture(c.file);
      const eol = source.includes("\r\n") ? "\r\n" : "\n";
      const result = addUnreleased(source, c.entries);
      const from = source.indexOf(c.from.replaceAll("\n", eol));
      const to = c.to === null ? source.length : source.indexOf(c.to, from);
      expect(from).toBeGreaterThan(0);
      expect(to).toBeGreaterThanOrEqual(from);

      const before = source.slice(0, from);
      const after = c.link ? source.slice(to).replace(c.link.before, c.link.line + eol + c.link.before) : source.slice(to);
      expect(result.slice(0, from)).toBe(before);
      expect(result.slice(result.length - after.length)).toBe(after);
      expect(result.slice(from, result.length - after.length)).toBe(c.section.join(eol));
      expect(onlyInsertsLines(source, result)).toBe(true);
      if (eol === "\r\n") expect(result.replaceAll("\r\n", "")).not.toContain("\n");
    });

    it(`keeps ${c.file} parseable by keep-a-changelog, with the new changes in Unreleased`, () => {
      const result = addUnreleased(fixture(c.file), c.entries);
      const changelog = parser(result.replaceAll("\r\n", "\n"));
      const unreleased = changelog.releases.filter((r) => r.version === undefined);
      for (const entry of c.entries) {
        const firstLine = entry.text.split("\n")[0] ?? "";
        const found = unreleased.some((r) =>
          (r.changes.get(entry.section.toLowerCase()) ?? []).some((change) => change.title.includes(firstLine)),
        );
        expect(found, `${entry.section}: ${firstLine}`).toBe(true);
      }
      const released = parser(fixture(c.file).replaceAll("\r\n", "\n")).releases.filter((r) => r.version);
      expect(changelog.releases.filter((r) => r.version).map((r) => r.toString())).toEqual(released.map((r) => r.toString()));
    });
  }
});

describe("addUnreleased with every combination of sections", () => {
  const SECTIONS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"] as const;
  for (const c of cases) {
    it(`only inserts into the Unreleased section of ${c.file}`, () => {
      const source = fixture(c.file);
      const eol = source.includes("\r\n") ? "\r\n" : "\n";
      const from = source.indexOf(c.from.replaceAll("\n", eol));
      const to = c.to === null ? source.length : source.indexOf(c.to, from);
      for (let mask = 1; mask < 1 << SECTIONS.length; mask++) {
        const entries = SECTIONS.filter((_, i) => mask & (1 << i)).map((section) => ({ section, text: `${section} ${mask}` }));
        const result = addUnreleased(source, entries);
        expect(result.slice(0, from)).toBe(source.slice(0, from));
        expect(result.endsWith(c.link ? source.slice(to).replace(c.link.before, c.link.line + eol + c.link.before) : source.slice(to))).toBe(true);
        expect(onlyInsertsLines(source, result)).toBe(true);
        const unreleased = parser(result.replaceAll("\r\n", "\n")).releases.filter((r) => r.version === undefined);
        for (const { section, text } of entries) {
          expect(unreleased.some((r) => r.changes.get(section.toLowerCase())?.some((ch) => ch.title === text))).toBe(true);
        }
      }
    });
  }
});
