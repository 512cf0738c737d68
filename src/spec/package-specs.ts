import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * A monorepo's module specs kept in its packages, one a package folder, as Claude Code reads a
 * CLAUDE.md in the folder it works in: `packages/billing/.claude/AGENT.md`, else
 * `packages/billing/.claude/CLAUDE.md`, `packages/billing/AGENT.md`, `packages/billing/CLAUDE.md`,
 * `packages/billing/AGENTS.md`; also a source folder's (`src/billing/CLAUDE.md`).
 * Read when `.claude/` holds no module spec; the folder of packages (`packages`, `apps`, ...) is the layer.
 * Beside `.claude/layers` (a monorepo with both), a package spec is a module when no spec there has its
 * id nor owns a path in its package (`packagesBeside`, `ownedPackageSpecs`): else it is the package's notes.
 */

/**
 * Where monorepo tools keep packages (npm/pnpm/yarn workspaces, Nx, Turborepo, Cargo, Go), and a source folder's own folders;
 * a Go module's packages and commands (`internal/ledger/AGENTS.md`, `pkg/units/AGENTS.md`, `cmd/kettle/AGENTS.md`).
 */
const PACKAGE_FOLDERS = ["packages", "apps", "services", "libs", "crates", "components", "src", "internal", "pkg", "cmd"];
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

/**
 * The layers of package specs beside a tree's `.claude/layers` modules, without those whose id a
 * module there has (`seen`) or that is no id (`My Pkg/`): read as notes, they must not stop the tree.
 * A folder of packages named as a layer (`apps`) adds its packages to that layer.
 */
export function packagesBeside(root: string, dirs: string[], seen: ReadonlyMap<string, string>, valid: RegExp): { id: string; modules: { file: string; id: string }[] }[] {
  return packageSpecLayers(root, dirs)
    .map((layer) => ({ ...layer, modules: layer.modules.filter((m) => valid.test(m.id) && !seen.has(m.id)) }))
    .filter((layer) => layer.modules.length > 0);
}

/**
 * The indexes of package specs (`packageOf`) in `parsed` whose package another module owns a path
 * in, or the folder of (`packages/ledger/src/index.ts`, `packages/`): that package is the other's,
 * and its CLAUDE.md notes for whoever works there.
 */
export function ownedPackageSpecs(parsed: readonly { specFile: string; files: string[] }[]): number[] {
  const owned = parsed.filter((m) => packageOf(m.specFile) === undefined).flatMap((m) => m.files.map((f) => f.replace(/\*.*$/, "")));
  if (owned.length === 0) return [];
  const dropped: number[] = [];
  parsed.forEach((m, i) => {
    const folder = packageOf(m.specFile);
    if (folder !== undefined && owned.some((path) => path.startsWith(folder) || (path.endsWith("/") && folder.startsWith(path)))) dropped.push(i);
  });
  return dropped;
}

/** `PACKAGE_SPEC_READ` notes for the package specs read beside `.claude/layers`: not a problem, but a user may not expect it. */
export function besidePackageNotes(modules: readonly { id: string; specFile: string; layer: string }[]): { code: string; message: string; file: string }[] {
  return modules.flatMap((m) => {
    const folder = packageOf(m.specFile);
    if (folder === undefined) return [];
    return [{ code: "PACKAGE_SPEC_READ", message: `module \`${m.id}\` (layer \`${m.layer}\`): its package's spec, read beside .claude/layers, since no spec there owns a path in ${folder}`, file: m.specFile }];
  });
}
