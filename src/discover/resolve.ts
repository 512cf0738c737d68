import { posix } from "node:path";
import type { ImportRef } from "../spec/imports.js";
import type { SourceFile } from "./files.js";
import { aliasBases, type AliasConfig } from "../spec/path-aliases.js";
import { packageImportBases, type JsPackage } from "./packages.js";
import { resolveRustPath, type RustCrates } from "../spec/rust-paths.js";
import type { Namespaces } from "../spec/namespaces.js";
import { psr4Candidates, type Psr4 } from "../spec/php-autoload.js";
import type { CIncludes } from "../spec/c-includes.js";
import type { SwiftTarget } from "../spec/swift-package.js";
import type { ElixirModules } from "../spec/elixir-modules.js";
import { dartTarget, type DartPackage } from "../spec/dart-packages.js";

/** Folders of a Ruby project on its load path: Bundler's gems put `lib/` there, RSpec and rake's test task `spec/` and `test/`. */
const RUBY_LOAD_PATH = ["lib", "spec", "test"];
const JS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * Resolves import statements to the project files they load: Python modules and packages
 * under every source root (the folder above each top-level package, as `sys.path` would
 * hold it), TS/JS relative paths with NodeNext's `.js` for `.ts`, `index` files, the `paths`
 * and `baseUrl` of the nearest tsconfig/jsconfig (else `@/`/`~/` for `src/`), the project's own packages by name (`zod/v4` in zod's tests, a
 * sibling workspace), Go package paths under the `go.mod` module path, and Rust paths
 * (`crate::`, `super::`, `mod x;`, a workspace crate by name) to their module files, and Ruby's
 * `require_relative` beside the file and `require` under the load path of the root and of each folder
 * with a Gemfile or gemspec (its `lib/`, and `spec/`, `test/` for their helpers). Anything else is the
 * standard library or a third party, and resolves to nothing.
 */
export class FileResolver {
  private readonly files: Set<string>;
  /** Folders on Python's search path, the project root ("") first. */
  readonly pythonRoots: string[];
  private readonly goFilesByDir = new Map<string, string[]>();
  private readonly topFolders = new Set<string>();

  private readonly goModules: { path: string; dir: string }[];
  private readonly packages: JsPackage[];
  private readonly aliases: AliasConfig[];
  private readonly rustCrates: RustCrates | undefined;
  /** Folders Ruby's `require` searches, as the load path would hold them. */
  private readonly rubyRoots: string[];
  private readonly csharp: Namespaces | undefined;
  private readonly php: { namespaces: Namespaces; psr4: Psr4[] } | undefined;
  private readonly c: CIncludes | undefined;
  private readonly jvmDeclares: ((path: string) => string[]) | undefined;
  private readonly swiftTargets: SwiftTarget[];
  private readonly elixir: ElixirModules | undefined;
  private readonly dartPackages: DartPackage[];

  /** `pythonSources`: folders beside a Python manifest (`src/` of a src layout), searched when their packages have no `__init__.py`. */
  /** `goModules`: each go.mod's module path and folder ("" for the root), so nested modules resolve too. */
  /** `aliases`: the project's tsconfig/jsconfig `paths` and `baseUrl`. */
  /** `rustCrates`: the cargo packages, for `use crate::`, `super::` and other crates by name. */
  /** `rubyProjects`: the folders of Gemfiles and gemspecs, whose `lib/` (and `spec/`, `test/`) `require` searches, as the root's. */
  /** `csharp`, `php`: the namespaces the files declare (and composer.json's PSR-4 maps); `c`: where `#include "..."` looks. */
  /** `jvmDeclares`: the top-level names a Java or Kotlin file declares, for a Kotlin file not named for what it declares. */
  /** `swiftTargets`: the targets of the Package.swift files, for `import OrbitKit`; `elixir`: the modules the `.ex` files declare; `dartPackages`: the pubspec.yaml packages, for `package:` URIs. */
  constructor(files: SourceFile[], project: { goModules?: { path: string; dir: string }[]; packages?: JsPackage[]; pythonSources?: string[]; aliases?: AliasConfig[]; rustCrates?: RustCrates; rubyProjects?: string[]; csharp?: Namespaces; php?: { namespaces: Namespaces; psr4: Psr4[] }; c?: CIncludes; jvmDeclares?: (path: string) => string[]; swiftTargets?: SwiftTarget[]; elixir?: ElixirModules; dartPackages?: DartPackage[] } = {}) {
    this.elixir = project.elixir;
    this.dartPackages = project.dartPackages ?? [];
    this.jvmDeclares = project.jvmDeclares;
    this.swiftTargets = project.swiftTargets ?? [];
    this.csharp = project.csharp;
    this.php = project.php;
    this.c = project.c;
    this.aliases = project.aliases ?? [];
    this.rustCrates = project.rustCrates;
    this.goModules = [...(project.goModules ?? [])].sort((a, b) => b.path.length - a.path.length);
    this.packages = project.packages ?? [];
    this.files = new Set(files.map((f) => f.path));
    for (const f of files) {
      const slash = f.path.indexOf("/");
      if (slash > 0) this.topFolders.add(f.path.slice(0, slash));
      if (f.language === "go" && !f.test) {
        const dir = posix.dirname(f.path);
        this.goFilesByDir.set(dir, [...(this.goFilesByDir.get(dir) ?? []), f.path]);
      }
    }
    const python = files.filter((f) => f.language === "python").map((f) => f.path);
    this.pythonRoots = pythonRoots(python, this.files, project.pythonSources ?? []);
    this.rubyRoots = [...new Set(["", ...(project.rubyProjects ?? [])])].flatMap((dir) => RUBY_LOAD_PATH.map((sub) => join(dir, sub)));
  }

  resolve(from: string, ref: ImportRef): string[] {
    if (ref.style === "python") return this.python(from, ref);
    if (ref.style === "go") return this.go(ref.specifier);
    if (ref.style === "rust") {
      if (!this.rustCrates) return [];
      const found = resolveRustPath(from, ref.specifier, this.rustCrates, (p) => this.files.has(p));
      return found === "external" ? [] : found;
    }
    if (ref.style === "java") return this.java(ref.specifier);
    if (ref.style === "ruby") return this.ruby(from, ref.specifier);
    if (ref.style === "swift") return this.swift(ref.specifier);
    if (ref.style === "elixir") return this.elixir?.resolve(ref.specifier) ?? [];
    if (ref.style === "dart") {
      const target = dartTarget(this.dartPackages, from, ref.specifier);
      return target !== undefined && this.files.has(target) ? [target] : [];
    }
    if (ref.style === "csharp") return this.csharp?.resolve(ref.specifier) ?? [];
    if (ref.style === "php") return this.phpFile(from, ref.specifier);
    if (ref.style === "c") {
      const hit = this.c?.resolve(from, ref.specifier);
      return hit ? [hit] : [];
    }
    return this.js(from, ref.specifier);
  }

  /** A required path beside the file; a class by composer.json's PSR-4 map, else by the namespaces the files declare. */
  private phpFile(from: string, spec: string): string[] {
    if (/^\.{1,2}\//.test(spec)) {
      // A bare path (`./lib/db.php`) is also found from the root, where the front controller runs.
      const hit = [posix.join(posix.dirname(from), spec), ...(spec.startsWith("./") ? [posix.normalize(spec)] : [])].find((p) => this.files.has(p));
      return hit ? [hit] : [];
    }
    if (!this.php) return [];
    const mapped = psr4Candidates(this.php.psr4, spec).find((c) => this.files.has(c));
    return mapped ? [mapped] : this.php.namespaces.resolve(spec);
  }

  /** A Swift module is a target of the package: every file in its folder (a test target's are no module's). */
  private swift(name: string): string[] {
    const known = this.swiftFiles.get(name);
    if (known) return known;
    const target = this.swiftTargets.find((t) => t.name === name && t.kind !== "test");
    const files = target ? [...this.files].filter((f) => f.endsWith(".swift") && f.startsWith(`${target.dir}/`)) : [];
    // Every file of a target imports the same few: listed once a target, not once an import.
    this.swiftFiles.set(name, files);
    return files;
  }

  private readonly swiftFiles = new Map<string, string[]>();

  /** `./money` beside the file (a `./` path also from the root, where `require` runs); `shop/cart` under a load path folder. */
  private ruby(from: string, spec: string): string[] {
    const relative = /^\.{1,2}\//.test(spec);
    const bases = relative ? [posix.join(posix.dirname(from), spec), ...(spec.startsWith("./") ? [posix.normalize(spec)] : [])] : this.rubyRoots.map((root) => join(root, spec));
    for (const base of bases) {
      const hit = [base, `${base}.rb`].find((c) => c.endsWith(".rb") && this.files.has(c));
      if (hit) return [hit];
    }
    return [];
  }

  private python(from: string, ref: ImportRef): string[] {
    const dots = /^\.*/.exec(ref.specifier)![0].length;
    const dotted = ref.specifier.slice(dots).replace(/\./g, "/");
    let bases: string[];
    if (dots > 0) {
      let dir = posix.dirname(from);
      for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
      bases = [join(dir, dotted)];
    } else bases = this.pythonRoots.map((root) => join(root, dotted));
    for (const base of bases) {
      const names = (ref.names ?? []).flatMap((name) => this.pythonModule(join(base, name)) ?? []);
      if (names.length) return names;
      const module = this.pythonModule(base);
      if (module) return [module];
    }
    return [];
  }

  private pythonModule(base: string): string | undefined {
    if (!base) return undefined;
    return [`${base}.py`, `${base}/__init__.py`].find((c) => this.files.has(c));
  }

  private js(from: string, spec: string): string[] {
    let bases: string[];
    if (spec.startsWith(".")) bases = [posix.join(posix.dirname(from), spec).replace(/\/+$/, "")];
    else {
      const aliased = aliasBases(this.aliases, from, spec);
      if (aliased.length === 0 && /^[@~]\//.test(spec)) aliased.push(`src/${spec.slice(2)}`, spec.slice(2));
      bases = [...aliased, ...(this.topFolders.has(spec.split("/")[0]!) ? [spec] : []), ...packageImportBases(this.packages, spec)];
    }
    for (const base of bases) {
      const hit = jsCandidates(base).find((c) => this.files.has(c));
      if (hit) return [hit];
    }
    // `require("..")`: a folder with a package.json loads the package's entry.
    const folder = spec.startsWith(".") ? bases[0]!.replace(/^\.$/, "") : undefined;
    const pkg = folder === undefined ? undefined : this.packages.find((p) => p.dir === folder);
    return pkg ? this.js(from, pkg.name) : [];
  }

  /**
   * `com.acme.shop.money.Money` is the file ending `com/acme/shop/money/Money.java` (or `.kt`)
   * under any source root; a static import or nested class drops its last names until one is
   * found; `com.acme.shop.money.*` is that folder's files. Kotlin names a file for anything or
   * nothing (`NoteDtos.kt` of three classes and an extension function): failing a file of its
   * name, the files of its package's folder that declare it.
   */
  private java(spec: string): string[] {
    const segments = spec.split(".");
    if (segments.at(-1) === "*") {
      const folder = `/${segments.slice(0, -1).join("/")}`;
      return (this.javaByName ??= this.indexJava()).all.filter((f) => `/${posix.dirname(f)}`.endsWith(folder));
    }
    const index = (this.javaByName ??= this.indexJava());
    for (let n = segments.length; n >= Math.max(1, segments.length - 2); n--) {
      const tail = `/${segments.slice(0, n).join("/")}`;
      const hits = (index.byName.get(segments[n - 1]!) ?? []).filter((f) => `/${f.replace(/\.(?:java|kt|scala)$/, "")}`.endsWith(tail));
      if (hits.length) return hits;
    }
    const folder = `/${segments.slice(0, -1).join("/")}`;
    const name = segments.at(-1)!;
    return this.jvmDeclares ? index.all.filter((f) => `/${posix.dirname(f)}`.endsWith(folder) && this.jvmDeclares!(f).includes(name)) : [];
  }

  private javaByName: { byName: Map<string, string[]>; all: string[] } | undefined;

  private indexJava(): { byName: Map<string, string[]>; all: string[] } {
    const byName = new Map<string, string[]>();
    const all = [...this.files].filter((f) => /\.(?:java|kt|scala)$/.test(f));
    for (const f of all) {
      const name = posix.basename(f).replace(/\.(?:java|kt|scala)$/, "");
      byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    return { byName, all };
  }

  private go(spec: string): string[] {
    const mod = this.goModules.find((m) => spec === m.path || spec.startsWith(`${m.path}/`));
    if (!mod) return [];
    const dir = join(mod.dir, spec.slice(mod.path.length + 1)) || ".";
    return this.goFilesByDir.get(dir) ?? [];
  }
}

function join(dir: string, rest: string): string {
  return dir === "." || dir === "" ? rest : rest ? `${dir}/${rest}` : dir;
}

function jsCandidates(base: string): string[] {
  // `require("..")` from `test/`: the root's index file.
  if (base === "." || base === "") return JS_EXTENSIONS.map((ext) => `index${ext}`);
  const list = [base];
  const js = /\.(m|c)?jsx?$/.exec(base);
  if (js) {
    const stem = base.slice(0, -js[0].length);
    list.push(`${stem}.${js[1] ?? ""}ts`, `${stem}.tsx`);
  }
  for (const ext of JS_EXTENSIONS) list.push(base + ext);
  for (const ext of JS_EXTENSIONS) list.push(`${base}/index${ext}`);
  return list;
}

/**
 * Folders on Python's search path: the parent of each top-level package, the project root, and
 * the given source folders that hold Python files (a src layout's namespace packages have no
 * `__init__.py` to find them by).
 */
function pythonRoots(paths: string[], files: Set<string>, sources: string[]): string[] {
  const roots = new Set<string>([""]);
  for (const dir of sources) if (paths.some((p) => p.startsWith(`${dir}/`))) roots.add(dir);
  for (const path of paths) {
    let dir = posix.dirname(path);
    if (!files.has(`${dir}/__init__.py`)) continue;
    while (dir !== "." && files.has(`${posix.dirname(dir)}/__init__.py`)) dir = posix.dirname(dir);
    const parent = posix.dirname(dir);
    roots.add(parent === "." ? "" : parent);
  }
  // The root first, then deeper roots (`src/`): imports are tried in this order.
  return [...roots].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}
