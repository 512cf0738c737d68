import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { updateChangelog, type ChangeEntry } from "../../src/docs/changelog.js";
import { DocsFileError } from "../../src/docs/file.js";
import { FEATURES_START, ReadmeMarkerError, updateReadme } from "../../src/docs/readme.js";
import { OrchestrateError } from "../../src/errors.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), "orchestrate-docs-"));
  made.push(d);
  return d;
}

const ENTRY: ChangeEntry[] = [{ section: "Added", text: "**ledger** (core): Posts → balances, café." }];
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** True when `result` is `source` with bytes inserted and none removed or changed. */
function onlyInserts(source: Uint8Array, result: Uint8Array): boolean {
  let at = 0;
  for (let i = 0; i < result.length && at < source.length; i++) if (result[i] === source[at]) at++;
  return at === source.length;
}

function count(haystack: Buffer, needle: string | Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

describe("updateChangelog keeps every byte outside the inserted lines", () => {
  it("a Latin-1 changelog stays Latin-1: no U+FFFD, the entry written in the file's encoding", async () => {
    const root = dir();
    const file = join(root, "CHANGELOG.md");
    const source = Buffer.from("# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Café crème\n\n## [1.0.0] - 2020-01-01\n\n- Über\n", "latin1");
    writeFileSync(file, source);
    await updateChangelog(file, ENTRY);
    const result = readFileSync(file);
    expect(result.includes(REPLACEMENT)).toBe(false);
    expect(onlyInserts(source, result)).toBe(true);
    expect(result.toString("latin1")).toBe(
      "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Café crème\n- **ledger** (core): Posts &#x2192; balances, café.\n\n## [1.0.0] - 2020-01-01\n\n- Über\n",
    );
  });

  it("a UTF-8 changelog gets the entry in UTF-8", async () => {
    const root = dir();
    const file = join(root, "CHANGELOG.md");
    writeFileSync(file, "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Café\n");
    await updateChangelog(file, ENTRY);
    expect(readFileSync(file, "utf8")).toBe("# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Café\n- **ledger** (core): Posts → balances, café.\n");
  });

  it("a CR-only changelog gets its entry under the one [Unreleased], with CR line ends", async () => {
    const root = dir();
    const file = join(root, "CHANGELOG.md");
    const source = "# Changelog\r\r## [Unreleased]\r\r### Added\r\r- one\r\r## [1.0.0]\r\r- old\r";
    writeFileSync(file, source);
    await updateChangelog(file, [{ section: "Added", text: "two" }, { section: "Fixed", text: "three" }]);
    expect(readFileSync(file, "utf8")).toBe("# Changelog\r\r## [Unreleased]\r\r### Added\r\r- one\r- two\r\r### Fixed\r\r- three\r\r## [1.0.0]\r\r- old\r");
  });

  it("a link out of the project is refused with one line naming the file, and nothing outside is written", async () => {
    const root = dir();
    const outside = join(dir(), "CHANGELOG.md");
    writeFileSync(outside, "# Theirs\n");
    const file = join(root, "CHANGELOG.md");
    symlinkSync(outside, file);
    const error = await updateChangelog(file, ENTRY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocsFileError);
    expect(error).toBeInstanceOf(OrchestrateError);
    const line = (error as DocsFileError).describe();
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: Expected a file inside the project, found a symbolic link`));
    expect(line).not.toContain("\n");
    expect(readFileSync(outside, "utf8")).toBe("# Theirs\n");
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it("a link to a file inside the project is followed: the target is written, the link stays", async () => {
    const root = dir();
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "docs", "CHANGES.md"), "# Changelog\n\n## [Unreleased]\n");
    const file = join(root, "CHANGELOG.md");
    symlinkSync("docs/CHANGES.md", file);
    await updateChangelog(file, ENTRY);
    expect(readlinkSync(file)).toBe("docs/CHANGES.md");
    expect(readFileSync(join(root, "docs", "CHANGES.md"), "utf8")).toContain("- **ledger** (core)");
  });

  it("a CHANGELOG.md that is a folder is a typed error, one line naming the file", async () => {
    const root = dir();
    const file = join(root, "CHANGELOG.md");
    mkdirSync(file);
    const error = await updateChangelog(file, ENTRY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocsFileError);
    expect((error as DocsFileError).code).toBe("DOCS_FILE");
    expect((error as DocsFileError).describe()).toBe(`${file}: Expected a file, found a folder; nothing written (remove or rename the folder)`);
  });

  it("property: random bytes around a valid changelog structure are all kept, and the entry lands once", () => {
    const root = dir();
    const file = join(root, "CHANGELOG.md");
    // Any byte but those that open a fence or a comment, which could hide the structure's headings.
    const junk = fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes.filter((b) => b !== 0x60 && b !== 0x7e && b !== 0x3c)));
    const eol = fc.constantFrom("\n", "\r\n", "\r");
    return fc.assert(
      fc.asyncProperty(junk, junk, junk, junk, eol, fc.boolean(), async (intro, unreleased, added, older, nl, hasAdded) => {
        const text = (s: string) => Buffer.from(s.replace(/\n/g, nl), "latin1");
        const source = Buffer.concat([
          text("# Changelog\n\n"),
          intro,
          text("\n\n## [Unreleased]\n\n"),
          unreleased,
          ...(hasAdded ? [text("\n\n### Added\n\n- first\n"), added] : []),
          text("\n\n## [1.0.0]\n\n- old\n"),
          older,
        ]);
        writeFileSync(file, source);
        await updateChangelog(file, [{ section: "Added", text: "entry → one" }]);
        const result = readFileSync(file);
        expect(onlyInserts(source, result)).toBe(true);
        expect(count(result, REPLACEMENT)).toBe(count(source, REPLACEMENT));
        const decoded = result.toString("latin1");
        expect(decoded.split("## [Unreleased]").length).toBe(source.toString("latin1").split("## [Unreleased]").length);
        expect(decoded.includes("entry → one") || result.toString("utf8").includes("entry → one") || decoded.includes("entry &#x2192; one")).toBe(true);
      }),
      { seed: 1337, numRuns: 300 },
    );
  });
});

describe("updateReadme reports broken input as typed errors naming the file", () => {
  it("a start marker without an end marker", async () => {
    const root = dir();
    const file = join(root, "README.md");
    writeFileSync(file, `# Project\n\n${FEATURES_START}\n- old\n`);
    const error = await updateReadme(file, [{ module: "m", layer: "core", summary: "s" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadmeMarkerError);
    expect(error).toBeInstanceOf(OrchestrateError);
    expect((error as ReadmeMarkerError).code).toBe("README_MARKERS");
    expect((error as ReadmeMarkerError).describe()).toBe(
      `${file}:3: Expected "<!-- orchestrate:features:end -->" after the features marker on line 3, found none`,
    );
    expect(readFileSync(file, "utf8")).toBe(`# Project\n\n${FEATURES_START}\n- old\n`);
  });

  it("a README.md that is a folder", async () => {
    const root = dir();
    const file = join(root, "README.md");
    mkdirSync(file);
    const error = await updateReadme(file, [{ module: "m", layer: "core", summary: "s" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocsFileError);
    expect((error as DocsFileError).describe()).toMatch(/README\.md: Expected a file, found a folder/);
  });

  it("a CR-only README keeps its line ends and its one features region", async () => {
    const root = dir();
    const file = join(root, "README.md");
    writeFileSync(file, "# P\r\r## Features\r\r<!-- orchestrate:features:start -->\r<!-- orchestrate:features:end -->\r");
    await updateReadme(file, [{ module: "m", layer: "core", summary: "s" }]);
    expect(readFileSync(file, "utf8")).toBe(
      "# P\r\r## Features\r\r<!-- orchestrate:features:start -->\r\r- **core**\r  - **m**: s\r\r<!-- orchestrate:features:end -->\r",
    );
  });
});
