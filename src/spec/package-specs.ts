import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * A monorepo's module specs kept in its packages, one a package folder, as Claude Code reads a
 * CLAUDE.md in the folder it works in: `packages/billing/.claude/AGENT.md`, else
 * `packages/billing/.claude/CLAUDE.md`, `packages/billing/AGENT.md`, `packages/billing/CLAUDE.md`,
 * `packages/billing/AGENTS.md`; also a source folder's (`src/billing/CLAUDE.md`).
 * Read when `.claude/` holds no module spec; the folder of packages (`packages`, `apps`, ...) is the layer.
 */

/** Where monorepo tools keep packages (npm/pnpm/yarn workspaces, Nx, Turborepo, Cargo, Go), and a source folder's own folders. */
const PACKAGE_FOLDERS = ["packages", "apps", "services", "libs", "crates", "components", "src"];
// AGENTS.md: the file Codex, Cursor and other agents read as Claude Code reads CLAUDE.md.
const IN_PACKAGE = [".claude/AGENT.md", ".claude/CLAUDE.md", "AGENT.md", "CLAUDE.md", "AGENTS.md"];

/** The layers of package specs under `root`, by folder of packages; each folder looked in is added to `dirs` (the listing's snapshot). */
export function packageSpecLayers(root: string, dirs: string[]): { id: string; modules: { file: string; id: string }[] }[] {
  const layers: { id: string; modules: { file: string; id: string }[] }[] = [];
  for (const top of PACKAGE_FOLDERS) {
    if (!isDir(join(root, top))) continue;
    dirs.push(top);
    const modules: { file: string; id: string }[] = [];
    for (const name of names(join(root, top))) {
      if (name.startsWith(".") || !isDir(join(root, top, name))) continue;
      dirs.push(`${top}/${name}`, `${top}/${name}/.claude`);
      const spec = IN_PACKAGE.find((f) => isFile(join(root, top, name, f)));
      if (spec) modules.push({ file: `${top}/${name}/${spec}`, id: name.toLowerCase() });
    }
    if (modules.length > 0) layers.push({ id: top, modules });
  }
  return layers;
}

/** The package folder a package spec is for (`packages/billing/` for `packages/billing/.claude/AGENT.md`); undefined for a spec in `.claude/`. */
export function packageOf(specFile: string): string | undefined {
  const m = /^([^/]+\/[^/]+\/)(?:\.claude\/)?(?:AGENTS?|CLAUDE)\.md$/i.exec(specFile);
  return m && PACKAGE_FOLDERS.includes(m[1]!.split("/")[0]!) ? m[1] : undefined;
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

// Here, not root.ts's: root.ts asks this file for a hint.
function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** A package spec that names no files owns its package's folder: the module is the package. */
export function withPackageFolder<M extends { specFile: string; files: string[]; fileLines?: Record<string, number> }>(m: M): M {
  const folder = m.files.length === 0 ? packageOf(m.specFile) : undefined;
  return folder === undefined ? m : { ...m, files: [folder], fileLines: { ...m.fileLines, [folder]: 1 } };
}
