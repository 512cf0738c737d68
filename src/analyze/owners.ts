import type { SpecTree } from "../spec/types.js";

/** `./src\x.ts:12:5` -> `src/x.ts`; a path under the project root becomes relative. */
export function normalizePath(written: string, root: string): string {
  let path = written.replace(/\\/g, "/").replace(/:\d+(:\d+)?$/, "").replace(/^(\.\/)+/, "");
  const prefix = `${root.replace(/\\/g, "/").replace(/\/$/, "")}/`;
  if (path.startsWith(prefix)) path = path.slice(prefix.length);
  return path.replace(/\/$/, "");
}

export function hasExtension(path: string): boolean {
  return /[^/.]\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(path);
}

/**
 * Modules owning a path, in spec order. Owned files are a module's `files` and its
 * spec file. Tried in turn: the exact path; a suffix at a folder boundary, either way
 * round (`core/journal.py` or `/abs/ledger/core/journal.py`), used only when one
 * module owns every match; for a path without extension, the folder's owners.
 */
export function ownersOf(path: string, spec: SpecTree): string[] {
  if (!path) return [];
  const owning = (test: (file: string) => boolean): string[] =>
    spec.modules.filter((m) => [...m.files, m.specFile].some(test)).map((m) => m.id);

  const exact = owning((file) => file === path);
  if (exact.length > 0) return exact;

  const suffix = owning((file) => file.endsWith(`/${path}`) || path.endsWith(`/${file}`));
  if (suffix.length === 1) return suffix;
  if (suffix.length > 1 || hasExtension(path)) return [];

  return owning((file) => file.startsWith(`${path}/`) || file.includes(`/${path}/`));
}
