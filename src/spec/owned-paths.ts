import { posix } from "node:path";
import { SpecError } from "../errors.js";
import type { NamedPath } from "./file-places.js";
import type { Warning } from "./types.js";
import { normalisePath } from "./normal-path.js";
import { expandBraces, isExclusion } from "./glob-entries.js";

/**
 * A module's owned paths and the spec line of each, from the paths its spec names: `named` (its
 * `**Module**`, `**Related Files**` and front matter; one outside the project is an error) and
 * `listed` (its Files sections and fields; one outside the project is a file it uses, a note).
 * A glob's braces stand for each choice (`src/{a,b}/**`); a negation (`!**\/*.test.ts`) is a note.
 */
export function ownedPaths(id: string, specFile: string, named: NamedPath[], listed: NamedPath[], notes: Warning[]): { files: string[]; fileLines: Record<string, number> } {
  const files: string[] = [];
  const fileLines = lineTable();
  const own = (path: NamedPath, key: string) => {
    for (const entry of expandBraces(key)) {
      // `files` holds the table's keys: a few are found by a scan sooner than by a megamorphic `in` on the table.
      if (files.length < 8 ? files.includes(entry) : entry in fileLines) continue;
      fileLines[entry] = path.line;
      files.push(entry);
    }
  };
  const where = (path: NamedPath) => path.where.replace(/^\*\*(.*)\*\*$/, '"$1"');
  // `!**/*.test.ts` would take files from the module's folders: ownership has no such rule, so it is said, not owned.
  const excluded = (path: NamedPath, key: string) => {
    if (!isExclusion(key)) return false;
    notes.push({
      code: "FILES_EXCLUSION_NOT_READ",
      message: `${id}: \`${path.written}\` under ${where(path)} excludes files, which orchestrate does not apply: the module owns everything its other entries name, those files included; to give them to another module, name them in that module's spec`,
      file: specFile,
      line: path.line,
    });
    return true;
  };
  for (const path of named) {
    const key = keyOf(path, specFile);
    if (excluded(path, key)) continue;
    insideProject(key, path.written, path.where, specFile, path.line);
    own(path, key);
  }
  for (const path of listed) {
    const key = keyOf(path, specFile);
    if (excluded(path, key)) continue;
    if (outsideProject(key)) notes.push({ code: "FILE_OUTSIDE_PROJECT", message: `${id}: \`${path.written}\` under ${where(path)} is outside the project, so the module does not own it`, file: specFile, line: path.line });
    else own(path, key);
  }
  return { files, fileLines };
}

/**
 * The owned path a spec's entry names. A link is written for a reader of the spec, so a target
 * climbing out of its folder (`../../../../src/billing/invoice.ts`) is read from the spec's folder, and one
 * starting with `/` from the project's root, as GitHub reads them; other targets (`src/billing/`) are
 * read from the root as a written path is: that is what specs linking them that way mean.
 */
function keyOf(path: NamedPath, specFile: string): string {
  const key = normalisePath(path.written);
  if (!path.linked) return key;
  if (key.startsWith("/") && !key.startsWith("//")) return key.replace(/^\/+/, "");
  return key.startsWith("../") ? posix.join(posix.dirname(specFile), key) : key;
}

/**
 * Throws SpecError `SPEC_PARSE` for a module path outside the project: absolute
 * (`/etc/passwd`, `C:\\x`, `~/x`) or climbing out of it (`../x`, `a/../../x`). Module
 * paths are handed to agents in `{files}` and read by the architecture gate. `path` is `written` normalised.
 */
function insideProject(path: string, written: string, where: string, file: string, line: number): void {
  const outside = outsideProject(path);
  if (!outside) return;
  throw new SpecError("SPEC_PARSE", `${where} names \`${written}\`, ${outside === "absolute" ? "an absolute path" : "a path outside the project"}: expected a path relative to the project root, inside it`, { file, line });
}

/** "absolute" (`/etc/passwd`, `C:\\x`, `~/x`), "climbs" (`../x`, `a/../../x`), or undefined for a path inside the project. */
function outsideProject(path: string): "absolute" | "climbs" | undefined {
  if (/^(?:\/|~(?:\/|$)|[A-Za-z]:(?:\/|$))/.test(path)) return "absolute";
  // Only a path with `..` in it can climb: most are not normalised to know it.
  return path.includes("..") && posix.normalize(path).split("/")[0] === ".." ? "climbs" : undefined;
}

/**
 * An empty path -> line table. Without a prototype, so V8 keeps it as a dictionary: every
 * module's paths are keys of their own, and on a plain object each new key is a new
 * hidden class (a cold plan of 10,000 specs spent 0.2 s there).
 */
export function lineTable(entries: Iterable<readonly [string, number]> = []): Record<string, number> {
  const table = Object.create(null) as Record<string, number>;
  // An array (a run's read-back tree: every module's, src/spec/tree-recall.ts) by index: below TurboFan (src/cli/heap.ts)
  // a for-of allocates a result per entry, and the [path, line] destructuring an iterator and results of its own.
  if (Array.isArray(entries)) {
    const list = entries as readonly (readonly [string, number])[];
    for (let i = 0; i < list.length; i++) table[list[i]![0]] = list[i]![1];
  } else for (const [path, line] of entries) table[path] = line;
  return table;
}
