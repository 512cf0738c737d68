import { posix } from "node:path";
import type { ImportRef } from "./imports.js";
import type { ParsedModule, RawReference } from "./module.js";
import type { Dependency, DependencySource, Warning } from "./types.js";
import { Ownership } from "./ownership.js";
import { definedNames } from "./definitions.js";
import { expandOwnedFolders } from "./owned-files.js";
import { aliasBases, type AliasConfig } from "./path-aliases.js";
import { resolveRustPath, type RustCrates } from "./rust-paths.js";
import { moduleNames, squashName, type ModuleNames } from "./names.js";
import { alike, moduleNamed } from "./module-named.js";

export { moduleNamed } from "./module-named.js";
import type { Namespaces } from "./namespaces.js";
import { psr4Candidates, type Psr4 } from "./php-autoload.js";
import type { CIncludes } from "./c-includes.js";
import type { SwiftTarget } from "./swift-package.js";
import type { ElixirModules } from "./elixir-modules.js";
import { dartTarget, type DartPackage } from "./dart-packages.js";
import { placeOf } from "./part-places.js";

/** What C#, PHP, C, Swift and Elixir imports resolve through: the namespaces the project's files declare, composer.json's PSR-4 maps, the include folders, Package.swift's targets, the modules `.ex` files declare, the pub packages `package:` URIs name. */
export interface SourceIndexes {
  csharp?: Namespaces;
  php?: { namespaces: Namespaces; psr4: Psr4[] };
  c?: CIncludes;
  swift?: SwiftTarget[];
  elixir?: ElixirModules;
  dart?: DartPackage[];
}

const STRENGTH: Record<DependencySource, number> = { "front-matter": 0, list: 1, import: 2, symbol: 3, diagram: 4 };

export interface Resolver {
  ownership: Ownership;
  moduleIds: Set<string>;
  /** Layer ids, for `<layer>/<module>` names. */
  layerIds: Set<string>;
  /** Provided name -> modules that declare it. */
  provides: Map<string, string[]>;
  /**
   * Top-level name -> modules whose owned source files define it; read from disk on the first
   * call (once per tree, and only when a stub names something no spec provides).
   */
  defines: (name: string) => string[];
  /** Names modules give themselves in front matter (`name: payment-service`). */
  names?: ModuleNames;
  /** The module owning a path named as `name` (`Ledger` -> `journal`, owning `src/ledger/`): what a renamed module is now. */
  ownerByPathName?: (name: string) => { id: string; path: string } | undefined;
}

/** `root` (with the files found under owned folders) lets stubs resolve through the source files modules own. */
export function createResolver(modules: ParsedModule[], source?: { root: string; projectFiles?: string[] }): Resolver {
  const provides = new Map<string, string[]>();
  for (const m of modules) for (const name of m.provides) provides.set(name, [...(provides.get(name) ?? []), m.id]);
  let defined: Map<string, string[]> | undefined;
  const defines = (name: string): string[] => {
    if (!source) return [];
    defined ??= definedNames(source.root, modules, source.projectFiles);
    return defined.get(name) ?? [];
  };
  // Files under owned folders own their imports too (`from pkg.strategies.macd_v4 import X`).
  const expanded = source?.projectFiles?.length ? expandOwnedFolders(modules, source.projectFiles) : undefined;
  const owned = expanded ? modules.map((m) => ({ id: m.id, files: [...m.files, ...(expanded.get(m.id) ?? []).filter((f) => !m.files.includes(f))] })) : modules;
  return { ownership: new Ownership(owned), moduleIds: new Set(modules.map((m) => m.id)), layerIds: new Set(modules.map((m) => m.layer)), provides, defines, names: moduleNames(modules), ownerByPathName: ownersByPathName(modules) };
}

/**
 * `ownerByPathName` of the modules: by the last name of each path a module owns (`src/ledger/`,
 * `src/ledger.py` -> `ledger`), where one module alone owns paths of that name. Made on the first
 * call: only a dependency that names nothing asks.
 */
function ownersByPathName(modules: ParsedModule[]): Resolver["ownerByPathName"] {
  let byName: Map<string, { id: string; path: string } | null> | undefined;
  return (name) => {
    if (!byName) {
      byName = new Map();
      for (const m of modules) {
        for (const path of m.files) {
          const key = squashName(posix.basename(path.replace(/\/\*\*$|\/$/, "")).replace(/\.\w+$/, ""));
          const known = byName.get(key);
          if (key && known !== null) byName.set(key, known === undefined || known.id === m.id ? (known ?? { id: m.id, path }) : null);
        }
      }
    }
    return byName.get(squashName(name)) ?? undefined;
  };
}

/** The module's references resolved to module ids, strongest source kept; the rest become warnings. */
export function resolveDependencies(module: ParsedModule, r: Resolver, warnings: Warning[]): Dependency[] {
  const found = new Map<string, Dependency>();
  const yielded = new Set<number>();
  const add = (id: string | undefined, via: DependencySource, line: number) => {
    if (!id || id === module.id) return;
    yielded.add(line);
    const known = found.get(id);
    if (known && STRENGTH[via] >= STRENGTH[known.via]) return;
    // A line of a part of the spec (spec/spec-parts.ts) is said in the part's file.
    const part = module.parts && placeOf(module, line);
    found.set(id, { id, via, file: part ? part.file : module.specFile, line: part ? part.line : line });
  };
  const warnedAt = new Set<number>();
  const warn = (code: string, message: string, line: number) => {
    warnedAt.add(line);
    const part = module.parts && placeOf(module, line);
    warnings.push({ code, message, file: part ? part.file : module.specFile, line: part ? part.line : line });
  };

  for (const ref of module.references) {
    switch (ref.kind) {
      case "front-matter": {
        const id = moduleNamed(ref.target, r, false);
        if (id) add(id, ref.kind, ref.line);
        else {
          // `depends_on: store pricing`: each word a module, but no list of them: said, not guessed.
          const words = ref.target.split(/\s+/);
          const each = words.length > 1 && words.every((w) => moduleNamed(w, r, false) !== undefined);
          const hint = each ? `; to depend on each, separate them with commas (\`${words.join(", ")}\`) or write a list (\`[${words.join(", ")}]\`)` : "";
          warn("UNRESOLVED_DEPENDENCY", `${module.id}: front matter depends_on names \`${ref.target}\`, which is no module${hint}`, ref.line);
        }
        break;
      }
      case "list": {
        const target = resolveListItem(ref, module, r) ?? (ref.or ? resolveListItem({ ...ref, target: ref.or }, module, r) : undefined);
        if (target) add(target.id, target.via, ref.line);
        else warn("UNRESOLVED_DEPENDENCY", `${module.id}: \`${ref.target}\` under "Depends On" names no module, owned file or provided name${alikeHint(ref.target, r) ?? renamedHint(ref.target, module.id, r)}`, ref.line);
        break;
      }
      case "named": {
        // From a place that may name packages too, or from prose: only what names a module counts.
        const id = moduleNamed(ref.target, r, ref.exact) ?? (ref.or ? moduleNamed(ref.or, r, ref.exact) : undefined);
        if (id) add(id, "list", ref.line);
        else add(uniqueProvider(ref.or ?? ref.target, module.id, r), "symbol", ref.line);
        break;
      }
      case "import": {
        let result = resolveImport(ref.ref, module, r);
        if (result === "external") break;
        // `../ledger` from a module owning `src/billing/` names the folder `src/ledger/` owns, written or not.
        if (result.length === 0 && ref.ref.style === "js" && ref.ref.specifier.startsWith(".")) result = listOf(r.ownership.folderOwner(posix.join(folderOf(module.primaryFile ?? module.files[0] ?? "."), ref.ref.specifier)));
        if (result.length === 0) warn("UNRESOLVED_IMPORT", `${module.id}: import \`${ref.ref.specifier}\` matches no file a module owns`, ref.line);
        for (const id of result) add(id, "import", ref.line);
        break;
      }
      case "symbol": {
        const owners = (r.provides.get(ref.name) ?? []).filter((id) => id !== module.id);
        if (owners.length === 1) add(owners[0], "symbol", ref.line);
        else if (owners.length > 1) warn("AMBIGUOUS_SYMBOL", `${module.id}: \`${ref.name}\` is provided by ${owners.join(", ")}; name the module under "Depends On"`, ref.line);
        break;
      }
      case "stub": {
        const owners = stubOwners(ref.name, module.id, r);
        if (owners.length === 1) add(owners[0], "symbol", ref.line);
        else if (owners.length > 1) warn("AMBIGUOUS_SYMBOL", `${module.id}: \`${ref.name}\` is provided or defined by ${owners.join(", ")}; name the module under "Depends On"`, ref.line);
        break;
      }
    }
  }
  // A heading that says what the module depends on, from which nothing could be read, would
  // leave the module scheduled beside what it needs: say so.
  for (const section of module.dependencySections) {
    const inside = (line: number) => line > section.from && line <= section.to;
    if (section.none || [...yielded].some(inside) || [...warnedAt].some(inside)) continue;
    warn(
      "DEPENDS_ON_UNRESOLVED",
      `${module.id}: nothing under this "Depends On" heading names a module: expected module ids, owned paths, imports, or names that a module provides or defines in its files`,
      section.line,
    );
  }
  return [...found.values()];
}

/**
 * Modules a name in an interface stub stands for: those whose spec provides it, else those
 * whose owned source files define it at the top level, else the module whose id is the
 * name in snake case (`Portfolio` -> `portfolio`, `DataHandler` -> `data_handler`).
 */
function stubOwners(name: string, self: string, r: Resolver): string[] {
  const others = (ids: string[]) => ids.filter((id) => id !== self);
  const provided = r.provides.get(name);
  if (provided?.length) return others(provided);
  const defined = r.defines(name);
  if (defined.length) return others(defined);
  const snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return r.moduleIds.has(snake) && snake !== self ? [snake] : [];
}

function resolveListItem(ref: Extract<RawReference, { kind: "list" }>, module: ParsedModule, r: Resolver): { id: string; via: DependencySource } | undefined {
  const named = moduleNamed(ref.target, r, false);
  if (named) return { id: named, via: "list" };
  if (/^[\w]+(\.[\w]+)+$/.test(ref.target) && r.ownership.topFolders.has(ref.target.split(".")[0]!)) {
    const [id] = resolveImport({ specifier: ref.target, style: "python", line: 0 }, module, r) as string[];
    if (id) return { id, via: "list" };
  }
  const owner = uniqueProvider(ref.target, module.id, r);
  return owner ? { id: owner, via: "symbol" } : undefined;
}

/** `; it reads as both \`user-auth\` and \`user_auth\`: ...` for a name two ids read alike as. */
function alikeHint(target: string, r: Resolver): string | undefined {
  const squashed = target.toLowerCase().replace(/[\s._-]+/g, "");
  if (!alike(squashed, r.moduleIds)) return undefined;
  const both = [...r.moduleIds].filter((id) => id.replace(/[_-]+/g, "") === squashed);
  return `; it reads as ${both.map((id) => `\`${id}\``).join(" and ")}, which differ only in separators: write the id of the one meant`;
}

/** `; module \`journal\` owns \`src/ledger/\`: if \`Ledger\` was renamed, name \`journal\`` when a module owns a path of the name. */
function renamedHint(target: string, self: string, r: Resolver): string {
  const owner = r.ownerByPathName?.(target);
  return owner && owner.id !== self ? `; module \`${owner.id}\` owns \`${owner.path}\`: if \`${target}\` was renamed, name \`${owner.id}\`` : "";
}

function uniqueProvider(name: string, self: string, r: Resolver): string | undefined {
  const owners = r.provides.get(name.replace(/\(.*$/, ""))?.filter((id) => id !== self);
  return owners?.length === 1 ? owners[0] : undefined;
}

const WORD = /^\w+$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * Whether `path` is one `posix.join` leaves as it is (relative, no empty, `.` or `..` segment, no
 * slash at its end): joined with a name, it is `${path}/${name}`. `posix.join` normalises every
 * path it is given, a Python import's names each (30 ms of a cold `plan` of 10,000 specs).
 */
function plainPath(path: string): boolean {
  return path !== "" && path[0] !== "/" && !path.endsWith("/") && !path.includes("//") && !DOT_SEGMENT.test(path);
}

/**
 * Module ids an import refers to, or "external" for the standard library and third parties.
 * `aliases`: the project's tsconfig/jsconfig `paths` and `baseUrl`, for TS/JS imports.
 */
export function resolveImport(ref: ImportRef, from: { primaryFile?: string; files: string[] }, r: Pick<Resolver, "ownership"> & { goModule?: string; aliases?: readonly AliasConfig[]; rustCrates?: RustCrates } & SourceIndexes): string[] | "external" {
  const own = r.ownership;
  const file = from.primaryFile ?? from.files[0] ?? ".";
  const here = folderOf(file);
  if (ref.style === "python") {
    // Most imports are absolute (`from pkg.core import Ledger`): no match to make to count no dots.
    const dots = ref.specifier.charCodeAt(0) === 46 ? /^\.*/.exec(ref.specifier)![0].length : 0;
    const dotted = ref.specifier.slice(dots);
    const path = dotted.replace(/\./g, "/");
    let bases: string[];
    if (dots > 0) {
      let dir = here;
      for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
      bases = [posix.join(dir, path)];
    } else {
      // From the root, or from a source root (`src/` of a src layout) that holds the package.
      const top = path.split("/")[0]!;
      const roots = own.pythonRoots().filter((root) => own.ownsUnder(`${root}/${top}`) || own.owner(`${root}/${top}.py`));
      bases = [...(own.topFolders.has(top) ? [path] : []), ...roots.map((root) => `${root}/${path}`)];
      if (bases.length === 0) return "external";
    }
    for (const base of bases) {
      const ids = new Set<string>();
      const plain = plainPath(base);
      for (const name of ref.names ?? []) {
        const id = own.resolve(plain && WORD.test(name) ? `${base}/${name}` : posix.join(base, name));
        if (id) ids.add(id);
      }
      if (ids.size === 0) {
        const id = own.resolve(base);
        if (id) ids.add(id);
      }
      if (ids.size) return [...ids];
    }
    return [];
  }
  if (ref.style === "js") {
    const spec = ref.specifier;
    if (spec.startsWith(".")) return listOf(own.resolve(posix.join(here, spec)));
    for (const base of aliasBases(r.aliases ?? [], file, spec)) {
      const id = own.resolve(base);
      if (id) return [id];
    }
    const path = spec.replace(/^[@~]\//, "");
    if (!own.topFolders.has(path.split("/")[0]!)) return "external";
    return listOf(own.resolve(path));
  }
  if (ref.style === "java") return resolveJavaImport(ref.specifier, own);
  if (ref.style === "csharp" || ref.style === "php" || ref.style === "c") return resolveByIndex(ref, file, r);
  if (ref.style === "ruby") return resolveRubyRequire(ref.specifier, here, own);
  if (ref.style === "swift") return resolveSwiftImport(ref.specifier, own, r.swift);
  if (ref.style === "elixir") {
    // Without the declared modules (a spec's code block) nothing can be told.
    const files = r.elixir?.resolve(ref.specifier) ?? [];
    return files.length ? [...new Set(files.flatMap((f) => listOf(own.owner(f))))] : "external";
  }
  if (ref.style === "dart") {
    // A URI of no project file (`dart:io`, `package:flutter/...`) is the SDK's or another package's.
    const target = dartTarget(r.dart ?? [], file, ref.specifier);
    return target === undefined ? "external" : listOf(own.owner(target));
  }
  if (ref.style === "rust") {
    // Without the cargo packages (a spec's code block) only `crate::`-less names could be read: leave them.
    if (!r.rustCrates) return "external";
    const files = resolveRustPath(file, ref.specifier, r.rustCrates, (p) => own.owner(p) !== undefined);
    return files === "external" ? files : [...new Set(files.flatMap((f) => listOf(own.owner(f))))];
  }
  return resolveGoImport(ref.specifier, r);
}

/**
 * A C# `using` names the files declaring the namespace (or the type); a PHP `use` the class's file
 * by PSR-4, else by the namespaces declared; a PHP `require` and a C `#include "..."` a file by
 * path (a bare PHP path, `./lib/db.php`, beside the file, else from the root). What names no
 * project file is the standard library or a package: "external" (a PHP `require` of a missing
 * file is unresolved). Without the indexes (a spec's
 * code block) nothing can be told: "external".
 */
function resolveByIndex(ref: ImportRef, file: string, r: Pick<Resolver, "ownership"> & SourceIndexes): string[] | "external" {
  const owners = (files: string[]) => [...new Set(files.flatMap((f) => listOf(r.ownership.owner(f))))];
  if (ref.style === "c") {
    const hit = r.c?.resolve(file, ref.specifier);
    return hit ? owners([hit]) : "external";
  }
  if (ref.style === "csharp") {
    const files = r.csharp?.resolve(ref.specifier) ?? [];
    return files.length ? owners(files) : "external";
  }
  if (/^\.{1,2}\//.test(ref.specifier)) return listOf(r.ownership.owner(posix.join(posix.dirname(file), ref.specifier)) ?? (ref.specifier.startsWith("./") ? r.ownership.owner(posix.normalize(ref.specifier)) : undefined));
  if (!r.php) return "external";
  const mapped = psr4Candidates(r.php.psr4, ref.specifier).map((f) => r.ownership.owner(f)).find((id) => id !== undefined);
  if (mapped) return [mapped];
  const files = r.php.namespaces.resolve(ref.specifier);
  return files.length ? owners(files) : "external";
}

/**
 * A Java or Kotlin import names a class by its package (`com.acme.shop.money.Money`), which
 * is the folder path under a source root (`src/main/java/`): the owner of the file whose path
 * ends so, `.java`, `.kt` or `.scala`; a static import or nested class drops its last names until one is
 * found; `a.b.*` is the folder's files. Nothing found is the JDK or a library: "external".
 */
function resolveJavaImport(specifier: string, own: Ownership): string[] | "external" {
  const segments = specifier.split(".");
  if (segments.at(-1) === "*") return own.ownersInFolderEnding(segments.slice(0, -1).join("/"));
  for (let n = segments.length; n >= Math.max(1, segments.length - 2); n--) {
    const path = segments.slice(0, n).join("/");
    const owner = own.ownerBySuffix(`${path}.java`) ?? own.ownerBySuffix(`${path}.kt`) ?? own.ownerBySuffix(`${path}.scala`);
    if (owner) return [owner];
  }
  return "external";
}

/**
 * A Ruby `require_relative` (`./money`) names the file beside the importer (a `./` path also
 * from the root, where `require` runs); a `require` (`shop/cart`) the file under a load path
 * folder (Ownership.rubyRoots). A `require` that finds nothing is a gem or the standard
 * library ("external"), unless a load path folder holds its first name (`shop/` or `shop.rb`):
 * then it is the project's own, and unresolved.
 */
function resolveRubyRequire(specifier: string, here: string, own: Ownership): string[] | "external" {
  const rb = (path: string) => (path.endsWith(".rb") ? path : `${path}.rb`);
  if (/^\.{1,2}\//.test(specifier)) {
    const id = own.owner(rb(posix.join(here, specifier))) ?? (specifier.startsWith("./") ? own.owner(rb(posix.normalize(specifier))) : undefined);
    return listOf(id);
  }
  const roots = own.rubyRoots();
  const at = (root: string, path: string) => (root ? `${root}/${path}` : path);
  for (const root of roots) {
    const id = own.owner(rb(at(root, specifier)));
    if (id) return [id];
  }
  const first = specifier.split("/")[0]!.replace(/\.rb$/, "");
  return roots.some((root) => own.ownsUnder(at(root, first)) || own.owner(`${at(root, first)}.rb`)) ? [] : "external";
}

/**
 * A Swift `import OrbitKit` names a target of the package (Package.swift's), which is every file under
 * its folder: the module owning them. A large target split into modules by its folders is reached
 * whole by an import, and its parts are used by name, which an import does not say: none of them.
 * A name no target has is Foundation, a product of a dependency, or the like: "external".
 */
function resolveSwiftImport(name: string, own: Ownership, targets: readonly SwiftTarget[] = []): string[] | "external" {
  const target = targets.find((t) => t.name === name && t.kind !== "test");
  if (!target) return "external";
  const owners = own.ownersUnder(target.dir);
  return owners.length === 1 ? owners : [];
}

/**
 * A Go import names a package: the files directly in one folder. Under the project's go.mod
 * module path (`github.com/acme/shop/internal/cart` in module `github.com/acme/shop`) the
 * rest is that folder; without it, the path from its first segment that is a top folder of
 * the owned files. Their owners, or the one module owning that folder's subtree; else "external".
 */
function resolveGoImport(specifier: string, r: Pick<Resolver, "ownership"> & { goModule?: string }): string[] | "external" {
  const own = r.ownership;
  let folder: string;
  if (r.goModule !== undefined) {
    if (specifier !== r.goModule && !specifier.startsWith(`${r.goModule}/`)) return "external";
    folder = specifier.slice(r.goModule.length + 1) || ".";
  } else {
    const segments = specifier.split("/");
    const start = segments.findIndex((s) => own.topFolders.has(s));
    if (start < 0) return "external";
    folder = segments.slice(start).join("/");
  }
  const owners = own.ownersIn(folder);
  return owners.length > 0 ? owners : listOf(own.resolve(folder));
}

/**
 * The folder a relative import is read from: a file's folder, or, for an owned folder or glob
 * (`src/billing/`, `src/billing/**\/*.ts`), that folder, as a file in it imports `../ledger`.
 */
function folderOf(owned: string): string {
  const glob = owned.search(/[*{]/);
  const path = glob >= 0 ? owned.slice(0, glob) : owned;
  return path.endsWith("/") ? path.slice(0, -1) || "." : posix.dirname(path);
}

function listOf(id: string | undefined): string[] {
  return id ? [id] : [];
}
