import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { RustModules, type ModuleTree } from "./rust-modules.js";

/** A cargo package: its folder ("" for the root), its name as code writes it (`shop-core` -> `shop_core`), its library and binary roots. */
export interface RustCrate {
  dir: string;
  ident: string;
  /** The package name as Cargo.toml writes it, for `cargo test -p`. */
  name: string;
  lib: string;
  main: string;
}

/**
 * The cargo packages of a project, found by walking up from a file to the nearest Cargo.toml
 * with a `[package]` (a workspace-only manifest is not one). Read once per folder.
 */
export class RustCrates {
  private readonly byDir = new Map<string, RustCrate | undefined>();
  /** The crates' module trees and what each file declares, when the files' code can be read. */
  readonly modules: RustModules | undefined;

  /** `code`: a project file's masked source (undefined when it has none), for `#[path]` modules and re-exports; without it, paths follow the file layout alone. */
  constructor(
    private readonly root: string,
    private readonly read: (path: string) => string | undefined = readText,
    code?: (file: string) => string | undefined,
  ) {
    this.modules = code && new RustModules(code);
  }

  /** Registers the crates of these files (so `use other_crate::x` finds them by name). */
  add(files: Iterable<string>): this {
    for (const f of files) if (f.endsWith(".rs")) this.crateOf(f);
    return this;
  }

  crateOf(file: string): RustCrate | undefined {
    let dir = posix.dirname(file);
    const seen: string[] = [];
    for (;;) {
      const key = dir === "." ? "" : dir;
      if (this.byDir.has(key)) {
        const found = this.byDir.get(key);
        for (const s of seen) this.byDir.set(s, found);
        return found;
      }
      seen.push(key);
      const own = this.manifest(key);
      if (own || key === "") {
        for (const s of seen) this.byDir.set(s, own);
        return own;
      }
      dir = posix.dirname(dir);
    }
  }

  named(ident: string): RustCrate | undefined {
    for (const c of new Set(this.byDir.values())) if (c?.ident === ident) return c;
    return undefined;
  }

  private manifest(dir: string): RustCrate | undefined {
    const text = this.read(join(this.root, dir, "Cargo.toml"));
    return text === undefined ? undefined : readCargoToml(dir, text);
  }
}

/** The `[package]` name and `[lib]` name/path of a Cargo.toml; undefined for a workspace-only manifest. */
export function readCargoToml(dir: string, text: string): RustCrate | undefined {
  const sections = new Map<string, Map<string, string>>();
  let current = "";
  for (const line of text.split("\n")) {
    const header = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      continue;
    }
    const kv = /^\s*([\w-]+)\s*=\s*"([^"]*)"/.exec(line);
    if (kv) {
      const map = sections.get(current) ?? new Map<string, string>();
      map.set(kv[1]!, kv[2]!);
      sections.set(current, map);
    }
  }
  const name = sections.get("package")?.get("name");
  if (!name) return undefined;
  const at = (p: string) => (dir ? `${dir}/${p}` : p);
  const lib = sections.get("lib");
  return { dir, name, ident: (lib?.get("name") ?? name).replace(/-/g, "_"), lib: at(lib?.get("path") ?? "src/lib.rs"), main: at("src/main.rs") };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Where a file sits in its crate's module tree: the folder its module paths start from, the crate root file, its own path, the tree when it was read. */
interface Place {
  src: string;
  root: string;
  self: string[];
  tree?: ModuleTree;
}

type Crates = Pick<RustCrates, "crateOf" | "named" | "modules">;

function placeOf(file: string, crates: Crates, exists: (path: string) => boolean): Place {
  const krate = crates.crateOf(file);
  const src = krate ? (krate.dir ? `${krate.dir}/src` : "src") : "src";
  const inSrc = file.startsWith(`${src}/`) && !file.startsWith(`${src}/bin/`);
  // A test, an example or a `src/bin/` file is a crate root of its own.
  if (!inSrc) return { src: posix.dirname(file), root: file, self: [], ...(crates.modules ? { tree: crates.modules.tree(file) } : {}) };
  // `src/main.rs` is the binary's root; the other files are the library's when it has one.
  const root = krate && file === krate.main ? file : krate && exists(krate.lib) ? krate.lib : krate?.main ?? file;
  // Read from the trees: the library's, else the binary's (its own `mod`s), so a `#[path]` file has its declared place.
  for (const r of new Set([root, ...(krate && root !== krate.main && exists(krate.main) ? [krate.main] : [])])) {
    const tree = crates.modules?.tree(r);
    const self = tree?.paths.get(file);
    if (self) return { src, root: r, self, tree: tree! };
  }
  const rel = file.slice(src.length + 1).replace(/\.rs$/, "").split("/");
  if (rel.at(-1) === "mod") rel.pop();
  if (rel.length === 1 && (rel[0] === "lib" || rel[0] === "main")) rel.pop();
  return { src, root, self: rel };
}

function moduleFile(place: Place, path: string[], exists: (path: string) => boolean): string | undefined {
  if (path.length === 0) return exists(place.root) ? place.root : undefined;
  const declared = place.tree?.files.get(path.join("::"));
  if (declared && exists(declared)) return declared;
  const base = `${place.src}/${path.join("/")}`;
  return [`${base}.rs`, `${base}/mod.rs`].find(exists);
}

/** Hops through `use` bindings one path may take (`pub use` of a `pub use`); a loop of them ends here. */
const MAX_HOPS = 8;

/** A path's file, and whether all of it was found (a module, or an item its file defines or binds) rather than a prefix. */
type Found = { file: string; exact: boolean } | undefined | "external";

interface Resolving {
  crates: Crates;
  exists: (path: string) => boolean;
  hops: number;
}

/**
 * The file of the longest prefix of `path` that is a module, down to `floor` segments; the rest
 * followed through that file's `use` bindings when it does not define the name itself.
 */
function deepest(place: Place, path: string[], floor: number, r: Resolving): Found {
  for (let n = path.length; n >= floor; n--) {
    const f = moduleFile(place, path.slice(0, n), r.exists);
    if (f) return n === path.length ? { file: f, exact: true } : through(f, path.slice(n), r);
  }
  return undefined;
}

/**
 * `rest` (an item and what follows) in module file `file`: the file when it defines the item;
 * where a `use` there binds it (`pub use crate::money::Money;`, a glob that holds it), the file
 * the binding names, so a module using a re-exported name depends on the module defining it;
 * the re-exporting file where that is not found in the project, nothing ("external") where it
 * is another crate's. Without the file's code, the file.
 */
function through(file: string, rest: string[], r: Resolving): Found {
  const declared = r.crates.modules?.declarations(file);
  const [name, ...more] = rest as [string, ...string[]];
  if (!declared || r.hops >= MAX_HOPS || declared.items.has(name)) return { file, exact: !!declared?.items.has(name) };
  const next = { ...r, hops: r.hops + 1 };
  const bound = declared.uses.get(name);
  if (bound !== undefined) return resolvePath(file, [bound, ...more].join("::"), next) ?? { file, exact: false };
  for (const glob of declared.globs) {
    const found = resolvePath(file, [glob, ...rest].join("::"), next);
    if (found && found !== "external" && found.exact) return found;
  }
  return { file, exact: false };
}

/**
 * The project file a Rust path names (`crate::money::Money`, `super::line`, `self::cart` for
 * `mod cart;`, `shop_core::cart::Line`, `extern crate shop_core`): the file of the deepest
 * module on the path (`src/money.rs`, `src/cart/mod.rs`, the file a `#[path]` names); an item
 * is in its module's file, or, when that file only binds it with `use` (a re-export), in the
 * file the `use` names. A first segment that is a child module resolves from the current module
 * (edition 2018), or a name a `use` of the file binds, else a crate of the project by its name;
 * anything else (std, a dependency) is "external".
 */
export function resolveRustPath(from: string, specifier: string, crates: Crates, exists: (path: string) => boolean): string[] | "external" {
  const found = resolvePath(from, specifier, { crates, exists, hops: 0 });
  return found === "external" ? found : found ? [found.file] : [];
}

function resolvePath(from: string, specifier: string, r: Resolving): Found {
  const absolute = specifier.startsWith("::");
  const segments = specifier.split("::").filter(Boolean);
  const first = segments[0];
  if (!first) return "external";
  const place = placeOf(from, r.crates, r.exists);
  if (!absolute && (first === "crate" || first === "self" || first === "super")) {
    let path: string[] = first === "crate" ? [] : [...place.self];
    let i = first === "crate" ? 1 : 0;
    for (; segments[i] === "self" || segments[i] === "super"; i++) if (segments[i] === "super") path.pop();
    path = [...path, ...segments.slice(i)];
    return deepest(place, path, 0, r);
  }
  if (!absolute) {
    const child = deepest(place, [...place.self, ...segments], place.self.length + 1, r);
    if (child) return child;
    // `use crate::domain;` then `domain::Account`: the path the name is bound to.
    const bound = r.hops < MAX_HOPS ? r.crates.modules?.declarations(from)?.uses.get(first) : undefined;
    if (bound !== undefined && bound !== specifier) return resolvePath(from, [bound, ...segments.slice(1)].join("::"), { ...r, hops: r.hops + 1 });
  }
  const other = r.crates.named(first);
  if (!other) return "external";
  const root = r.exists(other.lib) ? other.lib : other.main;
  const tree = r.crates.modules?.tree(root);
  return deepest({ src: posix.dirname(root), root, self: [], ...(tree ? { tree } : {}) }, segments.slice(1), 0, r);
}
