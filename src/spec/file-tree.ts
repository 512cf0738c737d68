/**
 * The paths a code block draws as a file tree, as people list a module's files under an
 * "Owned Files" heading:
 *
 *     src/payments/
 *     ├── index.ts          # entry point
 *     └── providers/
 *         └── stripe.ts
 *
 * Each entry's folder is the nearest entry above it drawn further left that ends in `/`;
 * `tree`'s box lines, `|`/`+--`/`` `-- `` and plain indentation all draw it (and a list indented
 * with a tab, which markdown reads as code: `\t- \`src/a.py\``). Files are
 * given, and folders with nothing drawn under them (as folders, `utils/`). Undefined when a
 * line is no entry: a block of code is not a tree.
 */
export function treePaths(text: string): { path: string; line: number }[] | undefined {
  const lines = text.split("\n");
  const entries: { depth: number; name: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ENTRY.exec(lines[i]!) ?? DRAWN.exec(lines[i]!);
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
    const path = `${open[open.length - 1]?.path ?? ""}${e.name.replace(/^\.\//, "")}`;
    if (!e.name.endsWith("/")) return paths.push({ path, line: e.line });
    const next = entries[i + 1];
    if (!next || next.depth <= e.depth) paths.push({ path, line: e.line });
    open.push({ depth: e.depth, path });
  });
  return paths;
}

// Tree drawing, then a name that is a path (a folder ending in `/`, or a file with an extension), then a comment.
// A name starts with no `-`, which the drawing uses: matched by both, a long run of dashes took quadratic time.
const ENTRY = /^([\s│├└─┬┼|`+\\-]*)((?:\.{0,2}\/)?[\w@.$[\]][\w@.$[\]-]*(?:\/[\w@.$[\]-]+)*(?:\/|\.[A-Za-z0-9]{1,8}))`?(?:\s+(?:#|\/\/|<-|←|-|—|–|\().*)?\s*$/;
// A name drawn as an entry of a tree needs no extension (`├── Makefile`).
const DRAWN = /^(\s*(?:[│|]\s*)*[├└|`+][─-]+\s*)([\w@.$][\w@.$-]*\/?)(?:\s+(?:#|\/\/|<-|←|-|—|–|\().*)?\s*$/;
// A line of drawing alone (`│`).
const TRUNK = /^[\s│|]+$/;
