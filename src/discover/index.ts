import { readFileSync } from "node:fs";
import { basename, join, posix, resolve } from "node:path";
import { extractImports } from "../spec/imports.js";
import { maskSource } from "../validate/source.js";
import { cycleWithin, stronglyConnected } from "./cycles.js";
import { typeOnlyLines } from "./type-only.js";
import { moveErasedImports, TS_FILE } from "./ts-elided.js";
import { listSourceFiles, type Language, type Skipped, type SourceFile } from "./files.js";
import { codeOf, componentName } from "../spec/components.js";
import { attachShims, groupFiles, nameUnits, namingFolder, routeFiles, type FileFacts, type Granularity, type Unit } from "./group.js";
import { splitFalseCycles } from "./split.js";
import { assignLayers, LAYER_NAMES, type LayerName } from "./layers.js";
import { readJsPackage, type JsPackage } from "./packages.js";
import { FileResolver } from "./resolve.js";
import { ALIAS_CONFIGS, readAliasConfig, type AliasConfig } from "../spec/path-aliases.js";
import { goMethods, leadingDoc, publicSurface, rustMethods } from "./surface.js";
import { RustCrates } from "../spec/rust-paths.js";
import { RUBY_TEST, RubyMirror } from "./ruby-tests.js";
import { RubyConstants } from "./ruby-constants.js";
import { Namespaces } from "../spec/namespaces.js";
import { readPsr4, type Psr4 } from "../spec/php-autoload.js";
import { CIncludes, cmakeIncludeDirs, conventionalIncludeDirs } from "../spec/c-includes.js";
import { cmakeTargets, type CmakeTarget } from "../spec/cmake.js";
import { swiftTargets, type SwiftTarget } from "../spec/swift-package.js";
import { swiftTested } from "./swift-units.js";
import { SwiftUses } from "./swift-uses.js";
import { bazelNote } from "./bazel.js";
import { ElixirModules } from "../spec/elixir-modules.js";

export type { Granularity } from "./group.js";

export interface DiscoveredModule {
  id: string;
  layer: LayerName;
  language: SourceFile["language"];
  /** The folder, when the whole folder is the module. */
  folder?: string;
  /** Source files, sorted; the first is the primary file. */
  files: string[];
  primary: string;
  /** Tests attached to the module: they import it more than any other. */
  tests: string[];
  provides: string[];
  /** The primary file's own first sentence about itself, when it has one. */
  doc?: string;
  dependsOn: string[];
}

export interface Discovery {
  modules: DiscoveredModule[];
  /** Layers that hold modules, innermost first. */
  layers: { id: LayerName; modules: string[] }[];
  edges: number;
  files: number;
  skipped: Skipped[];
  /**
   * Modules joined because their files import each other in a cycle: the final module's id, and the
   * parts it was made of by the folder (`src/billing/`) or file each stood for, since they have no id of their own any more.
   */
  merged: { into: string; modules: string[]; cycle: string[] }[];
  /** Decisions worth reading: layer moves, tests that test no module. */
  notes: string[];
  /** The project's own JS packages (workspaces), by folder ("" for the root) and name. */
  packages: { dir: string; name: string }[];
  /** Folders other than the root that Python imports start from (`src` of a src layout). */
  pythonRoots: string[];
}

export interface DiscoverOptions {
  /** @default "auto" */
  granularity?: Granularity;
}

/** Files larger than this are not source anyone edits by hand (bundles, data): skipped. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_PROVIDES = 30;
/**
 * A generator's notice in a comment at the top: Go's `// Code generated ... DO NOT EDIT.`, protoc's,
 * and the `@generated` of Relay, Thrift and GraphQL codegen. Such a file is rewritten, not edited.
 */
const GENERATED = /^[ \t]*(?:\/\/|#|\/?\*+)[^\n]*(?:\bDO NOT EDIT\b|@generated\b)/im;
/** How far into a file the generator's notice is looked for: its first lines. */
const GENERATED_HEAD = 500;

/**
 * The module structure of existing code, without a model: source files and their import
 * graph, files grouped into modules, cycles merged, tests attached, layers by name and
 * dependency direction, and each module's public surface. Deterministic for the same files.
 */
export function discover(root: string, options: DiscoverOptions = {}): Discovery {
  const listing = listSourceFiles(root);
  const skipped = [...listing.skipped];
  const texts = new Map<string, string>();
  const files: SourceFile[] = [];
  for (const f of listing.files) {
    const read = readSource(join(root, f.path));
    const text = read === undefined ? undefined : codeOf(f.path, read);
    if (text === undefined) skipped.push({ path: f.path, why: "unreadable, binary or over 1 MB" });
    else if (GENERATED.test(text.slice(0, GENERATED_HEAD))) skipped.push({ path: f.path, why: "generated code" });
    else {
      texts.set(f.path, text);
      files.push(f);
    }
  }
  const project = manifests(root, listing.manifests);
  // Rust files are read in any order (the module tree from each crate root), so masked once, up front.
  const rust = new Map(files.filter((f) => f.language === "rust").map((f) => [f.path, maskSource(texts.get(f.path)!, "rust")]));
  const rustCrates = new RustCrates(root, undefined, (path) => rust.get(path)).add(files.map((f) => f.path));
  for (const f of files) {
    if (f.language !== "rust") continue;
    const crate = rustCrates.crateOf(f.path);
    f.crate = crate?.dir ?? "";
    if (crate) f.crateName = crate.ident;
  }
  // C# and PHP name namespaces, which any file may declare: read from every file before an import is resolved.
  const declaring = new Map(files.filter((f) => f.language === "csharp" || f.language === "php").map((f) => [f.path, maskSource(texts.get(f.path)!, f.language)]));
  const namespaces = { csharp: new Namespaces("csharp"), php: new Namespaces("php") };
  /** The namespaces C# tests declare (`Shop.Core.Tests`): what they test, when nothing else says. */
  const csharpTests = new Namespaces("csharp");
  for (const f of files) {
    if (f.language === "csharp") f.project = project.csharpProjects.find((dir) => dir === "" || f.path.startsWith(`${dir}/`)) ?? "";
    if (f.language === "csharp" && f.test) csharpTests.add(f.path, declaring.get(f.path)!);
    else if (f.language === "csharp" || f.language === "php") namespaces[f.language].add(f.path, declaring.get(f.path)!);
    if (f.language === "php") f.namespaced = /^[ \t]*namespace\s+\\?[A-Za-z_]/m.test(declaring.get(f.path)!);
  }
  const cFiles = files.filter((f) => f.language === "c").map((f) => f.path);
  const paths = new Set(files.map((f) => f.path));
  const swift = new Map(files.filter((f) => f.language === "swift").map((f) => [f.path, maskSource(texts.get(f.path)!, "swift")]));
  const swiftUses = new SwiftUses(files.filter((f) => f.language === "swift" && !f.test).map((f) => ({ path: f.path, code: swift.get(f.path)! })), project.swiftTargets);
  const c = new CIncludes([...conventionalIncludeDirs(cFiles), ...project.cIncludeDirs], cFiles, (p) => paths.has(p));
  const jvmDeclared = new Map<string, string[]>();
  const jvmDeclares = (path: string) => jvmDeclared.get(path) ?? jvmDeclared.set(path, publicSurface(maskSource(texts.get(path)!, "java"), "java")).get(path)!;
  // Elixir code calls a module by its name, wherever its file is: the names are read from every file first.
  const elixir = new ElixirModules();
  for (const f of files) if (f.language === "elixir" && !f.test) elixir.add(f.path, maskSource(texts.get(f.path)!, "elixir"));
  const resolver = new FileResolver(files, { ...project, rustCrates, csharp: namespaces.csharp, php: { namespaces: namespaces.php, psr4: project.psr4 }, c, jvmDeclares, elixir });
  const rubyConstants = new RubyConstants(files.filter((f) => f.language === "ruby" && !f.test).map((f) => f.path));
  const facts = new Map<string, FileFacts>();
  /** A TypeScript file's run-time imports of the project's files, by line: some may be erased (moveErasedImports). */
  const runImports = new Map<string, Map<number, string[]>>();
  for (const file of files) {
    const text = texts.get(file.path)!;
    const code = rust.get(file.path) ?? swift.get(file.path) ?? declaring.get(file.path) ?? (file.language === "go" ? text : maskSource(text, file.language));
    const imports = new Set<string>();
    const typeImports = new Set<string>();
    const typeOnly = typeOnlyLines(code, file.language);
    const byLine = new Map<number, string[]>();
    for (const ref of extractImports(code, file.language)) {
      for (const target of resolver.resolve(file.path, ref)) {
        if (target === file.path) continue;
        (typeOnly.has(ref.line) ? typeImports : imports).add(target);
        if (!typeOnly.has(ref.line)) byLine.set(ref.line, [...(byLine.get(ref.line) ?? []), target]);
      }
    }
    if (TS_FILE.test(file.path) && !file.test && byLine.size > 0) runImports.set(file.path, byLine);
    // Rails and Zeitwerk load Ruby code by the constants it uses, without a require.
    if (file.language === "ruby") for (const target of rubyConstants.references(code)) if (target !== file.path) imports.add(target);
    // A large Swift target's parts use each other by name, without an import; an import of one reaches all its parts.
    if (file.language === "swift") {
      const kept = swiftUses.narrow(file.path, code, [...imports]);
      imports.clear();
      for (const target of kept) imports.add(target);
    }
    const types = [...typeImports].filter((t) => !imports.has(t)).sort();
    facts.set(file.path, { file, codeLines: codeLines(code), imports: [...imports].sort(), typeImports: types, provides: componentProvides(file.path) ?? publicSurface(code, file.language) });
  }

  moveErasedImports(facts, runImports, texts);

  const granularity = options.granularity ?? "auto";
  // What the project's own `src/index.ts` or root folder of code is called: its package's name, its Go module's last word, else its folder's.
  const goName = goModuleName(project.goModules.find((m) => m.dir === ""));
  const projectName = (project.packages.find((p) => p.dir === "")?.name ?? goName ?? basename(resolve(root))).replace(/^@[^/]*\//, "");
  const { units, markers } = groupFiles(facts, granularity, projectName, project.workspaces, project.cmakeTargets, project.swiftTargets);
  if (labelGoModuleRoots(units, project.goModules)) nameUnits(units, projectName);
  // Asked for folders, the user gets folders; else a folder in a cycle its files are not in is split.
  if (granularity === "auto" && splitFalseCycles(units, facts)) {
    // A part split off may be what a shim hands over to (`runs.ts` re-exporting `runs/index.ts`).
    attachShims(units, facts);
    units.splice(0, units.length, ...units.filter((u) => u.files.length > 0));
    nameUnits(units, projectName);
  }
  for (const m of markers) skipped.push({ path: m, why: "package marker (imports and declares nothing)" });
  const merged = mergeCycles(units, facts, projectName);
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const f of u.files) unitOf.set(f, u);
  const deps = unitEdges(units, facts, unitOf);
  // A type-only import is a dependency unless it closes a cycle; then it only keeps the two in one layer.
  const typeDeps = unitEdges(units, facts, unitOf, "typeImports");
  const both = new Map([...deps].map(([id, set]) => [id, new Set([...set, ...typeDeps.get(id)!])]));
  const component = new Map<string, number>();
  stronglyConnected(units.map((u) => u.id), both).forEach((c, i) => c.forEach((id) => component.set(id, i)));
  const sameLayer = new Map<string, string[]>();
  for (const [id, targets] of typeDeps) {
    for (const t of targets) {
      if (component.get(t) !== component.get(id)) deps.get(id)!.add(t);
      else if (!deps.get(id)!.has(t)) sameLayer.set(id, [...(sameLayer.get(id) ?? []), t]);
    }
  }

  const notes: string[] = [];
  const order = topological(units.map((u) => u.id), deps);
  const primaries = new Map(units.map((u) => [u.id, primaryFile(u, facts)]));
  const { layer, moved } = assignLayers(
    units.map((u) => ({ id: u.id, segments: namedBy(u, primaries.get(u.id)!).split("/"), dependsOn: [...deps.get(u.id)!], typesFrom: sameLayer.get(u.id) ?? [], entry: !!u.executable || routeFiles(u.files) || u.files.some((f) => ENTRY[u.language]?.test(texts.get(f)!)) })),
    order,
    [...project.workspaces.map((w) => w.dir), ...project.goModules.map((m) => m.dir)].filter(Boolean),
  );
  const tests = attachTests(facts, unitOf, new Map([...layer].map(([id, name]) => [id, LAYER_NAMES.indexOf(name)])), notes, (test) => (test.endsWith(".swift") ? swiftTested(test, project.swiftTargets, [...paths], facts.get(test)!.imports) : testedNamespace(test, csharpTests, namespaces.csharp)));
  notes.push(...moved, ...bazelNote(root));

  const unitById = new Map(units.map((u) => [u.id, u]));
  const position = new Map(order.map((id, i) => [id, i]));
  const modules: DiscoveredModule[] = order.map((id) => {
    const u = unitById.get(id)!;
    const primary = primaries.get(id)!;
    // A Rust or Go type's methods after every name, one entry a type: the cap never leaves out a type for a method.
    const methods = u.language === "rust" ? rustMethods(u.files.map((f) => texts.get(f)!)) : u.language === "go" ? goMethods(u.files.map((f) => texts.get(f)!)) : [];
    const provides = [...new Set(u.files.flatMap((f) => facts.get(f)!.provides)), ...methods];
    const doc = leadingDoc(texts.get(primary)!, u.language) ?? headerDoc(u.files, primary, u.language, texts);
    return {
      id,
      layer: layer.get(id)!,
      language: u.language,
      ...(u.folder ? { folder: u.folder } : {}),
      files: [primary, ...u.files.filter((f) => f !== primary)],
      primary,
      tests: (tests.get(id) ?? []).sort(),
      provides: provides.slice(0, MAX_PROVIDES),
      ...(doc ? { doc } : {}),
      dependsOn: [...deps.get(id)!].sort((a, b) => position.get(a)! - position.get(b)!),
    };
  });
  const layers = LAYER_NAMES.map((id) => ({ id, modules: modules.filter((m) => m.layer === id).map((m) => m.id) })).filter((l) => l.modules.length > 0);
  const edges = modules.reduce((n, m) => n + m.dependsOn.length, 0);
  return { modules, layers, edges, files: files.length, skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : 1)), merged, notes, packages: project.packages.map(({ dir, name }) => ({ dir, name })), pythonRoots: resolver.pythonRoots.filter(Boolean) };
}

/** Lines with something other than white space on them. */
function codeLines(code: string): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 10) {
      if (!blank) count++;
      blank = true;
    } else if (c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  return blank ? count : count + 1;
}

function readSource(path: string): string | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) return undefined;
    return bytes.toString("utf8").replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
}


/**
 * The project's own JS packages by name, its Go modules by path, the folders a Python manifest's packages are in (its own and its `src/`; the root's `src/`), its Ruby projects' folders, its import aliases,
 * and the folders of its workspace packages below the root (a package.json's, Nx project.json's, pyproject.toml's or setup.cfg's).
 */
function manifests(root: string, paths: string[]): { packages: JsPackage[]; goModules: { path: string; dir: string }[]; pythonSources: string[]; rubyProjects: string[]; aliases: AliasConfig[]; workspaces: { dir: string; name?: string }[]; csharpProjects: string[]; psr4: Psr4[]; cIncludeDirs: string[]; cmakeTargets: CmakeTarget[]; swiftTargets: SwiftTarget[] } {
  const csharpProjects = new Set<string>();
  const psr4: Psr4[] = [];
  const cIncludeDirs: string[] = [];
  const cmakeLists: { dir: string; text: string }[] = [];
  const swift: SwiftTarget[] = [];
  const packages: JsPackage[] = [];
  const workspaces = new Map<string, string | undefined>();
  const rubyProjects: string[] = [];
  const aliases: AliasConfig[] = [];
  const goModules: { path: string; dir: string }[] = [];
  const pythonSources = new Set(["src"]);
  for (const path of paths) {
    const dir = posix.dirname(path) === "." ? "" : posix.dirname(path);
    const name = posix.basename(path);
    if (name === "project.json") {
      // Nx names its projects (`orders-feature` for `libs/orders/feature/`).
      if (dir) workspaces.set(dir, readJsPackage(dir, readSource(join(root, path)) ?? "")?.name ?? workspaces.get(dir));
      continue;
    }
    if (name === "pyproject.toml" || name === "setup.cfg") {
      // A flat layout's packages sit beside the manifest, a src layout's under src/.
      if (dir) pythonSources.add(dir);
      if (dir && !workspaces.get(dir)) workspaces.set(dir, name === "pyproject.toml" ? pyprojectName(readSource(join(root, path)) ?? "") : undefined);
      pythonSources.add(dir ? `${dir}/src` : "src");
      continue;
    }
    if (name === "Gemfile" || name.endsWith(".gemspec")) {
      rubyProjects.push(dir);
      continue;
    }
    if (name.endsWith(".csproj")) {
      csharpProjects.add(dir);
      continue;
    }
    if (name.endsWith(".sln")) continue;
    if (ALIAS_CONFIGS.includes(name)) {
      // A folder's tsconfig.json applies there, not a jsconfig.json or tsconfig.base.json beside it.
      const shadowed = ALIAS_CONFIGS.slice(0, ALIAS_CONFIGS.indexOf(name)).some((first) => paths.includes(dir ? `${dir}/${first}` : first));
      const config = shadowed ? undefined : readAliasConfig(root, path);
      if (config) aliases.push(config);
      continue;
    }
    const text = readSource(join(root, path));
    if (text === undefined) continue;
    if (name === "go.mod") {
      const module = /^module\s+(\S+)/m.exec(text)?.[1];
      if (module) goModules.push({ path: module, dir });
      continue;
    }
    if (name === "composer.json") {
      psr4.push(...readPsr4(text, dir));
      continue;
    }
    if (name === "mix.exs") {
      // An umbrella's apps (`apps/shop_core/mix.exs`) are its packages, named by their `app:`.
      if (dir && !workspaces.get(dir)) workspaces.set(dir, /\bapp:\s*:(\w+)/.exec(text)?.[1]);
      continue;
    }
    if (name === "Package.swift") {
      swift.push(...swiftTargets(dir, text));
      continue;
    }
    if (name === "CMakeLists.txt") {
      cIncludeDirs.push(...cmakeIncludeDirs(text, dir));
      cmakeLists.push({ dir, text });
      continue;
    }
    const pkg = readJsPackage(dir, text);
    if (pkg) packages.push(pkg);
    if (pkg && dir && !workspaces.get(dir)) workspaces.set(dir, pkg.name);
  }
  // A file belongs to the deepest .csproj above it.
  const projects = [...csharpProjects].sort((a, b) => b.length - a.length);
  psr4.sort((a, b) => b.prefix.length - a.prefix.length);
  return { csharpProjects: projects, psr4, cIncludeDirs: [...new Set(cIncludeDirs)], cmakeTargets: cmakeTargets(cmakeLists), swiftTargets: swift, packages, goModules, pythonSources: [...pythonSources], rubyProjects, aliases, workspaces: [...workspaces].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dir, name]) => (name ? { dir, name } : { dir })) };
}

function unitEdges(units: Unit[], facts: Map<string, FileFacts>, unitOf: Map<string, Unit>, kind: "imports" | "typeImports" = "imports"): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>(units.map((u) => [u.id, new Set<string>()]));
  const byTarget = new Map(units.flatMap((u) => (u.target ? [[u.target, u] as const] : [])));
  for (const u of units) {
    // A CMake target depends on what it links to, whether or not a file includes its headers.
    if (kind === "imports") for (const link of u.links ?? []) if (byTarget.get(link) && byTarget.get(link) !== u) deps.get(u.id)!.add(byTarget.get(link)!.id);
    for (const f of u.files) {
      for (const target of facts.get(f)![kind]) {
        const other = unitOf.get(target);
        if (other && other !== u) deps.get(u.id)!.add(other.id);
      }
    }
  }
  return deps;
}

/**
 * Units whose files import each other in a cycle become one; the cycle is reported, never hidden.
 * Then every unit is named again: a clash with a unit merged away no longer lengthens a name.
 */
/** A Go module's last word (`example.com/tool/v2` is `tool`). */
function goModuleName(module: { path: string } | undefined): string | undefined {
  return module?.path.split("/").filter((w) => !/^v\d+$/.test(w)).at(-1);
}

/**
 * The package at a nested Go module's root (`go/main.go` beside `go/go.mod` of `example.com/prices`) is
 * named for its module, as the project root's is, not for a folder named for the language. Whether any was.
 */
function labelGoModuleRoots(units: Unit[], goModules: { path: string; dir: string }[]): boolean {
  let labelled = false;
  for (const u of units) {
    const name = u.language === "go" && !u.label && u.folder ? goModuleName(goModules.find((m) => m.dir && m.dir === u.folder)) : undefined;
    if (!name) continue;
    u.label = [name];
    labelled = true;
  }
  return labelled;
}

/** The package name a pyproject.toml declares (`[project]` or `[tool.poetry]`'s `name`). */
function pyprojectName(text: string): string | undefined {
  const table = /^\[(?:project|tool\.poetry)\]\s*$([^[]*)/m.exec(text)?.[1];
  return table === undefined ? undefined : /^name\s*=\s*["']([^"']+)["']/m.exec(table)?.[1];
}

function mergeCycles(units: Unit[], facts: Map<string, FileFacts>, projectName: string): Discovery["merged"] {
  const merged: Discovery["merged"] = [];
  const into = new Map<Discovery["merged"][number], Unit>();
  for (let round = 0; round < MERGE_ROUNDS; round++) {
    const unitOf = new Map<string, Unit>();
    for (const u of units) for (const f of u.files) unitOf.set(f, u);
    const deps = unitEdges(units, facts, unitOf);
    const cycles = stronglyConnected(units.map((u) => u.id), deps).filter((c) => c.length > 1);
    if (cycles.length === 0) break;
    for (const component of cycles) {
      const members = units.filter((u) => component.includes(u.id));
      // The parts by their paths: their ids named units that no longer exist, lengthened by clashes
      // with each other (`seats_index`, `resources_seats`), or the merged module's own (`kite`).
      const path = new Map(members.map((m) => [m.id, m.folder !== undefined ? `${m.folder}/` : primaryFile(m, facts)]));
      const cycle = cycleWithin(component, deps).map((id) => path.get(id)!);
      const keep = members[0]!;
      const ids = members.map((m) => m.id).sort();
      keep.files = members.flatMap((m) => m.files).sort();
      // Files joined across folders or beside other modules: no longer one folder's.
      if (!members.every((m) => m.folder === keep.folder)) delete keep.folder;
      for (const m of members.slice(1)) m.files = [];
      keep.id = ids.join("_");
      const record = { into: keep.id, modules: [...path.values()].sort(), cycle };
      merged.push(record);
      into.set(record, keep);
      delete keep.nameFrom;
      // A few modules by their names (`accounts_journal`); more by the file that stands for them all.
      if (ids.length <= 3) keep.label = [keep.id];
      else {
        delete keep.label;
        keep.nameFrom = mergedName(keep, units, facts);
      }
    }
    units.splice(0, units.length, ...units.filter((u) => u.files.length > 0));
  }
  if (merged.length === 0) return merged;
  nameUnits(units, projectName);
  for (const [record, unit] of into) if (unit.files.length > 0) record.into = unit.id;
  return merged;
}

/**
 * What a cycle of more than three modules is named by: its primary file (a package's `index.ts`
 * or `__init__.py` names its folder, the project's own `src/index.ts` the project); failing a
 * package file, the folder its files share, when no other module is named by that folder.
 */
function mergedName(u: Unit, units: Unit[], facts: Map<string, FileFacts>): string {
  const primary = primaryFile(u, facts);
  const dir = u.files.map((f) => posix.dirname(f)).reduce(commonFolder);
  if (PACKAGE_FILE.test(primary) || dir === ".") return primary;
  const taken = units.some((o) => o !== u && o.files.length > 0 && namingFolder(o) === dir);
  return taken ? primary : dir;
}

/** The deepest folder holding both (`.` for none). */
function commonFolder(a: string, b: string): string {
  const x = a.split("/");
  const y = b.split("/");
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n === 0 ? "." : x.slice(0, n).join("/");
}

/** Rounds of merging: each merges every cycle it finds, and the merged units seldom make a new one. */
const MERGE_ROUNDS = 10;

/**
 * Each test file goes to the module it imports in the latest layer (so its imports obey that
 * module's layer rules), of those the one it imports most (a name match breaks ties).
 */
function attachTests(facts: Map<string, FileFacts>, unitOf: Map<string, Unit>, rank: Map<string, number>, notes: string[], namedTested: (test: string) => string[]): Map<string, string[]> {
  const tests = new Map<string, string[]>();
  const unitOfDir = new Map<string, Unit>();
  let rubyMirror: RubyMirror | undefined;
  let folderUnits: Map<string, Unit> | undefined;
  let byStem: Map<string, SourceFile[]> | undefined;
  for (const [file, unit] of unitOf) if (!unitOfDir.has(posix.dirname(file))) unitOfDir.set(posix.dirname(file), unit);
  for (const f of facts.values()) {
    if (!f.file.test || (f.imports.length === 0 && PACKAGE_FILE.test(f.file.path))) continue;
    // `spec_helper.rb`, `spec/support/*.rb`: loaded by the tests of every module, so no one module's
    // (attached to the one it requires, it would sit above the modules whose specs require it).
    // So is Python's `conftest.py` (pytest loads it for every test below it) or a `tests/factories.py`: no test the runners collect.
    // So is ExUnit's `test_helper.exs`, which `mix test` runs first.
    if ((f.file.language === "ruby" && !RUBY_TEST.test(posix.basename(f.file.path))) || (f.file.language === "python" && !PYTHON_TEST.test(posix.basename(f.file.path))) || (f.file.language === "elixir" && !f.file.path.endsWith("_test.exs"))) {
      notes.push(`${f.file.path}: a test helper the tests share, attached to no module`);
      continue;
    }
    const count = new Map<string, number>();
    for (const target of f.imports) {
      const u = unitOf.get(target);
      if (u) count.set(u.id, (count.get(u.id) ?? 0) + 1);
    }
    // A Go test is in its package: it tests the module of its own folder, import or not; a Java
    // test is in the same package under `src/test/` as the code under `src/main/`; a Ruby spec
    // mirrors the file it tests (its `require "spec_helper"` loads the whole library).
    const dir = posix.dirname(f.file.path);
    // A C# test's namespace is the tested code's with `.Tests` on (`Shop.Core.Tests`), and sees its types without a `using`;
    // a Swift test target is its target's with `Tests` on (`OrbitKitTests`), as SwiftPM names them.
    const own = f.file.language === "go" || f.file.language === "java" ? samePackageUnit(f.file.path, unitOf, unitOfDir) : f.file.language === "ruby" ? (rubyMirror ??= new RubyMirror(unitOf)).testedBy(f.file.path) : f.file.language === "csharp" || f.file.language === "swift" ? mostCommon(namedTested(f.file.path).flatMap((t) => unitOf.get(t) ?? [])) : undefined;
    // Unless it imports a module of a later layer (Go's `package notes_test` using the storage that imports
    // `notes`): there its imports decide, as for other tests, so the layer rules hold for it.
    if (own && ![...count.keys()].some((id) => rank.get(id)! > rank.get(own.id)!)) {
      tests.set(own.id, [...(tests.get(own.id) ?? []), f.file.path]);
      continue;
    }
    const stem = testedStem(f.file.path);
    // Of modules alike in layer, the one holding the file the test is named for (`order.test.ts` importing
    // `order.ts` beside `catalog/index.ts`; `tests/posting.rs` using `journal/posting.rs`): what it tests.
    const named = new Set(f.imports.filter((t) => testedStem(t) === stem).flatMap((t) => unitOf.get(t)?.id ?? []));
    const imported = [...count].sort(([a, x], [b, y]) => rank.get(b)! - rank.get(a)! || Number(named.has(b)) - Number(named.has(a)) || y - x || Number(b === stem) - Number(a === stem) || (a < b ? -1 : 1))[0]?.[0];
    // A test under `tests/` that mirrors a file's path (`tests/repositories/test_books.py`, its repository
    // from a conftest fixture) tests that file, where its imports allow: no module it imports sits higher.
    const mirror = mirroredUnit(f.file, (byStem ??= filesByStem(unitOf, facts)), unitOf)?.id;
    const best = mirror !== undefined && (imported === undefined || rank.get(mirror)! >= rank.get(imported)!) ? mirror : imported;
    // A test of no import of ours (a Django app's `tests.py` that only imports `django.test`) goes with
    // the folder module it sits in (`shop/tests.py`, `accounts/tests/test_models.py`), not the root's.
    const home = best ? undefined : enclosingFolderUnit(dir, (folderUnits ??= unitsByFolder(unitOf)));
    if (home) {
      tests.set(home.id, [...(tests.get(home.id) ?? []), f.file.path]);
      continue;
    }
    if (!best) {
      notes.push(`${f.file.path}: a test that imports none of the project's modules, attached to none`);
      continue;
    }
    tests.set(best, [...(tests.get(best) ?? []), f.file.path]);
  }
  return tests;
}

/** The project's files that are not tests, by `testedStem`. */
function filesByStem(unitOf: Map<string, Unit>, facts: Map<string, FileFacts>): Map<string, SourceFile[]> {
  const byStem = new Map<string, SourceFile[]>();
  for (const path of unitOf.keys()) {
    const file = facts.get(path)?.file;
    if (file && !file.test) byStem.set(testedStem(path), [...(byStem.get(testedStem(path)) ?? []), file]);
  }
  return byStem;
}

/** The module of the one file of the test's language whose path ends as the test's does below its `tests/` (`tests/a/test_b.py` -> `src/pkg/a/b.py`). */
function mirroredUnit(test: SourceFile, byStem: Map<string, SourceFile[]>, unitOf: Map<string, Unit>): Unit | undefined {
  const below = /(?:^|\/)(?:tests?|__tests__|specs?)((?:\/[^/]+)*)$/.exec(posix.dirname(test.path));
  if (!below) return undefined;
  const tail = `${below[1]}/`;
  const found = (byStem.get(testedStem(test.path)) ?? []).filter((f) => f.language === test.language && `/${posix.dirname(f.path)}/`.endsWith(tail));
  return found.length === 1 ? unitOf.get(found[0]!.path) : undefined;
}

/** A file's name without extension and test affix, lower-case: `order` of `order.test.ts`, `test_order.py` and `order.py`. */
function testedStem(path: string): string {
  return posix.basename(path).replace(/\.[^.]+$/, "").replace(/^test_|_test$|\.(?:test|spec)$/g, "").toLowerCase();
}

/**
 * The module a Go or Java test is in the package of: a Go test's own folder, a Java test's mirror under
 * `src/main/`. Of a Java package split into modules (a cycle through another package), the one holding
 * the class the test is named for (`WiringTest.java` -> `Wiring.java`), else its first.
 */
function samePackageUnit(test: string, unitOf: Map<string, Unit>, unitOfDir: Map<string, Unit>): Unit | undefined {
  // Of any test source set: `src/test/`, Android's `src/androidTest/`, Gradle's `src/integrationTest/`.
  const dir = posix.dirname(test).replace(/(^|\/)src\/(?:test|[a-z]\w*Test|test[A-Z]\w*)\//, "$1src/main/");
  const ext = posix.extname(test);
  const named = posix.basename(test, ext).replace(/_test$|(?<=.)(?:Tests?|IT|Spec|Suite)$/, "");
  return unitOf.get(posix.join(dir, named + ext)) ?? unitOfDir.get(dir);
}

/** The modules that are a whole folder, by that folder; not one of the project's root. */
function unitsByFolder(unitOf: Map<string, Unit>): Map<string, Unit> {
  const byFolder = new Map<string, Unit>();
  for (const u of unitOf.values()) if (u.folder && u.folder !== ".") byFolder.set(u.folder, u);
  return byFolder;
}

/** The deepest of `byFolder`'s modules whose folder holds `dir`, if any. */
function enclosingFolderUnit(dir: string, byFolder: Map<string, Unit>): Unit | undefined {
  for (let at = dir; at !== "." && at !== ""; at = posix.dirname(at)) {
    const u = byFolder.get(at);
    if (u) return u;
  }
  return undefined;
}

/** The files of the namespace a C# test's namespace names before its test part (`Shop.Core` of `Shop.Core.Tests.Money`). */
function testedNamespace(test: string, tests: Namespaces, code: Namespaces): string[] {
  for (const ns of tests.namespacesOf(test)) {
    const parts = ns.split(".");
    const at = parts.findIndex((p) => /(?:Tests?|Specs?)$/.test(p));
    if (at > 0) return code.resolve(parts.slice(0, at).join("."));
  }
  return [];
}

/** A Vue or Svelte component provides its name alone (see componentName). */
function componentProvides(path: string): string[] | undefined {
  const name = componentName(path);
  return name === undefined ? undefined : [name];
}

function mostCommon<T>(items: T[]): T | undefined {
  const count = new Map<T, number>();
  for (const item of items) count.set(item, (count.get(item) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const PACKAGE_FILE = /(?:^|\/)(?:__init__\.py|index\.[cm]?[jt]sx?)$/;
/** A program's entry point: Java's `static void main(`, Kotlin's top-level `fun main(`, a Spring Boot application; Go's `package main`; Swift's `@main` type. */
const ENTRY: Partial<Record<Language, RegExp>> = {
  java: /\bstatic\s+void\s+main\s*\(|^fun\s+main\s*\(|^@SpringBootApplication\b|\bextends\s+App\b|^\s*@main\s+def\b/m,
  swift: /^@main\b/m,
  // An OTP application's callback module starts the supervision tree: what runs the rest.
  elixir: /^\s*use\s+Application\b/m,
  go: /^package\s+main\b/m,
};
/** A Python test as pytest and unittest collect it (`test_x.py`, `x_test.py`), or a Django app's `tests.py`. */
const PYTHON_TEST = /^test_.*\.py$|_test\.py$|^tests\.py$/;
const RUST_ROOTS = ["src/lib.rs", "src/main.rs"];
const C_HEADER = /\.(?:h|hh|hpp|hxx)$/;

/**
 * The file that stands for the module: of its package files (`__init__.py`, `index.ts`), the
 * one over the most of its code (a cycle can join a one-line re-export to a whole package);
 * else the file named like the module; else its largest.
 */
function primaryFile(u: Unit, facts: Map<string, FileFacts>): string {
  if (u.files.length === 1) return u.files[0]!;
  // A Rust crate's root (`lib.rs`, else `main.rs`), or a top-level module's own file (`cart.rs`, `cart/mod.rs`).
  if (u.language === "rust") {
    const root = RUST_ROOTS.map((r) => u.files.find((f) => f.endsWith(r))).find(Boolean);
    const top = u.files.filter((f) => /\/src\/[^/]+(?:\.rs|\/mod\.rs)$|^src\/[^/]+(?:\.rs|\/mod\.rs)$/.test(f)).sort((a, b) => a.length - b.length)[0];
    if (root ?? top) return (root ?? top)!;
  }
  const lines = (f: string) => facts.get(f)!.codeLines;
  const under = (pkg: string) => {
    const dir = posix.dirname(pkg);
    return u.files.reduce((n, f) => (dir === "." || f.startsWith(`${dir}/`) ? n + lines(f) : n), 0);
  };
  const packages = u.files.filter((f) => PACKAGE_FILE.test(f) && lines(f) > 0).map((f) => ({ f, n: under(f) }));
  const pkg = packages.sort((a, b) => b.n - a.n || a.f.split("/").length - b.f.split("/").length || (a.f < b.f ? -1 : 1))[0]?.f;
  if (pkg) return pkg;
  // A C module's source before its header (`uart.c`, not `uart.h`).
  const named = [...u.files].sort((a, b) => Number(C_HEADER.test(a)) - Number(C_HEADER.test(b))).find((f) => posix.basename(f).replace(/\.[^.]+$/, "").toLowerCase() === u.id);
  if (named) return named;
  return [...u.files].sort((a, b) => lines(b) - lines(a) || (a < b ? -1 : 1))[0]!;
}

/** The path whose names place the module in a layer: its folder, else its primary file's package or stem. */
function namedBy(u: Unit, primary: string): string {
  // Maven's and Gradle's `src/main/java/` names no layer (`main` would say interface): the project's folder
  // (`data/`, `feature/sightings/` of a multi-project build) and the package path do.
  if (u.language === "java") return (u.folder ?? posix.dirname(primary)).replace(/^(?:(.*)\/)?src\/main\/(?:java|kotlin|scala)\//, (_, project?: string) => (project ? `${project}/` : ""));
  // A .NET project's dotted name says its layer (`Shop.Infrastructure`, `Shop.Api`).
  if (u.language === "csharp") return (u.folder ?? primary.replace(/\.cs$/, "")).replaceAll(".", "/");
  // A Swift target's name is its words run together (`OrbitsCLI`, `EphemerisStore`): each may name a layer.
  if (u.language === "swift" && u.folder) return u.folder.replace(/[^/]+$/, (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1/$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1/$2"));
  if (u.folder) return u.folder;
  return PACKAGE_FILE.test(primary) && primary.includes("/") ? posix.dirname(primary) : primary.replace(/\.[^./]+$/, "");
}

/** Dependencies before dependents; ties in path order. The graph has no cycles by now. */
function topological(ids: string[], deps: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (id: string) => {
    const stack: { id: string; next: string[] }[] = [{ id, next: [...deps.get(id)!].sort() }];
    state.set(id, 1);
    while (stack.length) {
      const top = stack.at(-1)!;
      const d = top.next.shift();
      if (d === undefined) {
        stack.pop();
        state.set(top.id, 2);
        order.push(top.id);
      } else if (!state.has(d)) {
        state.set(d, 1);
        stack.push({ id: d, next: [...deps.get(d)!].sort() });
      }
    }
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return order;
}

/** A C source that says nothing of itself is described by its header's leading comment (`ring.h` for `ring.c`), where C documents an interface. */
function headerDoc(files: readonly string[], primary: string, language: Language, texts: Map<string, string>): string | undefined {
  if (language !== "c") return undefined;
  const stem = primary.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const header = files.find((f) => f !== primary && /\.(?:h|hh|hpp|hxx)$/.test(f) && f.replace(/^.*\//, "").replace(/\.[^.]+$/, "") === stem);
  const text = header === undefined ? undefined : texts.get(header);
  return text === undefined ? undefined : leadingDoc(text, language);
}
