import { ownedFolder } from "../spec/folders.js";
import type { SpecTree } from "../spec/types.js";

/**
 * `./src\x.ts:12:5` -> `src/x.ts`, `tests/test_fx.py::TestRates::test_cross` (a pytest node id)
 * -> `tests/test_fx.py`; a path under the project root becomes relative.
 */
export function normalizePath(written: string, root: string): string {
  let path = written.replace(/\\/g, "/").replace(/::.*$/, "").replace(/:\d+(:\d+)?$/, "").replace(/^(\.\/)+/, "");
  const prefix = `${root.replace(/\\/g, "/").replace(/\/$/, "")}/`;
  if (path.startsWith(prefix)) path = path.slice(prefix.length);
  return path.replace(/\/$/, "");
}

// Extensions a bare file name (no folder) must have to count as a path, so that
// `journal.post` or `e.g.` stay prose. With a folder, any extension will do.
const FILE_EXTENSIONS = new Set(
  ("py pyi ts tsx mts cts js jsx mjs cjs go rs java kt kts scala rb php c h cc cpp hpp cs swift m " +
    "dart lua r jl ex exs erl hs ml clj sql sh bash zsh ps1 md mdx rst txt log out err csv tsv json " +
    "jsonl yaml yml toml ini cfg conf env xml html htm css scss sass less vue svelte proto graphql " +
    "lock ipynb tf gradle").split(" "),
);

export function hasExtension(path: string): boolean {
  const match = /[^/.]\.([A-Za-z][A-Za-z0-9]{0,7})$/.exec(path);
  if (!match) return false;
  return path.includes("/") || FILE_EXTENSIONS.has((match[1] ?? "").toLowerCase());
}

/**
 * Modules owning a path, in spec order. Owned files are a module's `files` and its
 * spec file. Tried in turn: the exact path; a suffix at a folder boundary, either way
 * round (`core/journal.py` or `/abs/ledger/core/journal.py`), used only when one
 * module owns every match; an owned folder holding the path (the most specific one);
 * for a path without extension, the owners of the files under it.
 */
export function ownersOf(path: string, spec: SpecTree): string[] {
  if (!path) return [];
  const owning = (test: (file: string) => boolean): string[] =>
    spec.modules.filter((m) => [...m.files, m.specFile].some(test)).map((m) => m.id);

  const exact = owning((file) => file === path);
  if (exact.length > 0) return exact;

  const suffix = owning((file) => file.endsWith(`/${path}`) || path.endsWith(`/${file}`));
  if (suffix.length === 1) return suffix;

  const folder = folderOwners(path, spec);
  if (folder.length > 0) return folder;
  if (suffix.length > 1 || hasExtension(path)) return [];

  return owning((file) => file.startsWith(`${path}/`) || file.includes(`/${path}/`));
}

/**
 * Owners of the most specific owned folder that holds `path`: `strategies/macd.py`
 * belongs to the module owning `strategies/`, unless another owns `strategies/macd/`.
 * A path written from inside the tree (`strategies/x.py` for a folder
 * `engine/strategies/`) counts when its folder ends the owned one.
 */
export function folderOwners(path: string, spec: SpecTree): string[] {
  let best = 0;
  let owners: string[] = [];
  for (const m of spec.modules) {
    for (const entry of m.files) {
      const folder = ownedFolder(entry);
      const fit = folder ? holds(folder, path) : 0;
      if (!folder || fit === 0) continue;
      // Held from the root beats held by a tail; then the longer folder is the more specific.
      const rank = fit * 100_000 + folder.length;
      if (rank > best) [best, owners] = [rank, [m.id]];
      else if (rank === best && !owners.includes(m.id)) owners.push(m.id);
    }
  }
  return owners;
}

/** 2: the folder holds the path from the root; 1: by a tail on either side; 0: not at all. */
function holds(folder: string, path: string): number {
  if (path === folder || path.startsWith(`${folder}/`)) return 2;
  if (path.includes(`/${folder}/`)) return 1;
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  return dir !== "" && `/${folder}`.endsWith(`/${dir}`) ? 1 : 0;
}
