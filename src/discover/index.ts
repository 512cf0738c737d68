import { join } from "node:path";
import { extractImports } from "../spec/imports.js";
import { maskSource } from "../validate/source.js";
import { stronglyConnected } from "./cycles.js";
import { typeOnlyLines } from "./type-only.js";
import { moveErasedImports, TS_FILE } from "./ts-elided.js";
import { listSourceFiles, type Language, type Skipped, type SourceFile } from "./files.js";
import { codeOf, componentName } from "../spec/components.js";
import { attachShims, groupFiles, type FileFacts, type Granularity, type Unit } from "./group.js";
import { nameUnits, routeFiles, slug } from "./unit-names.js";
import { splitFalseCycles } from "./split.js";
import { assignLayers, LAYER_NAMES, type LayerName } from "./layers.js";
import { FileResolver } from "./resolve.js";
import { goMethods, leadingDoc, publicSurface, rustMethods } from "./surface.js";
import { RustCrates } from "../spec/rust-paths.js";
import { RubyConstants } from "./ruby-constants.js";
import { Namespaces } from "../spec/namespaces.js";
import { CIncludes, conventionalIncludeDirs } from "../spec/c-includes.js";
import { swiftTested } from "./swift-units.js";
import { SwiftUses } from "./swift-uses.js";
import { bazelNote } from "./bazel.js";
import { addDeclaredDependencies } from "./declared.js";
import { ElixirModules } from "../spec/elixir-modules.js";
import { codeLines, GENERATED, GENERATED_HEAD, readSource } from "./source-text.js";
import { goModuleName, labelGoModuleRoots, manifests } from "./manifests.js";
import { mergeCycles, unitEdges, type MergedCycle } from "./merge.js";
import { attachTests, testedNamespace } from "./attach-tests.js";
import { headerDoc, namedBy, primaryFile } from "./primary.js";
import { nameAfterProject, projectNameOf } from "./project-name.js";

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
  /** Modules joined because their files import each other in a cycle (see MergedCycle). */
  merged: MergedCycle[];
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

const MAX_PROVIDES = 30;

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
  const named = projectNameOf(root, project.packages.find((p) => p.dir === "")?.name, goName);
  const projectName = named.name;
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
  const renamed = nameAfterProject(units, named, slug);
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

  const notes = addDeclaredDependencies(units, deps, project.declared, project.declaredProjects);
  const order = topological(units.map((u) => u.id), deps);
  const primaries = new Map(units.map((u) => [u.id, primaryFile(u, facts)]));
  const { layer, moved } = assignLayers(
    units.map((u) => ({ id: u.id, segments: namedBy(u, primaries.get(u.id)!).split("/"), dependsOn: [...deps.get(u.id)!], typesFrom: sameLayer.get(u.id) ?? [], tags: tagsOf(u, project.layerTags), entry: !!u.executable || routeFiles(u.files) || u.files.some((f) => ENTRY[u.language]?.test(texts.get(f)!)) })),
    order,
    [...project.workspaces.map((w) => w.dir), ...project.goModules.map((m) => m.dir)].filter(Boolean),
  );
  const tests = attachTests(facts, unitOf, new Map([...layer].map(([id, name]) => [id, LAYER_NAMES.indexOf(name)])), notes, (test) => (test.endsWith(".swift") ? swiftTested(test, project.swiftTargets, [...paths], facts.get(test)!.imports) : testedNamespace(test, csharpTests, namespaces.csharp)));
  notes.push(...(renamed ? [renamed] : []), ...moved, ...bazelNote(root));

  const unitById = new Map(units.map((u) => [u.id, u]));
  const position = new Map(order.map((id, i) => [id, i]));
  const modules: DiscoveredModule[] = order.map((id) => {
    const u = unitById.get(id)!;
    const primary = primaries.get(id)!;
    // A Rust or Go type's methods after every name, one entry a type: the cap never leaves out a type for a method.
    const methods = u.language === "rust" ? rustMethods(u.files.map((f) => texts.get(f)!)) : u.language === "go" ? goMethods(u.files.map((f) => texts.get(f)!)) : [];
    const provides = [...new Set(u.files.flatMap((f) => facts.get(f)!.provides)), ...methods];
    // A pub package's library file often says nothing of itself: its pubspec.yaml's `description:` does.
    const doc = leadingDoc(texts.get(primary)!, u.language) ?? headerDoc(u.files, primary, u.language, texts) ?? (u.language === "dart" ? project.dartPackages.find((p) => p.dir === u.folder)?.description : undefined);
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

/** The layer tags of the deepest tagged project holding all the unit's files (Nx's `type:feature`). */
function tagsOf(u: Unit, tagged: readonly { dir: string; names: string[] }[]): string[] {
  const inside = tagged.filter((t) => u.files.length > 0 && u.files.every((f) => f.startsWith(`${t.dir}/`)));
  return inside.sort((a, b) => b.dir.length - a.dir.length)[0]?.names ?? [];
}

/** A Vue or Svelte component provides its name alone (see componentName). */
function componentProvides(path: string): string[] | undefined {
  const name = componentName(path);
  return name === undefined ? undefined : [name];
}

/** A program's entry point: Java's `static void main(`, Kotlin's top-level `fun main(`, a Spring Boot application; Go's `package main`; Swift's `@main` type. */
const ENTRY: Partial<Record<Language, RegExp>> = {
  java: /\bstatic\s+void\s+main\s*\(|^fun\s+main\s*\(|^@SpringBootApplication\b|\bextends\s+App\b|^\s*@main\s+def\b/m,
  swift: /^@main\b/m,
  // An OTP application's callback module starts the supervision tree: what runs the rest.
  elixir: /^\s*use\s+Application\b/m,
  go: /^package\s+main\b/m,
  // A Dart program's `main` (a Flutter app's calls `runApp`); a test's is no entry, and tests are not grouped.
  dart: /^(?:Future<void>\s+|void\s+)?main\s*\(/m,
};

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

