import { posix } from "node:path";
import type { Language, SourceFile } from "./files.js";
import { COMPONENT_FILE } from "../spec/components.js";
import type { CmakeTarget } from "../spec/cmake.js";
import type { SwiftTarget } from "../spec/swift-package.js";
import { swiftUnits } from "./swift-units.js";
import { nameUnits, routeFiles } from "./unit-names.js";

/** How files become modules: `auto` decides per folder (below); `file` and `folder` force one way. */
export type Granularity = "auto" | "file" | "folder";

export interface FileFacts {
  file: SourceFile;
  /** Lines with code on them (comments and strings blanked). */
  codeLines: number;
  /** Project files this one imports to run. */
  imports: string[];
  /** Project files it imports for type checking only (`import type`, `if TYPE_CHECKING:`). */
  typeImports: string[];
  /** The public names it declares. */
  provides: string[];
}

export interface Unit {
  id: string;
  language: Language;
  /** The folder, when the whole folder is one module. */
  folder?: string;
  files: string[];
  /** The path the unit is named by, when not its folder or first file (a shim joined it; a part of a split folder). */
  nameFrom?: string;
  /** Names it by these words instead of a path: a Rust crate by its package name (`shop_core`), a Swift target by its name. */
  label?: string[];
  /** A whole workspace package of a monorepo (`packages/core/`): never split into its files for holding most of the code. */
  workspace?: boolean;
  /** The CMake or SwiftPM target it is (`add_library(geom ...)`, `.target(name: "OrbitKit")`): never split, joined to a shim or given away. */
  target?: string;
  /** The CMake targets it links to (`target_link_libraries`): dependencies whether or not a file includes theirs. */
  links?: string[];
  /** A CMake or SwiftPM executable target: a program's entry. */
  executable?: boolean;
  /** A web frontend's folder by its role (`components/`, `hooks/`): never split into its files for holding most of the code. */
  role?: boolean;
}

/** Languages whose package is a folder: its files are one module whatever their number (a C# namespace is a folder by convention). */
const FOLDER_LANGUAGES: ReadonlySet<Language> = new Set(["go", "java", "csharp"]);

/** More source files than this in one folder make it one module rather than one module per file. */
export const MAX_FILES_APART = 6;
/** A Rust crate with more source files than this is one module per top-level module (`src/cart.rs` with `src/cart/`), not one. */
const MAX_CRATE_FILES = 12;
/** A monorepo's workspace package of at most this many source files is one module, as a small Rust crate is. */
const MAX_PACKAGE_FILES = 12;
/** A monorepo's web app (a package with a `components/` folder) of at most this many source files is one module. */
const MAX_FRONTEND_FILES = 30;
/**
 * The folders a web frontend keeps beside its `components/` by what their files are for: its authors
 * name each one (`hooks`, `the api client`) whatever its number of files.
 */
const FRONTEND_ROLES = new Set(["components", "hooks", "composables", "api", "services", "store", "stores", "state", "context", "contexts", "utils", "helpers", "db", "types", "constants"]);
/** A file this short that only hands over to one other file (`__main__.py`) goes with that file's module. */
const SHIM_LINES = 10;

const PACKAGE_FILE = /(?:^|\/)(?:__init__\.py|index\.[cm]?[jt]sx?)$/;

/**
 * Groups source files into modules. Go: a package (folder) each. Python and TS/JS, per folder:
 * a package whose `__init__.py`/`index.ts` re-exports its siblings is one module (it has a public
 * face); a folder of more than six files is one module; otherwise each file is a module of its
 * own. Package markers (a short package file that imports and declares nothing) belong to no module; a short entry shim joins the module it calls.
 */
export function groupFiles(facts: Map<string, FileFacts>, granularity: Granularity, projectName = "", workspaces: { dir: string; name?: string }[] = [], targets: CmakeTarget[] = [], swift: SwiftTarget[] = []): { units: Unit[]; markers: string[] } {
  const byDir = new Map<string, FileFacts[]>();
  const markers: string[] = [];
  for (const f of facts.values()) {
    if (f.file.test) continue;
    if (PACKAGE_FILE.test(f.file.path) && f.imports.length === 0 && f.provides.length === 0 && f.codeLines <= SHIM_LINES) {
      markers.push(f.file.path);
      continue;
    }
    const dir = posix.dirname(f.file.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }

  const units: Unit[] = [];
  const frontends = new Set([...byDir.keys()].filter((d) => posix.basename(d) === "components").map((d) => posix.dirname(d)));
  const packages = granularity === "auto" ? workspaceUnits(byDir, workspaces) : { units: [], large: [] };
  if (granularity === "auto") units.push(...rustUnits(byDir), ...swiftUnits(byDir, swift), ...csharpUnits(byDir), ...cmakeUnits(byDir, targets), ...packages.units);
  for (const [dir, members] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const language = members[0]!.file.language;
    const role = granularity === "auto" && roleFolder(dir, members, frontends);
    if (role || asFolder(dir, members, granularity)) {
      units.push({ id: "", language, folder: dir, files: members.map((m) => m.file.path).sort(), ...(role ? { role } : {}) });
      continue;
    }
    for (const files of apart(members.map((m) => m.file))) units.push({ id: "", language: members.find((m) => m.file.path === files[0])!.file.language, files });
  }
  if (granularity !== "file") joinHeaders(units);
  if (granularity === "auto") {
    const codeDirs = new Set(byDir.keys());
    // A large package is a project of its own: its folder of most of its code is split as the root's would be.
    for (const pkg of packages.large) splitWholeProject(units, codeDirs, facts, pkg);
    splitWholeProject(units, codeDirs, facts);
  }
  // Named before shims join them, so `cli.py` + `__main__.py` stays `cli`.
  nameUnits(units, projectName);
  attachShims(units, facts);
  return { units: units.filter((u) => u.files.length > 0), markers: markers.sort() };
}

/**
 * Rust files by crate: a crate is one module (its files tie together through `mod` and
 * `crate::` paths both ways); a large one is one module per top-level module of its `src/`,
 * the root files (`lib.rs`, `main.rs`) and `src/bin/` making one more. Taken out of `byDir`.
 */
function rustUnits(byDir: Map<string, FileFacts[]>): Unit[] {
  const byCrate = new Map<string, FileFacts[]>();
  for (const [dir, members] of byDir) {
    const rust = members.filter((m) => m.file.language === "rust");
    if (rust.length === 0) continue;
    for (const m of rust) byCrate.set(m.file.crate ?? "", [...(byCrate.get(m.file.crate ?? "") ?? []), m]);
    const rest = members.filter((m) => m.file.language !== "rust");
    if (rest.length) byDir.set(dir, rest);
    else byDir.delete(dir);
  }
  const units: Unit[] = [];
  for (const [crate, members] of [...byCrate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const files = members.map((m) => m.file.path).sort();
    const name = [members[0]!.file.crateName ?? crate.split("/").at(-1) ?? ""].filter(Boolean);
    if (files.length <= MAX_CRATE_FILES) {
      units.push({ id: "", language: "rust", ...(crate ? { folder: crate } : {}), files, label: name });
      continue;
    }
    const src = crate ? `${crate}/src/` : "src/";
    const parts = new Map<string, string[]>();
    for (const f of files) {
      const rel = f.startsWith(src) ? f.slice(src.length) : "";
      const top = rel.includes("/") ? rel.split("/")[0]! : rel.replace(/\.rs$/, "");
      const key = !top || top === "lib" || top === "main" || top === "bin" ? "" : top;
      parts.set(key, [...(parts.get(key) ?? []), f]);
    }
    for (const [key, group] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) units.push({ id: "", language: "rust", files: group, label: key ? [...name, key] : name });
  }
  return units;
}

/**
 * The libraries and executables CMakeLists.txt files declare are the modules of C/C++ code, as its
 * authors drew them (`add_library(geom vec.cpp)` is `geom`, not `vec`): each takes the sources it
 * lists, and the target alone in its CMakeLists.txt's folder the rest of that folder's files too (its
 * headers, a `file(GLOB)`'s sources). Only with two such targets or more (one is the whole program,
 * grouped as usual). Taken out of `byDir`.
 */
function cmakeUnits(byDir: Map<string, FileFacts[]>, targets: CmakeTarget[]): Unit[] {
  const cFiles = new Map<string, FileFacts>();
  for (const members of byDir.values()) for (const m of members) if (m.file.language === "c") cFiles.set(m.file.path, m);
  const owner = new Map<string, CmakeTarget>();
  const sorted = [...targets].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const t of sorted) for (const s of t.sources) if (cFiles.has(s) && !owner.has(s)) owner.set(s, t);
  const perDir = new Map<string, number>();
  for (const t of targets) perDir.set(t.dir, (perDir.get(t.dir) ?? 0) + 1);
  for (const t of sorted) {
    if (perDir.get(t.dir) !== 1) continue;
    for (const m of byDir.get(t.dir || ".") ?? []) if (m.file.language === "c" && !owner.has(m.file.path)) owner.set(m.file.path, t);
  }
  const files = new Map<CmakeTarget, string[]>();
  for (const [path, t] of owner) files.set(t, [...(files.get(t) ?? []), path]);
  if (files.size < 2) return [];
  for (const [dir, members] of byDir) {
    const rest = members.filter((m) => !owner.has(m.file.path));
    if (rest.length) byDir.set(dir, rest);
    else byDir.delete(dir);
  }
  const names = new Set([...files.keys()].map((t) => t.name));
  return sorted.filter((t) => files.has(t)).map((t) => {
    const own = files.get(t)!.sort();
    // The whole folder, when the target holds all its files and no others.
    const folder = t.dir || ".";
    const whole = !byDir.has(folder) && own.every((f) => posix.dirname(f) === folder);
    return { id: "", language: "c", ...(whole ? { folder } : {}), files: own, label: [t.name], target: t.name, links: t.links.filter((l) => names.has(l)), ...(t.kind === "executable" ? { executable: true } : {}) };
  });
}

/**
 * A monorepo's workspace packages (a folder with its own package.json, Nx project.json or
 * pyproject.toml below the root: `packages/core/`, `libs/shared/util/`, `services/worker/`), each
 * of at most 12 source files, are one module each: what a person calls the module is the package,
 * not its `src/index.ts` apart from the `src/lib/*.ts` it re-exports. Only with two such packages
 * or more, or a web app (a package with a `components/` folder, of up to 30 files) beside a larger
 * package (one package alone is the project, split as usual); a larger one is grouped by its
 * folders, unless its code is all in one folder of files that do not import one another (Nx's
 * `src/lib/`, 14 files, beside the `src/index.ts` that re-exports them: split, they were a module
 * `lib` and a module of the index alone). Taken out of `byDir`; the larger packages' folders are
 * returned (`large`), each to be split as a project of its own.
 */
function workspaceUnits(byDir: Map<string, FileFacts[]>, workspaces: { dir: string; name?: string }[]): { units: Unit[]; large: string[] } {
  const nested = workspaces.filter((w) => w.dir && w.dir !== ".").sort((a, b) => b.dir.length - a.dir.length);
  const within = (dir: string, pkg: string) => dir === pkg || dir.startsWith(`${pkg}/`);
  const taken = new Set<string>();
  const found: { pkg: string; name?: string; dirs: string[]; members: FileFacts[]; app: boolean }[] = [];
  const large: string[] = [];
  // Deepest first, so a package inside another's folder is its own.
  for (const { dir: pkg, name } of nested) {
    const dirs = [...byDir.keys()].filter((d) => within(d, pkg) && !taken.has(d));
    dirs.forEach((d) => taken.add(d));
    const members = dirs.flatMap((d) => byDir.get(d)!);
    if (members.length > MAX_PACKAGE_FILES) large.push(pkg);
    const app = dirs.some((d) => posix.basename(d) === "components") && members.length <= MAX_FRONTEND_FILES;
    if (members.length === 0 || (members.length > MAX_PACKAGE_FILES && !app && !(oneFolderOfCode(dirs, byDir) && !importsWithin(members))) || new Set(members.map((m) => m.file.language)).size > 1) continue;
    found.push({ pkg, ...(name ? { name } : {}), dirs, members, app });
  }
  // A web app beside a larger package (a backend split into its files) is the frontend its authors name, though it is the only package that fits.
  const beside = found.length === 1 && found[0]!.app && large.some((pkg) => pkg !== found[0]!.pkg);
  if (found.length < 2 && !beside) return { units: [], large };
  // Named by its package's name without the scope (`@acme/core` is `core`) or the first word every
  // package's name shares (`tasks-backend` and `tasks-web` are `backend` and `web`), else its folder.
  const words = found.map(({ name }) => name?.replace(/^@[^/]*\//, "").split(/[-_.]/));
  const shared = words.every((w) => w && w.length > 1 && w[0] === words[0]![0]) && words.length > 1 ? 1 : 0;
  const units = found.map(({ pkg, dirs, members }, i): Unit => {
    dirs.forEach((d) => byDir.delete(d));
    return { id: "", language: members[0]!.file.language, folder: pkg, files: members.map((m) => m.file.path).sort(), workspace: true, ...(words[i] ? { label: [words[i]!.slice(shared).join("_")] } : {}) };
  });
  return { units, large: large.filter((pkg) => !found.some((f) => f.pkg === pkg)) };
}

/**
 * At least a quarter of a package's files (its entry files aside) import another of them: it has an
 * order inside to plan by (a backend's `app/` of 30 files, each using the last), unlike a library's
 * files that its index re-exports side by side. A shared helper or two imported here and there is not that.
 */
function importsWithin(members: FileFacts[]): boolean {
  const own = new Set(members.map((m) => m.file.path));
  const code = members.filter((m) => !PACKAGE_FILE.test(m.file.path));
  return code.filter((m) => m.imports.some((i) => i !== m.file.path && own.has(i) && !PACKAGE_FILE.test(i))).length * 4 >= code.length;
}

/** The package's code is in one of its folders: the others hold only entry files (`index.ts`, `__init__.py`). */
function oneFolderOfCode(dirs: string[], byDir: Map<string, FileFacts[]>): boolean {
  return dirs.filter((d) => !byDir.get(d)!.every((m) => PACKAGE_FILE.test(m.file.path))).length <= 1;
}

/**
 * A folder that holds most of the project's code, and is not inside another folder of code, is
 * a module per file: a library that is one package (PyYAML's `yaml/`, 17 files; PyJWT's `jwt/`,
 * 11) was otherwise one module, a tree with nothing to plan, route or run in parallel. A folder
 * of most of the code inside the package's own folder (Pygments' `lexers/`, 196 of 299 files,
 * one lexer a file) stays one module. Go and Java packages stay whole (their files share one
 * namespace and do not import each other); files at the project's root (`setup.py`) are not a
 * folder above. Given a workspace package's folder (`pkg`), the same within that package: its files
 * are its project, and files at its root (`server/manage.py`) are not a folder above either.
 */
function splitWholeProject(units: Unit[], codeDirs: Set<string>, facts: Map<string, FileFacts>, pkg?: string): void {
  const inside = (u: Unit) => pkg === undefined || u.files.every((f) => f.startsWith(`${pkg}/`));
  const total = units.reduce((n, u) => (inside(u) ? n + u.files.length : n), 0);
  const at = units.findIndex((u) => u.folder !== undefined && inside(u) && !u.workspace && !u.target && !u.role && u.files.length * 2 > total && !FOLDER_LANGUAGES.has(u.language) && !u.files.every((f) => facts.get(f)!.file.namespaced) && !hasCodeAbove(u.folder, codeDirs, pkg) && !namespacePortion(u.folder, codeDirs, facts, pkg));
  if (at < 0) return;
  units.splice(at, 1, ...apart(units[at]!.files.map((f) => facts.get(f)!.file)).map((files) => ({ id: "", language: facts.get(files[0]!)!.file.language, files })));
}

/**
 * A Python package inside a namespace package (`src/acme/billing/` beside `src/acme/shipping/`, `acme/`
 * without an `__init__.py`): one of the project's packages, not the library that is one package, however
 * many of the files it holds.
 */
function namespacePortion(folder: string, codeDirs: Set<string>, facts: Map<string, FileFacts>, pkg?: string): boolean {
  const parent = posix.dirname(folder);
  if (parent === "." || parent === pkg || facts.has(`${parent}/__init__.py`) || !facts.has(`${folder}/__init__.py`)) return false;
  return [...codeDirs].some((d) => d.startsWith(`${parent}/`) && d !== folder && !d.startsWith(`${folder}/`));
}

const C_HEADER = /\.(?:h|hh|hpp|hxx)$/;
const stemOf = (path: string) => posix.basename(path).replace(/\.[^.]+$/, "");

/** Files of one folder that are modules apart: each its own, but a C header with the source of its name (`uart.h` with `uart.c`). */
function apart(files: SourceFile[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const key = f.language === "c" ? `c\0${stemOf(f.path)}` : f.path;
    groups.set(key, [...(groups.get(key) ?? []), f.path]);
  }
  return [...groups.values()];
}

/**
 * The headers of a C module of headers alone (`include/uart.h`, `include/drivers/`) join the one
 * module holding the source of their name (`src/uart.c`): a header and its source are one module
 * wherever a project keeps them. A header that names no source, or sources of several modules, stays.
 */
function joinHeaders(units: Unit[]): void {
  const sourceUnit = new Map<string, Unit | null>();
  for (const u of units) {
    if (u.language !== "c") continue;
    for (const f of u.files) {
      if (C_HEADER.test(f)) continue;
      const stem = stemOf(f);
      sourceUnit.set(stem, sourceUnit.has(stem) && sourceUnit.get(stem) !== u ? null : u);
    }
  }
  for (const u of units) {
    if (u.language !== "c" || u.target || u.files.length === 0 || !u.files.every((f) => C_HEADER.test(f))) continue;
    const moved = u.files.filter((f) => {
      const target = sourceUnit.get(stemOf(f));
      if (!target || target === u) return false;
      target.files = [...target.files, f].sort();
      return true;
    });
    u.files = u.files.filter((f) => !moved.includes(f));
    // What is left of a folder of headers is no longer the whole folder.
    if (moved.length && u.files.length) delete u.folder;
  }
}

/**
 * The projects (`.csproj` folders) of a .NET solution, each of at most 12 source files, are one
 * module each, as they are the boundaries its authors drew; only with two such projects or more (a
 * lone project is the whole program, grouped by its namespace folders). Taken out of `byDir`.
 */
function csharpUnits(byDir: Map<string, FileFacts[]>): Unit[] {
  const byProject = new Map<string, FileFacts[]>();
  for (const members of byDir.values()) for (const m of members) if (m.file.language === "csharp" && m.file.project) byProject.set(m.file.project, [...(byProject.get(m.file.project) ?? []), m]);
  const small = [...byProject].filter(([, members]) => members.length <= MAX_PACKAGE_FILES);
  if (byProject.size < 2 || small.length === 0) return [];
  const taken = new Set(small.flatMap(([, members]) => members.map((m) => m.file.path)));
  for (const [dir, members] of byDir) {
    const rest = members.filter((m) => !taken.has(m.file.path));
    if (rest.length) byDir.set(dir, rest);
    else byDir.delete(dir);
  }
  // Named without the solution's first word that every project shares (`Shop.Domain` is `domain`).
  const names = small.map(([project]) => posix.basename(project).split("."));
  const prefix = names.every((n) => n.length > 1 && n[0] === names[0]![0]) ? 1 : 0;
  return small.sort(([a], [b]) => (a < b ? -1 : 1)).map(([project, members]) => ({ id: "", language: "csharp", folder: project, files: members.map((m) => m.file.path).sort(), ...(prefix ? { label: [posix.basename(project).split(".").slice(prefix).join("_")] } : {}) }));
}

/** Whether a folder above `dir`, other than the project's root (or `top`, a package's), holds source files of its own. */
export function hasCodeAbove(dir: string, codeDirs: Set<string>, top?: string): boolean {
  for (let up = posix.dirname(dir); up !== "." && up !== dir && up !== top; dir = up, up = posix.dirname(up)) if (codeDirs.has(up)) return true;
  return false;
}

/** A JS/TS folder of two files or more that a web frontend keeps by role (`hooks/` beside `components/`, or `components/` itself). */
function roleFolder(dir: string, members: FileFacts[], frontends: Set<string>): boolean {
  return members.length > 1 && members.every((m) => m.file.language === "js") && FRONTEND_ROLES.has(posix.basename(dir)) && frontends.has(posix.dirname(dir));
}

function asFolder(dir: string, members: FileFacts[], granularity: Granularity): boolean {
  if (granularity !== "auto") return granularity === "folder";
  // A Go or Java package is a folder; so is a PHP namespace of PSR-4 class files (`src/Domain/`).
  if (members.some((m) => FOLDER_LANGUAGES.has(m.file.language))) return true;
  if (members.every((m) => m.file.namespaced)) return true;
  if ((members[0]!.file.language === "c" ? new Set(members.map((m) => stemOf(m.file.path))).size : members.length) > MAX_FILES_APART) return true;
  // A `scripts/` folder is the project's tooling, each script run on its own: one module, not one each
  // nor each joined to the module it calls.
  if (posix.basename(dir) === "scripts") return true;
  // A route's files (Next.js `page.tsx` with its `loading.tsx`, SvelteKit's `+page.ts` with `+page.server.ts`) are one route.
  if (members.length > 1 && routeFiles(members.map((m) => m.file.path))) return true;
  // A Django app (`apps.py` beside `models.py`) is installed and used as one unit.
  const names = new Set(members.map((m) => posix.basename(m.file.path)));
  if (names.has("apps.py") && names.has("models.py")) return true;
  const facade = members.find((m) => PACKAGE_FILE.test(m.file.path));
  return !!facade && facade.imports.some((i) => posix.dirname(i) === dir && i !== facade.file.path);
}

/**
 * A lone short file that imports exactly one project file, that nothing imports and that
 * declares nothing public (`__main__.py`, `main.ts` calling `serve()`) joins that file's
 * module. A short file that declares a class or function (`class SqlStore(Store)`) is a
 * module of its own, however short.
 */
export function attachShims(units: Unit[], facts: Map<string, FileFacts>): void {
  const imported = new Set<string>();
  for (const f of facts.values()) for (const i of f.imports) imported.add(i);
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const f of u.files) unitOf.set(f, u);
  for (const u of units) {
    // A CMake target is a module its build declares, however short (an executable's `main.cpp`).
    if (u.folder || u.target || u.files.length !== 1) continue;
    const f = facts.get(u.files[0]!)!;
    // A Vue or Svelte component renders its markup, however short its script: no shim.
    if (COMPONENT_FILE.test(f.file.path) || f.codeLines > SHIM_LINES || imported.has(f.file.path) || f.imports.length !== 1 || f.provides.length > 0) continue;
    const target = unitOf.get(f.imports[0]!);
    if (!target || target === u) continue;
    target.nameFrom ??= target.folder ?? target.files[0];
    target.files = [...target.files, ...u.files].sort();
    u.files = [];
  }
}
