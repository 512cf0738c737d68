import { readdirSync } from "node:fs";
import { join } from "node:path";

/** A documentation file of the project: where it is, and whether orchestrate can edit it (markdown). */
export interface DocFile {
  /** Absolute path. */
  file: string;
  /** False for a reStructuredText, AsciiDoc or plain-text file, which is left alone. */
  markdown: boolean;
  /** False when no such file exists yet: `file` is where a new one goes. */
  exists: boolean;
}

const MARKDOWN = /\.(?:md|markdown)$/i;
const CHANGELOG = /^(?:changelog|changes|history|news)(?:\.[a-z]+)?$/i;
const README = /^readme(?:\.[a-z]+)?$/i;
/** Folders a changelog is kept in besides the root, in the order they are looked in. */
const CHANGELOG_FOLDERS = ["", "docs", "doc"];

/**
 * The project's changelog: `CHANGELOG.md` (any case; `CHANGES`, `HISTORY`, `NEWS` too) at
 * `dir`, else in `docs/` or `doc/`; a markdown one before another format (`CHANGELOG.rst`,
 * which orchestrate does not edit). None found: `CHANGELOG.md` at `dir`, to be created.
 */
export function findChangelog(dir: string): DocFile {
  const found = CHANGELOG_FOLDERS.flatMap((folder) => pick(dir, folder, CHANGELOG, ["changelog", "changes", "history", "news"]) ?? []);
  return found.find((f) => f.markdown) ?? found[0] ?? { file: join(dir, "CHANGELOG.md"), markdown: true, exists: false };
}

/** The project's README at `dir`: `README.md` (any case) before `README.rst`, `README.txt`, `README`; none: `README.md`, to be created. */
export function findReadme(dir: string): DocFile {
  return pick(dir, "", README, ["readme"]) ?? { file: join(dir, "README.md"), markdown: true, exists: false };
}

function pick(dir: string, folder: string, pattern: RegExp, stems: string[]): DocFile | undefined {
  let names: string[];
  try {
    names = readdirSync(join(dir, folder), { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && pattern.test(e.name))
      .map((e) => e.name);
  } catch {
    return undefined;
  }
  const stem = (name: string) => stems.indexOf(name.replace(/\..*$/, "").toLowerCase());
  // Markdown first, then by the stems' order, then the exact upper-case spelling.
  const [best] = names.sort((a, b) => Number(MARKDOWN.test(b)) - Number(MARKDOWN.test(a)) || stem(a) - stem(b) || a.localeCompare(b));
  return best ? { file: join(dir, folder, best), markdown: MARKDOWN.test(best), exists: true } : undefined;
}
