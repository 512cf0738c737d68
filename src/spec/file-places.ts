import type { Block } from "./markdown.js";
import type { Field } from "./sections.js";
import { backticked, itemReference } from "./sections.js";
import { sectionsStartingWith } from "./markdown.js";
import { treePaths } from "./file-tree.js";

/** A path a spec names, where and on which line. */
export interface NamedPath {
  written: string;
  where: string;
  line: number;
  /** Written as a link (`[invoice.ts](../../src/billing/invoice.ts)`): a target climbing out of the spec's folder is read from it. */
  linked?: true;
}

/** `{ linked: true }` for an item that is a link, whose target is then relative to the spec file. */
export function linkedItem(text: string): { linked?: true } {
  return text.charCodeAt(0) === 91 && LEADING_LINK.test(text) ? { linked: true } : {};
}

const LEADING_LINK = /^\[[^\]]*\]\(/;

// One file: `**File**`, `**Primary File**`, `**Main File**`, `**Module File**`, `**Module Path**`.
const FILE_FIELD = /^(?:(?:primary|main|module|source)\s+)?file$|^module path$/i;
// Several: `**Files**`, `**Owned Files**`, `**Module Files**`, `**Source Files**`, `**Owns**`, `**Owned Paths**`,
// and the module's tests, `**Tests**`, `**Test Files**` (`| Tests | \`tests/test_stock.py\` |`): the module writes them.
// `**Location**`, `**Path**`, `**Directory**` and `**Folder**` too, as a table of modules' Files column may be named.
const FILES_FIELD = /^(?:(?:owned|module|source)\s+)?files$|^owns$|^owned\s+(?:paths|folders?|directories)$|^(?:unit\s+)?tests?(?:\s+files?)?$|^(?:location|paths?|director(?:y|ies)|folders?)$/i;
// "Files", "📁 Owned Files", "Module Files", "Source Files", "Related Files", "Owns", "Owned Paths", a heading "File" or "Paths"; in German,
// French, Spanish, Portuguese, Dutch, Polish, Russian, Chinese, Japanese and Korean too ("Dateien", "Bestanden", "文件", "ファイル");
// "Ownership", "Location", "Source code", as the fields are named (only the paths of their items and code spans count).
const FILES_HEADING = /^(?:(?:owned|module|source|related)\s+)?files\b|^file$|^(?:(?:module|source|code)\s+)?paths?$|^(?:module\s+|file\s+)?ownership$|^locations?$|^source(?:\s+code)?$|^owns\b|^owned\s+(?:paths|folders?|directories)\b|^(?:dateien|fichiers|archivos|arquivos|bestanden|pliki|файлы)(?![\p{L}\p{N}])|^(?:文件|檔案|ファイル|파일)/iu;
// "Structure", "Directory Layout", "File Tree", "📂 Module Structure": a heading over the module's files drawn as a tree
// (a code block that is one; the whole project's, "Project Structure", names other modules' files too).
const TREE_HEADING = /^(?:(?:directory|folder|file|module|source|code)\s+)?(?:structure|layout|tree)\b/i;
// A path, not a sentence: a folder in it, or a file extension, and no spaces. Written for Windows too (`src\billing\`).
const PATH_LIKE = /^[^\s]*(?:[/\\]|\.[A-Za-z0-9]{1,8})$|^[^\s]+[/\\][^\s]*$/;

/** The `**File**`-like field that stands for the primary file when the spec has no `**Module**`. */
export function primaryFileField(fields: Field[]): Field | undefined {
  return fields.find((f) => FILE_FIELD.test(f.key) && pathsIn(f.value).length > 0);
}

/**
 * Paths named in the places people list a module's files in besides `**Module**` and
 * `**Related Files**`: `**File**`/`**Files**`-like fields (except `primary`, already read)
 * and the path-looking items under a "Files" or "Owned Files" heading, and the paths of a
 * file tree drawn in a code block there or under a "Structure" or "Directory Layout" heading.
 */
export function otherFilePlaces(blocks: Block[], fields: Field[], primary: Field | undefined): NamedPath[] {
  const named: NamedPath[] = [];
  for (const f of fields) {
    if (!(FILE_FIELD.test(f.key) || FILES_FIELD.test(f.key))) continue;
    const where = `**${f.key}**`;
    // The primary field's first path is the module's primary file, read with `**Module**`'s.
    const paths = pathsIn(f.value);
    for (const path of f === primary ? paths.slice(1) : paths) named.push({ written: path, where, line: f.line });
    for (const item of f.items) {
      const path = itemReference(item);
      if (path && PATH_LIKE.test(path)) named.push({ written: path, where, line: item.line, ...linkedItem(item.text) });
    }
  }
  for (const section of sectionsStartingWith(blocks, FILES_HEADING)) {
    // The folder items above the current one, by how deep each is nested: `- src/billing/` then `  - invoice.ts`.
    const folders: string[] = [];
    for (const b of section.blocks) {
      // A tree drawn in a code block (`├── index.ts`), or paths one a line.
      if (b.kind === "code") for (const { path, line } of treePaths(b.text) ?? []) named.push({ written: path, where: `"${section.heading.text}"`, line: b.line + line });
      if (b.kind !== "text" || !b.item) continue;
      const path = itemReference(b);
      if (!path || !PATH_LIKE.test(path)) continue;
      const depth = b.nested ?? 0;
      folders.length = depth;
      const written = inFolder(folders[depth - 1], path);
      if (written.endsWith("/")) folders[depth] = written;
      named.push({ written, where: `"${section.heading.text}"`, line: b.line, ...linkedItem(b.text) });
    }
  }
  for (const section of sectionsStartingWith(blocks, TREE_HEADING)) {
    for (const b of section.blocks) if (b.kind === "code") for (const { path, line } of treePaths(b.text) ?? []) named.push({ written: path, where: `"${section.heading.text}"`, line: b.line + line });
  }
  return named;
}

/**
 * A path listed under a folder's item: a bare name (`invoice.ts`, `tax/`) is in that folder, as a tree
 * drawn with a list means; a path naming folders of its own (`src/shared/money.ts`) is as written.
 */
function inFolder(folder: string | undefined, path: string): string {
  if (!folder || /[/\\]./.test(path) || path.startsWith(".") || path.startsWith(folder)) return path;
  return folder + path;
}

/** A field value's paths: its backticked spans, else its comma- or space-separated words that look like paths. */
export function pathsIn(value: string): string[] {
  const spans = backticked(value);
  return (spans.length ? spans : value.split(/[,;\s]+/)).filter((p) => PATH_LIKE.test(p));
}
