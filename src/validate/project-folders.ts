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

/** Files at a project's root that discovery takes a test runner from (src/validate/discover.ts). */
const PROJECT_FILES = ["package.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "pytest.ini", "manage.py", "go.mod", "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile", "composer.json", "CMakeLists.txt", "Makefile"];

/**
 * A module's files by the project holding each, as discovery finds projects: the root (`""`)
 * when it has a project file, else the first folder above the file, one or two levels down,
 * that has one (`backend/` for `backend/shop/models.py`), else the root. Each file is given
 * relative to its project's folder, in the order of `files`. `has` answers for a path from the root;
 * `known` holds folders found to be a project or not, kept by a caller who knows `has` still answers the same.
 */
export function filesByProject(files: readonly string[], has: (path: string) => boolean, known = new Map<string, boolean>()): Map<string, string[]> {
  const isProject = (dir: string) => {
    let is = known.get(dir);
    if (is === undefined) known.set(dir, (is = PROJECT_FILES.some((name) => has(dir ? `${dir}/${name}` : name))));
    return is;
  };
  const out = new Map<string, string[]>();
  const atRoot = isProject("");
  for (const file of files) {
    const dir = atRoot ? "" : projectFolderOf(file, isProject);
    const list = out.get(dir) ?? [];
    if (list.length === 0) out.set(dir, list);
    list.push(dir ? file.slice(dir.length + 1) : file);
  }
  return out;
}

/** The first folder above `file`, one or two levels down, that is a project; the root when none is. */
function projectFolderOf(file: string, isProject: (dir: string) => boolean): string {
  const parts = file.split("/").slice(0, -1);
  for (let depth = 1; depth <= Math.min(2, parts.length); depth++) {
    if (NOT_A_PROJECT.test(parts[depth - 1]!)) return "";
    const dir = parts.slice(0, depth).join("/");
    if (isProject(dir)) return dir;
  }
  return "";
}
