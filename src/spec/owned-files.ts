import { ownedFolder } from "./folders.js";

/**
 * The module owning `path` through an owned folder: the one whose folder holds it most
 * specifically (`pkg/strategies/` beats `pkg/`), the first in spec order on a tie.
 * Undefined when no owned folder holds it. Paths are relative to the project root.
 */
export function folderOwner(path: string, modules: readonly { id: string; files: string[] }[]): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const m of modules) {
    for (const entry of m.files) {
      const folder = ownedFolder(entry);
      if (!folder || folder.length <= bestLength || !path.startsWith(`${folder}/`)) continue;
      best = m.id;
      bestLength = folder.length;
    }
  }
  return best;
}

/**
 * Each module's owned files with the folders it owns replaced by the files found in them
 * (`SpecTree.projectFiles`), each file under its most specific owner: what the
 * architecture gate scans and what log frames are matched against.
 */
export function expandOwnedFolders(modules: readonly { id: string; files: string[] }[], projectFiles: readonly string[] = []): Map<string, string[]> {
  const byModule = new Map<string, string[]>(modules.map((m) => [m.id, m.files.filter((f) => ownedFolder(f) === undefined)]));
  // Longest folder first: the first that holds a file is its most specific owner.
  const folders = modules
    .flatMap((m) => m.files.map((f) => ({ folder: ownedFolder(f), id: m.id })))
    .filter((f): f is { folder: string; id: string } => f.folder !== undefined)
    .sort((a, b) => b.folder.length - a.folder.length);
  // A file a module names itself is more specific than any folder holding it.
  const named = new Set(modules.flatMap((m) => m.files));
  for (const file of projectFiles) {
    if (named.has(file)) continue;
    const owner = folders.find((f) => file.startsWith(`${f.folder}/`))?.id;
    const list = owner ? byModule.get(owner) : undefined;
    if (list && !list.includes(file)) list.push(file);
  }
  return byModule;
}
