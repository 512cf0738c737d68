/**
 * The paths a code block draws as a file tree, as people list a module's files under an
 * "Owned Files" heading:
 *
 *     src/payments/
 *     ├── index.ts          # entry point
 *     └── providers/
 *         └── stripe.ts
 *
 * Each entry's folder is the nearest entry above it drawn further left (its `/` may be left out,
 * as `tree` prints folders, the root `src/thread` too);
 * `tree`'s box lines, `|`/`+--`/`` `-- `` and plain indentation all draw it (and a list indented
 * with a tab, which markdown reads as code: `\t- \`src/a.py\``). Files are
 * given, and folders with nothing drawn under them (as folders, `utils/`). Undefined when a
 * line is no entry: a block of code is not a tree.
 */
export function treePaths(text: string): { path: string; line: number }[] | undefined {
  const lines = text.split("\n");
  const entries: { depth: number; name: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    // The tree's root drawn without its `/` (`src/thread`, as `tree src/thread` prints it) is a folder.
    const m = ENTRY.exec(lines[i]!) ?? DRAWN.exec(lines[i]!) ?? (entries.length === 0 ? rootFolder(lines, i) : null);
    if (!m) {
      if (lines[i]!.trim() === "" || TRUNK.test(lines[i]!)) continue;
      return undefined;
    }
    entries.push({ depth: m[1]!.length, name: m[2]!, line: i });
  }
  if (entries.length === 0) return undefined;
  const paths: { path: string; line: number }[] = [];
  const open: { depth: number; path: string }[] = [];
  entries.forEach((e, i) => {
    while (open.length && open[open.length - 1]!.depth >= e.depth) open.pop();
    const next = entries[i + 1];
    const under = next !== undefined && next.depth > e.depth;
    // An entry with entries drawn under it is a folder, `/` or not (`tree` prints none).
    const name = under && !e.name.endsWith("/") ? `${e.name}/` : e.name;
    const path = `${open[open.length - 1]?.path ?? ""}${name.replace(/^\.\//, "")}`;
    if (!name.endsWith("/")) return paths.push({ path, line: e.line });
    if (!under) paths.push({ path, line: e.line });
    open.push({ depth: e.depth, path });
  });
  return paths;
}

/** `[, indent, "src/thread/"]` for a first line naming a folder without its `/`, when the next line is drawn under it. */
function rootFolder(lines: string[], i: number): string[] | null {
  const root = ROOT.exec(lines[i]!);
  const next = lines.slice(i + 1).find((l) => l.trim() !== "" && !TRUNK.test(l));
  const under = next === undefined ? null : (ENTRY.exec(next) ?? DRAWN.exec(next));
  return root && under && under[1]!.length > root[1]!.length ? [root[0], root[1]!, `${root[2]}/`] : null;
}

// A path without an extension or a `/` at its end, alone on its line.
const ROOT = /^(\s*)((?:\.{0,2}\/)?[\w@.$-]+(?:\/[\w@.$-]+)*)\s*$/;
// Tree drawing, then a name that is a path (a folder ending in `/`, or a file with an extension), then a comment.
// A name starts with no `-`, which the drawing uses: matched by both, a long run of dashes took quadratic time.
const ENTRY = /^([\s│├└─┬┼|`+\\-]*)((?:\.{0,2}\/)?[\w@.$[\]][\w@.$[\]-]*(?:\/[\w@.$[\]-]+)*(?:\/|\.[A-Za-z0-9]{1,8}))`?(?:\s+(?:#|\/\/|<-|←|-|—|–|\().*)?\s*$/;
// A name drawn as an entry of a tree needs no extension (`├── Makefile`).
const DRAWN = /^(\s*(?:[│|]\s*)*[├└|`+][─-]+\s*)([\w@.$][\w@.$-]*\/?)(?:\s+(?:#|\/\/|<-|←|-|—|–|\().*)?\s*$/;
// A line of drawing alone (`│`).
const TRUNK = /^[\s│|]+$/;
