import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The folder an owned entry stands for, or undefined for a file: `strategies/`,
 * `strategies/**` and `strategies/*.py` all own the folder `strategies`.
 */
export function ownedFolder(entry: string): string | undefined {
  const glob = entry.search(/[*?[{]/);
  if (glob >= 0) return entry.slice(0, glob).replace(/\/[^/]*$/, "").replace(/\/+$/, "") || undefined;
  return entry.endsWith("/") ? entry.replace(/\/+$/, "") || undefined : undefined;
}

const SKIPPED = new Set(["node_modules", "__pycache__", "dist", "build", "target", "venv"]);
/** Enough for any owned folder people write a spec for; a larger one is read in part. */
const MAX_FILES = 20_000;

/**
 * Files on disk under the modules' owned folders, relative to the root, sorted: the
 * router maps a file named without its folder (`MACD_Trend_v4`) to the module that owns
 * its folder. Hidden and build folders are skipped; a missing folder is empty.
 */
export function listOwnedFolders(root: string, modules: Iterable<{ files: string[] }>): string[] {
  return listFolders(root, ownedFolders(modules));
}

/** The folders the modules own, each once, in the order they are named. */
export function ownedFolders(modules: Iterable<{ files: string[] }>): string[] {
  const folders = new Set<string>();
  for (const m of modules) for (const entry of m.files) {
    const folder = ownedFolder(entry);
    if (folder && !folder.startsWith("..") && !folder.startsWith("/")) folders.add(folder);
  }
  return [...folders];
}

/** Files on disk under `folders`, as `listOwnedFolders` finds them. */
export function listFolders(root: string, folders: string[]): string[] {
  const found = new Set<string>();
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.size >= MAX_FILES) return;
      if (e.name.startsWith(".") || SKIPPED.has(e.name)) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) found.add(path);
    }
  };
  for (const folder of folders) walk(folder);
  return [...found].sort();
}
