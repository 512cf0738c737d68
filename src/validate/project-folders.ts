import { readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";

/** Folders never taken for a project of their own: hidden ones, dependencies, build output, docs and examples. */
const NOT_A_PROJECT = /^(?:\.|_)|^(?:node_modules|vendor|third_party|build|dist|target|out|bin|obj|docs?|examples?|fixtures|scripts|tmp|venv|env)$/;
/** Folders read at most, however wide the tree. */
const MAX_FOLDERS = 200;

/**
 * The folders where a repository keeps projects of its own (`backend/`, `services/billing/`): the
 * root (`""`), then folders one and two levels down, in name order, each given with its entries.
 * `visit` answers whether to look below a folder (discovery stops at a folder that is a project).
 */
export function visitProjectFolders(root: string, visit: (dir: string, entries: readonly Dirent[]) => boolean): void {
  let read = 0;
  const walk = (dir: string, depth: number) => {
    const entries = entriesOf(dir ? join(root, dir) : root);
    if (!visit(dir, entries) || depth === 2) return;
    for (const e of entries) {
      if (!e.isDirectory() || NOT_A_PROJECT.test(e.name) || ++read > MAX_FOLDERS) continue;
      walk(dir ? `${dir}/${e.name}` : e.name, depth + 1);
    }
  };
  walk("", 0);
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Files at a project's root that discovery takes a test runner from (src/validate/discover.ts), by the toolchain each is of. */
const PROJECT_FILES: Record<string, string> = {
  "package.json": "node",
  "pyproject.toml": "python",
  "setup.py": "python",
  "setup.cfg": "python",
  "requirements.txt": "python",
  "pytest.ini": "python",
  "manage.py": "python",
  "go.mod": "go",
  "Cargo.toml": "rust",
  "pom.xml": "maven",
  "build.gradle": "gradle",
  "build.gradle.kts": "gradle",
  Gemfile: "ruby",
  "composer.json": "php",
  "pubspec.yaml": "dart",
  "CMakeLists.txt": "cmake",
  Makefile: "make",
};

/**
 * A module's files by the project holding each, as discovery finds projects: the first folder
 * above the file, one or two levels down, that has a project file (`backend/` for
 * `backend/shop/models.py`) of a toolchain the root has none of (`web/package.json` beside a root
 * go.mod, not an npm workspace's package), else the root. Each file is given
 * relative to its project's folder, in the order of `files`. `has` answers for a path from the root;
 * `known` holds folders found to be a project or not, kept by a caller who knows `has` still answers the same.
 */
export function filesByProject(files: readonly string[], has: (path: string) => boolean, known = new Map<string, boolean>()): Map<string, string[]> {
  // The root's toolchains are read with the first folder not yet known: asked for every module's prompt, mostly known.
  let rootTools: Set<string> | undefined;
  const isProject = (dir: string) => {
    let is = known.get(dir);
    if (is === undefined) known.set(dir, (is = ownProject(dir, has, (rootTools ??= toolchains("", has)))));
    return is;
  };
  const out = new Map<string, string[]>();
  // By index: asked for every module's prompt, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per file.
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const dir = projectFolderOf(file, isProject);
    const list = out.get(dir) ?? [];
    if (list.length === 0) out.set(dir, list);
    list.push(dir ? file.slice(dir.length + 1) : file);
  }
  return out;
}

/** Whether a folder below the root is a project of its own: one with a project file of a toolchain the root has none of. */
export function ownProject(dir: string, has: (path: string) => boolean, rootTools = toolchains("", has)): boolean {
  for (const t of toolchains(dir, has)) if (!rootTools.has(t)) return true;
  return false;
}

/** The toolchains of the project files in a folder. */
function toolchains(dir: string, has: (path: string) => boolean): Set<string> {
  return new Set(Object.keys(PROJECT_FILES).filter((name) => has(dir ? `${dir}/${name}` : name)).map((name) => PROJECT_FILES[name]!));
}

/** The first folder above `file`, one or two levels down, that is a project; the root when none is. */
function projectFolderOf(file: string, isProject: (dir: string) => boolean): string {
  // Cut by index, not split: asked for each file of every module's prompt, the parts were arrays of new strings.
  let start = 0;
  for (let depth = 1; depth <= 2; depth++) {
    const end = file.indexOf("/", start);
    if (end < 0 || NOT_A_PROJECT.test(file.slice(start, end))) return "";
    const dir = file.slice(0, end);
    if (isProject(dir)) return dir;
    start = end + 1;
  }
  return "";
}
