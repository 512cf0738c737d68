import { posix } from "node:path";
import { ownedFolder } from "./folders.js";

/** Which module owns which file, and the lookups import resolution needs. */
export class Ownership {
  private readonly byFile = new Map<string, string>();
  private readonly byDir = new Map<string, Set<string>>();
  /** Folder -> owners of the files directly in it (not in its subfolders): a Go package's owners. */
  private readonly byFolder = new Map<string, Set<string>>();
  /** First path segments of owned files: `ledger`, `src`, `tests`. */
  readonly topFolders = new Set<string>();
  /** Files claimed by a second module: [file, first owner, second owner]. */
  readonly conflicts: [string, string, string][] = [];

  constructor(modules: Iterable<{ id: string; files: string[] }>) {
    for (const m of modules) {
      for (const file of m.files) {
        const owner = this.byFile.get(file);
        if (owner && owner !== m.id) this.conflicts.push([file, owner, m.id]);
        if (!owner) this.byFile.set(file, m.id);
        const slash = file.indexOf("/");
        if (slash > 0) this.topFolders.add(file.slice(0, slash));
        const folder = posix.dirname(file);
        let direct = this.byFolder.get(folder);
        if (!direct) this.byFolder.set(folder, (direct = new Set()));
        direct.add(m.id);
        for (let dir = folder; dir !== "." && dir !== "/"; dir = posix.dirname(dir)) {
          let owners = this.byDir.get(dir);
          if (!owners) this.byDir.set(dir, (owners = new Set()));
          owners.add(m.id);
        }
      }
    }
  }

  private roots: string[] | undefined;

  /**
   * Folders other than the root that Python imports start from: the parent of each top-level
   * package (a folder with `__init__.py` whose parent has none), and a `src/` holding Python files.
   */
  pythonRoots(): string[] {
    if (this.roots) return this.roots;
    const roots = new Set<string>();
    for (const file of this.byFile.keys()) {
      if (!file.endsWith(".py")) continue;
      // A `src/` folder in the path, looked for only in the paths that hold one.
      const src = file.includes("src/") ? /^(?:.*\/)?src(?=\/)/.exec(file)?.[0] : undefined;
      if (src) roots.add(src);
      let dir = posix.dirname(file);
      if (!this.byFile.has(`${dir}/__init__.py`)) continue;
      while (dir.includes("/") && this.byFile.has(`${posix.dirname(dir)}/__init__.py`)) dir = posix.dirname(dir);
      if (dir.includes("/")) roots.add(posix.dirname(dir));
    }
    return (this.roots = [...roots].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
  }

  private rubyLoadPath: string[] | undefined;

  /**
   * Folders Ruby's `require` searches: the root, and each `lib/`, `spec/` and `test/` folder
   * (the first such on an owned `.rb` file's path) whose files are owned, as a gem's or an app's
   * load path holds them, shortest first.
   */
  rubyRoots(): string[] {
    if (this.rubyLoadPath) return this.rubyLoadPath;
    const roots = new Set<string>([""]);
    for (const file of this.byFile.keys()) {
      if (!file.endsWith(".rb")) continue;
      const root = /^(?:.*?\/)?(?:lib|spec|test)(?=\/)/.exec(file)?.[0];
      if (root) roots.add(root);
    }
    return (this.rubyLoadPath = [...roots].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
  }

  /** Whether a module owns a file under `dir`. */
  ownsUnder(dir: string): boolean {
    return this.byDir.has(dir);
  }

  /** The owners of the files anywhere under `dir`: a Swift target is its folder's whole subtree. */
  ownersUnder(dir: string): string[] {
    return [...(this.byDir.get(dir) ?? [])];
  }

  owner(file: string): string | undefined {
    return this.byFile.get(file);
  }

  /** The owner of `base` as a file with a usual extension, a package, or a folder one module owns alone. */
  resolve(base: string): string | undefined {
    // Each candidate is `base` or a file in its folder or in `base` as a folder, which would be
    // owned under that folder: where no owned file is, no candidate is made (most names tried are not paths).
    const folder = posix.dirname(base);
    const mayOwn = folder === "." || folder === "/" || base.endsWith("/") || this.byDir.has(folder);
    const exact = this.byFile.get(base);
    if (exact) return exact;
    if (mayOwn) {
      for (const candidate of candidates(base)) {
        const owner = this.byFile.get(candidate);
        if (owner) return owner;
      }
    }
    const owners = this.byDir.get(base.replace(/\/+$/, ""));
    return owners?.size === 1 ? [...owners][0] : undefined;
  }

  private folders: Map<string, string> | undefined;

  /**
   * The module owning `path` through a folder it owns (`src/billing/`, `src/billing/**`): the
   * most specific such folder that is `path` or holds it. `src/billing` and `src/billing/invoice.ts`
   * name billing before any file of it is written.
   */
  folderOwner(path: string): string | undefined {
    if (!this.folders) {
      this.folders = new Map();
      for (const [entry, id] of this.byFile) {
        const folder = ownedFolder(entry);
        if (folder && !this.folders.has(folder)) this.folders.set(folder, id);
      }
    }
    if (this.folders.size === 0) return undefined;
    for (let dir = path.replace(/\/+$/, ""); dir && dir !== "." && dir !== "/"; dir = posix.dirname(dir)) {
      const owner = this.folders.get(dir);
      if (owner) return owner;
    }
    return undefined;
  }

  /** The owners of the files directly in `folder` (`.` for the root): a Go import names a package, which is one folder's files. */
  ownersIn(folder: string): string[] {
    return [...(this.byFolder.get(folder) ?? [])];
  }

  /** The owners of the files directly in the folders whose path is or ends with `/folder` (a Java package's folder under any source root). */
  ownersInFolderEnding(folder: string): string[] {
    const owners = new Set<string>();
    for (const [dir, ids] of this.byFolder) if (dir === folder || dir.endsWith(`/${folder}`)) for (const id of ids) owners.add(id);
    return [...owners];
  }

  /** Owner of a path given by its tail (`core/journal.py` for `ledger/core/journal.py`), when exactly one file matches. */
  ownerBySuffix(path: string): string | undefined {
    const exact = this.byFile.get(path);
    if (exact) return exact;
    let found: string | undefined;
    for (const [file, owner] of this.byFile) {
      if (!file.endsWith(`/${path}`)) continue;
      if (found && found !== owner) return undefined;
      found = owner;
    }
    return found;
  }
}

const EXTENSIONS = [".py", "/__init__.py", ".ts", ".tsx", ".js", ".mjs", ".jsx", "/index.ts", "/index.tsx", "/index.js", "/index.mjs", ".rb"];

function candidates(base: string): string[] {
  const list = [base];
  // NodeNext sources import `./x.js` while the file on disk is `x.ts`.
  const js = /\.(m?js|jsx)$/.exec(base);
  if (js) list.push(base.slice(0, -js[0].length) + (js[1] === "jsx" ? ".tsx" : ".ts"));
  for (const ext of EXTENSIONS) list.push(base + ext);
  return list;
}
