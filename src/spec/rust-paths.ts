import { readFileSync } from "node:fs";
import { join, posix } from "node:path";

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

  constructor(
    private readonly root: string,
    private readonly read: (path: string) => string | undefined = readText,
  ) {}

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

/** Where a file sits in its crate's module tree: the folder its module paths start from, the crate root file, its own path. */
interface Place {
  src: string;
  root: string;
  self: string[];
}

function placeOf(file: string, krate: RustCrate | undefined, exists: (path: string) => boolean): Place {
  const src = krate ? (krate.dir ? `${krate.dir}/src` : "src") : "src";
  const inSrc = file.startsWith(`${src}/`) && !file.startsWith(`${src}/bin/`);
  if (!inSrc) return { src: posix.dirname(file), root: file, self: [] };
  // `src/main.rs` is the binary's root; the other files are the library's when it has one.
  const root = krate && file === krate.main ? file : krate && exists(krate.lib) ? krate.lib : krate?.main ?? file;
  const rel = file.slice(src.length + 1).replace(/\.rs$/, "").split("/");
  if (rel.at(-1) === "mod") rel.pop();
  if (rel.length === 1 && (rel[0] === "lib" || rel[0] === "main")) rel.pop();
  return { src, root, self: rel };
}

function moduleFile(place: Place, path: string[], exists: (path: string) => boolean): string | undefined {
  if (path.length === 0) return exists(place.root) ? place.root : undefined;
  const base = `${place.src}/${path.join("/")}`;
  return [`${base}.rs`, `${base}/mod.rs`].find(exists);
}

/** The file of the longest prefix of `path` that is a module, down to `floor` segments. */
function deepest(place: Place, path: string[], floor: number, exists: (path: string) => boolean): string | undefined {
  for (let n = path.length; n >= floor; n--) {
    const f = moduleFile(place, path.slice(0, n), exists);
    if (f) return f;
  }
  return undefined;
}

/**
 * The project file a Rust path names (`crate::money::Money`, `super::line`, `self::cart` for
 * `mod cart;`, `shop_core::cart::Line`, `extern crate shop_core`): the file of the deepest
 * module on the path (`src/money.rs`, `src/cart/mod.rs`); an item is in its module's file.
 * A first segment that is a child module resolves from the current module (edition 2018),
 * else a crate of the project by its name; anything else (std, a dependency) is "external".
 */
export function resolveRustPath(from: string, specifier: string, crates: Pick<RustCrates, "crateOf" | "named">, exists: (path: string) => boolean): string[] | "external" {
  const absolute = specifier.startsWith("::");
  const segments = specifier.split("::").filter(Boolean);
  const first = segments[0];
  if (!first) return "external";
  const place = placeOf(from, crates.crateOf(from), exists);
  if (!absolute && (first === "crate" || first === "self" || first === "super")) {
    let path: string[] = first === "crate" ? [] : [...place.self];
    let i = first === "crate" ? 1 : 0;
    for (; segments[i] === "self" || segments[i] === "super"; i++) if (segments[i] === "super") path.pop();
    path = [...path, ...segments.slice(i)];
    const f = deepest(place, path, 0, exists);
    return f ? [f] : [];
  }
  if (!absolute) {
    const child = deepest(place, [...place.self, ...segments], place.self.length + 1, exists);
    if (child) return [child];
  }
  const other = crates.named(first);
  if (!other) return "external";
  const root = exists(other.lib) ? other.lib : other.main;
  const f = deepest({ src: posix.dirname(root), root, self: [] }, segments.slice(1), 0, exists);
  return f ? [f] : [];
}
