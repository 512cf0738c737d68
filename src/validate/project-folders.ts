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
