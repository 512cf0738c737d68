import { ownedFolder } from "./folders.js";

/**
 * Who owns a path, for telling which module's files an attempt changed: the modules naming the
 * file itself, else those owning the most specific folder holding it (`strategies/`, `src/ui/**`),
 * else none. Several when a file is owned twice (`FILE_OWNED_TWICE`). Paths relative to the root.
 */
export function fileOwners(modules: readonly { id: string; files: string[] }[]): (path: string) => string[] {
  const byFile = new Map<string, string[]>();
  const folders: { folder: string; id: string }[] = [];
  for (const m of modules) {
    for (const entry of m.files) {
      const folder = ownedFolder(entry);
      if (folder) folders.push({ folder, id: m.id });
      else {
        const owners = byFile.get(entry);
        if (!owners) byFile.set(entry, [m.id]);
        else if (!owners.includes(m.id)) owners.push(m.id);
      }
    }
  }
  // Longest first: the first folder that holds a path is its most specific owner.
  folders.sort((a, b) => b.folder.length - a.folder.length);
  return (path) => {
    const exact = byFile.get(path);
    if (exact) return exact;
    const first = folders.find((f) => path.startsWith(`${f.folder}/`));
    if (!first) return [];
    return [...new Set(folders.filter((f) => f.folder === first.folder).map((f) => f.id))];
  };
}
