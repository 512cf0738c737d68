import type { Warning } from "./types.js";
import type { TableRow } from "./module-cells.js";
import { squashName } from "./names.js";
import { normalisePath } from "./normal-path.js";

/**
 * The rows a system spec declares (spec/declared-modules.ts) that name no module a spec file
 * gives: a person who lists `search` beside specs for `store` and `api` expects all three planned.
 * A row is a module with a spec when its id or name reads as one of `taken` (ids, front matter
 * names, subagents, layers) in any case and with any separators. A row naming no path gives an
 * agent nothing to own, and one every path of which a module with a spec already owns is that
 * module under another name: both are left to the `MODULE_WITHOUT_SPEC` warning, as before.
 */
export function rowsWithoutSpec(rows: TableRow[], taken: string[], owned: string[]): TableRow[] {
  const names = new Set(taken.map(key));
  const paths = owned.map(folderOf);
  const isOwned = (file: string) => {
    const f = folderOf(file);
    return paths.some((p) => f === p || f.startsWith(`${p}/`));
  };
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r.id);
    if (names.has(k) || names.has(key(r.name)) || seen.has(k)) return false;
    seen.add(k);
    return r.files.length > 0 && !r.files.every(isOwned);
  });
}

/**
 * `MODULE_IN_TWO_LAYERS`: a row naming a module an earlier row puts in another layer. A module is in one
 * layer, the first row's; before, the second row was dropped without a word.
 */
export function listedInTwoLayers(rows: TableRow[], systemFile: string, layerOf: (row: TableRow) => string): Warning[] {
  const first = new Map<string, TableRow>();
  const warnings: Warning[] = [];
  for (const r of rows) {
    const other = first.get(key(r.id));
    if (!other) first.set(key(r.id), r);
    else if (layerOf(other) !== layerOf(r))
      warnings.push({
        code: "MODULE_IN_TWO_LAYERS",
        message: `module \`${r.id}\` is listed in layer \`${layerOf(r)}\` here and in layer \`${layerOf(other)}\` (line ${other.line}): a module is in one layer, so it is planned in \`${layerOf(other)}\`; remove one of the rows`,
        file: systemFile,
        line: r.line,
      });
  }
  return warnings;
}

/** The `check` note for a module planned from the system spec's line: not a problem, but it has no spec of its own to say more. */
export function declaredNote(row: TableRow, layer: string, systemFile: string): Warning {
  return {
    code: "MODULE_FROM_SYSTEM_SPEC",
    message: `module \`${row.id}\` (layer \`${layer}\`): planned from the system spec's line, since no module spec is named for it; add .claude/layers/${layer}/modules/${row.id.toUpperCase()}_AGENT.md to say more`,
    file: systemFile,
    line: row.line,
  };
}

// `api.v2` reads as `api_v2`, as a listed name does (spec/system-modules.ts).
function key(name: string): string {
  return squashName(name).replace(/\./g, "");
}

/** `src/store/**`, `src/store/*`, `src/store/` -> `src/store`: a path as a prefix of the paths under it. */
function folderOf(path: string): string {
  return normalisePath(path).replace(/\/\*\*?(?:\/\*)?$/, "").replace(/\/$/, "");
}
