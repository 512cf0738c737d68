import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { ImportRef, ImportStyle } from "../spec/imports.js";
import { extractImports } from "../spec/imports.js";
import { codeOf } from "../spec/components.js";
import { Ownership } from "../spec/ownership.js";
import { expandOwnedFolders } from "../spec/owned-files.js";
import { listOwnedFolders, ownedFolder } from "../spec/folders.js";
import { resolveImport, type SourceIndexes } from "../spec/resolve.js";
import { Namespaces } from "../spec/namespaces.js";
import { readPsr4 } from "../spec/php-autoload.js";
import { CIncludes, cmakeIncludeDirs, conventionalIncludeDirs } from "../spec/c-includes.js";
import { swiftTargets } from "../spec/swift-package.js";
import { ElixirModules } from "../spec/elixir-modules.js";
import { findAliasConfigs, type AliasConfig } from "../spec/path-aliases.js";
import { findDenoAliases } from "../spec/deno-config.js";
import { findDartPackages } from "../spec/dart-packages.js";
import type { ImportRule, ModuleSpec, SpecTree } from "../spec/types.js";
import { importNames, patternMatches } from "./patterns.js";
import type { ImportNames } from "./patterns.js";
import { importStyleOfFile, maskSource, styleOfFile } from "./source.js";
import { readGoModule } from "../spec/go-module.js";
import { RustCrates } from "../spec/rust-paths.js";
import { RubyConstants } from "../discover/ruby-constants.js";
import type { Violation } from "./types.js";
import { statFile, type FileStats } from "../file-stats.js";
import { pathUnder } from "../path-under.js";

export type ReadSource = (absolutePath: string) => string | undefined;

/** A list of rules with where it was declared and whose it is, for messages. */
interface RuleList {
  owner: string;
  rules: ImportRule[];
}

interface Context {
  spec: SpecTree;
  layerOrder: string[];
  index: TreeIndex;
  /** Each module's rule lists by id (see rulesOf). */
  rules: Map<string, { forbidden: RuleList[]; allowed: RuleList[] }>;
}

/** A scanned file of a module: its style and where it is in the tree's own checkout. */
interface Source {
  file: string;
  style: ImportStyle;
  path: string;
}

/**
 * Imports in the target modules' owned source files, those found under owned folders
 * included (Python, TS/JS, the scripts of Vue and Svelte components, Go and the rest of
 * importStyleOfFile's; files that do not exist are skipped), that break the spec's architecture rules, by file then line. Each
 * import is reported once, for the first rule it breaks, in this order:
 * 1. it matches a `forbiddenImports` pattern of the module or of its layer;
 * 2. it resolves to a module of a layer later in `layerOrder` than the importer's own;
 * 3. the module's or the layer's `allowedImports` list is not empty, and the import resolves
 *    to another layer's module that the list does not cover (by pattern, module id, or a
 *    pattern naming the module's files). Same-layer modules, and standard-library and
 *    third-party imports, are never held to allowed lists.
 * Patterns are module paths or prefixes (`pkg.ui`, `src/ui`, `react`) or module ids (`cli`).
 */
export function checkArchitecture(spec: SpecTree, layerOrder: string[], target: { modules: string[]; filesAt?: string }, readFile: ReadSource = readSource): Violation[] {
  const cx = contextOf(spec, layerOrder);
  const added = target.filesAt ? filesAddedUnder(cx, target.filesAt, target.modules) : undefined;
  const found = new Map<string, Violation>();
  for (const id of target.modules.length === 1 ? target.modules : new Set(target.modules)) {
    const module = cx.index.modules.get(id);
    if (!module) continue;
    const extra = added?.get(module.id);
    const sources = extra ? [...sourcesOf(cx, module), ...extra.flatMap((file) => sourceOf(spec.root, file))] : sourcesOf(cx, module);
    // By index, as the gate runs once a module: below TurboFan (src/cli/heap.ts) a for-of allocates an iterator and a result per source.
    for (let i = 0; i < sources.length; i++) {
      const { file, style, path } = sources[i]!;
      const text = readFile(path);
      if (text === undefined) continue;
      // Made when the module has a file to judge: before its agent writes one, it has none.
      const { forbidden, allowed } = rulesOf(cx, module);
      const masked = maskSource(codeOf(file, text), style);
      const add = (ref: ImportRef, message: string | undefined) => {
        if (message) found.set(`${file}\0${ref.line}\0${ref.specifier}\0${message}`, { file, line: ref.line, specifier: ref.specifier, message });
      };
      for (const ref of extractImports(masked, style)) add(ref, judge(cx, module, file, ref, forbidden, allowed));
      // Rails and Zeitwerk load Ruby code by the constants it uses, with no require to read: `Billing::Invoice` is app/services/billing/invoice.rb's.
      if (style === "ruby") {
        for (const use of cx.index.resolver().rubyConstants?.uses(masked) ?? []) {
          if (use.file === file) continue;
          const ref: ImportRef = { specifier: use.name, style, line: use.line };
          add(ref, judge(cx, module, file, ref, forbidden, allowed, use.file));
        }
      }
    }
  }
  if (found.size === 0) return [];
  return [...found.values()].sort((a, b) => compare(a.file, b.file) || a.line - b.line || compare(a.specifier, b.specifier) || compare(a.message, b.message));
}

const contexts = new WeakMap<SpecTree, Context>();

/** The tree's index with the layer order: the same for every check of a run (one order per run). */
function contextOf(spec: SpecTree, layerOrder: string[]): Context {
  let cx = contexts.get(spec);
  if (cx?.layerOrder !== layerOrder) contexts.set(spec, (cx = { spec, layerOrder, index: treeIndex(spec), rules: new Map() }));
  return cx;
}

/** A module's forbidden and allowed lists, its own then its layer's, made on its first check. */
function rulesOf(cx: Context, module: ModuleSpec): { forbidden: RuleList[]; allowed: RuleList[] } {
  let rules = cx.rules.get(module.id);
  if (!rules) {
    const layer = cx.spec.layers.find((l) => l.id === module.layer);
    const forbidden: RuleList[] = [
      { owner: `module ${module.id}`, rules: module.forbiddenImports },
      { owner: `layer ${module.layer}`, rules: layer?.forbiddenImports ?? [] },
    ];
    const allowed: RuleList[] = [
      { owner: `module ${module.id}`, rules: module.allowedImports },
      { owner: `layer ${module.layer}`, rules: layer?.allowedImports ?? [] },
    ].filter((list) => list.rules.length > 0);
    cx.rules.set(module.id, (rules = { forbidden, allowed }));
  }
  return rules;
}

/** What checkArchitecture looks up in a spec tree: modules by id and their files. */
export interface TreeIndex {
  modules: Map<string, ModuleSpec>;
  /** Each module's files, with the files found under its owned folders in place of the folders. */
  files: Map<string, string[]>;
  /** Each module's scanned files, found on its first check: a run checks a module after each of its attempts. */
  sources: Map<string, Source[]>;
  /** Each module's folders of `.go` files it alone owns files in (see goFoldersOf), found on its first check. */
  goFolders: Map<string, string[]>;
  /** Owned folders, longest first, with their module; the tree's files; the modules owning a folder. */
  folders: { folder: string; id: string }[];
  projectFiles: Set<string>;
  owningFolders: Set<string>;
  /** What resolving an import needs, made when the first is resolved: checks of files not written yet resolve none. */
  resolver(): ImportResolver;
}

/** File owners and the project's import settings, for resolving imports. */
export interface ImportResolver extends SourceIndexes {
  ownership: Ownership;
  /** The module path of the project's `go.mod`, which Go imports of its own packages start with. */
  goModule?: string;
  /** The tsconfig/jsconfig `paths` and `baseUrl` over the modules' TS/JS files. */
  aliases: AliasConfig[];
  /** The cargo packages of the modules' Rust files, for `use crate::` and crates by name. */
  rustCrates?: RustCrates;
  /** The constants the modules' autoloaded Ruby files define (`app/models/order.rb` is `Order`), for code that loads by name. */
  rubyConstants?: RubyConstants;
}

/** The module's files that are scanned (Python, TS/JS, Go), with their paths. */
function sourcesOf(cx: Context, module: ModuleSpec): Source[] {
  let found = cx.index.sources.get(module.id);
  if (!found) cx.index.sources.set(module.id, (found = (cx.index.files.get(module.id) ?? module.files).flatMap((file) => sourceOf(cx.spec.root, file))));
  return found;
}

function sourceOf(root: string, file: string): Source[] {
  const style = importStyleOfFile(file);
  return style ? [{ file, style, path: pathUnder(root, file) }] : [];
}

/**
 * Files under the target modules' owned folders at `root` (an attempt's worktree) that the
 * tree did not list when it was loaded: what the agent added there is checked too. Each
 * goes to its most specific owner among all modules, as when the tree is loaded.
 */
function filesAddedUnder(cx: Context, root: string, targets: string[]): Map<string, string[]> | undefined {
  let added: Map<string, string[]> | undefined;
  const add = (owner: string, file: string) => {
    added ??= new Map();
    const list = added.get(owner);
    if (list) list.push(file);
    else added.set(owner, [file]);
  };
  const owning: ModuleSpec[] = [];
  // By index, as in checkArchitecture.
  for (let i = 0; i < targets.length; i++) {
    const module = cx.index.owningFolders.has(targets[i]!) ? cx.index.modules.get(targets[i]!) : undefined;
    if (module) owning.push(module);
  }
  if (owning.length) {
    for (const file of listOwnedFolders(root, owning)) {
      if (cx.index.projectFiles.has(file)) continue;
      const owner = cx.index.folders.find((f) => file.startsWith(`${f.folder}/`))?.id;
      if (owner && targets.includes(owner)) add(owner, file);
    }
  }
  for (let i = 0; i < targets.length; i++) {
    const id = targets[i]!;
    const folders = goFoldersOf(cx, id);
    for (let j = 0; j < folders.length; j++) {
      const folder = folders[j]!;
      for (const file of goFilesAdded(root, folder, cx.index.resolver().ownership)) if (!added?.get(id)?.includes(file)) add(id, file);
    }
  }
  return added;
}

/**
 * The folders of a module's owned `.go` files that it alone owns files in, found on its first
 * check: Go compiles a folder's files as one package, so a file an agent added beside
 * `money.go` is the money module's, whatever the spec lists.
 */
function goFoldersOf(cx: Context, id: string): string[] {
  let folders = cx.index.goFolders.get(id);
  if (!folders) {
    folders = [];
    const files = cx.index.files.get(id) ?? cx.index.modules.get(id)?.files ?? [];
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      if (!f.endsWith(".go")) continue;
      const folder = posix.dirname(f);
      const owners = cx.index.resolver().ownership.ownersIn(folder);
      if (owners.length === 1 && owners[0] === id && !folders.includes(folder)) folders.push(folder);
    }
    cx.index.goFolders.set(id, folders);
  }
  return folders;
}

/** `.go` files on disk in `folder`, sorted, that no module owns. */
function goFilesAdded(root: string, folder: string, ownership: Ownership): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, folder));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names.sort()) {
    const file = folder === "." ? name : `${folder}/${name}`;
    if (name.endsWith(".go") && ownership.owner(file) === undefined) found.push(file);
  }
  return found;
}

const indexes = new WeakMap<SpecTree, TreeIndex>();

/**
 * The tree's index, built once per tree object. A run checks every module after every
 * attempt against the same tree; building the index each time cost O(modules) per check,
 * O(n²) per run (1.8 s of CPU at 1,000 modules). A tree is not changed once loaded
 * (a reload makes a new object), so the object identity is the key.
 */
export function treeIndex(spec: SpecTree): TreeIndex {
  let index = indexes.get(spec);
  if (!index) {
    const folders: { folder: string; id: string }[] = [];
    for (const m of spec.modules) {
      for (const f of m.files) {
        const folder = ownedFolder(f);
        if (folder !== undefined) folders.push({ folder, id: m.id });
      }
    }
    folders.sort((a, b) => b.folder.length - a.folder.length);
    const owningFolders = new Set(folders.map((f) => f.id));
    // The files under owned folders stand in for the folders, for scanning and for resolving imports.
    // With no folder owned, each module's files are its own list (what expandOwnedFolders would copy).
    const files = folders.length ? expandOwnedFolders(spec.modules, spec.projectFiles) : new Map(spec.modules.map((m) => [m.id, m.files]));
    let resolver: ImportResolver | undefined;
    indexes.set(spec, (index = { modules: new Map(spec.modules.map((m) => [m.id, m])), files, sources: new Map(), goFolders: new Map(), folders, projectFiles: new Set(spec.projectFiles), owningFolders, resolver: () => (resolver ??= importResolver(spec, files, owningFolders)) }));
  }
  return index;
}

function importResolver(spec: SpecTree, files: Map<string, string[]>, owningFolders: Set<string>): ImportResolver {
  // Each module's entries and the files found under its folders; a module owning no folder has no others.
  const owned = spec.modules.map((m) => ({ id: m.id, files: owningFolders.has(m.id) ? [...m.files, ...(files.get(m.id) ?? [])] : m.files }));
  const ownership = new Ownership(owned);
  const goModule = readGoModule(spec.root);
  const jsDirs = new Set<string>();
  const rustFiles: string[] = [];
  const rubyFiles: string[] = [];
  const indexed = { csharp: [] as string[], php: [] as string[], c: [] as string[], swift: [] as string[], elixir: [] as string[], dart: [] as string[] };
  for (const m of owned) {
    for (const f of m.files) {
      const style = importStyleOfFile(f);
      if (style === "csharp" || style === "php" || style === "c" || style === "swift" || style === "elixir" || style === "dart") indexed[style].push(f);
      else if (f.endsWith(".rs")) rustFiles.push(f);
      else if (f.endsWith(".rb")) rubyFiles.push(f);
      else if (style === "js") jsDirs.add(posix.dirname(f));
    }
  }
  const aliases = [...findAliasConfigs(spec.root, jsDirs), ...findDenoAliases(spec.root, jsDirs)];
  const rustCode = (file: string) => {
    const text = readSource(pathUnder(spec.root, file));
    return text === undefined ? undefined : maskSource(text, "rust");
  };
  const rustCrates = rustFiles.length ? new RustCrates(spec.root, undefined, rustCode).add(rustFiles) : undefined;
  const rubyConstants = rubyFiles.length ? new RubyConstants(rubyFiles) : undefined;
  return { ownership, aliases, ...(goModule ? { goModule } : {}), ...(rustCrates ? { rustCrates } : {}), ...(rubyConstants ? { rubyConstants } : {}), ...sourceIndexes(spec.root, indexed) };
}

/**
 * The namespaces the modules' C# and PHP files declare (the files read once, here), the root
 * composer.json's PSR-4 maps, the include folders of their C files (conventional, and a
 * root CMakeLists.txt's and those beside the files), the targets of the root's Package.swift, the modules the Elixir files declare, and the pub packages (pubspec.yaml) the Dart files are in.
 */
function sourceIndexes(root: string, files: { csharp: string[]; php: string[]; c: string[]; swift: string[]; elixir: string[]; dart: string[] }): SourceIndexes {
  const indexes: SourceIndexes = {};
  const masked = (file: string, style: "csharp" | "php") => {
    const text = readSource(pathUnder(root, file));
    return text === undefined ? undefined : maskSource(text, style);
  };
  for (const style of ["csharp", "php"] as const) {
    if (files[style].length === 0) continue;
    const namespaces = new Namespaces(style);
    for (const f of files[style]) {
      const code = masked(f, style);
      if (code !== undefined) namespaces.add(f, code);
    }
    if (style === "csharp") indexes.csharp = namespaces;
    else indexes.php = { namespaces, psr4: readPsr4(readSource(join(root, "composer.json")) ?? "", "") };
  }
  if (files.c.length) {
    const dirs = new Set(["", ...files.c.map((f) => posix.dirname(f)).flatMap((d) => d.split("/").map((_, i, s) => s.slice(0, i + 1).join("/")))]);
    const cmake = [...dirs].sort().flatMap((d) => {
      const text = readSource(join(root, d, "CMakeLists.txt"));
      return text === undefined ? [] : cmakeIncludeDirs(text, d === "." ? "" : d);
    });
    const known = new Set(files.c);
    indexes.c = new CIncludes([...conventionalIncludeDirs(files.c), ...cmake], files.c, (p) => known.has(p));
  }
  if (files.swift.length) indexes.swift = swiftTargets("", readSource(join(root, "Package.swift")) ?? "");
  if (files.dart.length) indexes.dart = findDartPackages(root, new Set(files.dart.map((f) => posix.dirname(f))));
  if (files.elixir.length) {
    const elixir = new ElixirModules();
    for (const f of files.elixir) {
      const text = readSource(pathUnder(root, f));
      if (text !== undefined) elixir.add(f, maskSource(text, "elixir"));
    }
    indexes.elixir = elixir;
  }
  return indexes;
}

/** `loaded`: the file a Ruby constant (`ref.specifier`) is loaded from, which names it too, instead of resolving `ref`. */
function judge(cx: Context, module: ModuleSpec, file: string, ref: ImportRef, forbidden: RuleList[], allowed: RuleList[], loaded?: string): string | undefined {
  const r = cx.index.resolver();
  const names = loaded === undefined ? importNames(ref, file, r.aliases, r.goModule) : { written: [ref.specifier], paths: [loaded.replace(/\.rb$/, "").split("/")] };
  const owner = loaded === undefined ? undefined : r.ownership.owner(loaded);
  const resolved = loaded === undefined ? resolveImport(ref, { primaryFile: file, files: [file] }, r) : owner === undefined ? "external" : [owner];
  const targets = resolved === "external" ? [] : resolved.filter((id) => id !== module.id).flatMap((id) => cx.index.modules.get(id) ?? []);
  // `.` alone says little: a relative Python import is shown whole.
  const relativePy = ref.style === "python" && ref.specifier.startsWith(".") && ref.names?.length;
  const shown = relativePy ? `\`from ${ref.specifier} import ${ref.names!.join(", ")}\`` : `\`${ref.specifier}\``;

  for (const list of forbidden) {
    const rule = list.rules.find((r) => (r.layer ? targets.some((t) => t.layer === r.pattern) : patternMatches(r.pattern, names, ref.style) || targets.some((t) => t.id === r.pattern)));
    if (rule) return `imports ${shown}, forbidden for ${list.owner} by \`${rule.layer ? `layer ${rule.pattern}` : rule.pattern}\` (${rule.file}:${rule.line})`;
  }

  const own = cx.layerOrder.indexOf(module.layer);
  for (const t of targets) {
    const theirs = cx.layerOrder.indexOf(t.layer);
    if (own >= 0 && theirs > own) {
      return `imports ${shown} (module ${t.id}, layer ${t.layer}), but layer ${module.layer} comes before ${t.layer}${layerOrderSource(cx)}`;
    }
  }

  for (const t of targets) {
    if (t.layer === module.layer) continue;
    const list = allowed.find((l) => !l.rules.some((r) => covers(r, t, names, ref.style)));
    if (list) {
      const first = list.rules[0]!;
      return `imports ${shown} (module ${t.id}, layer ${t.layer}), which is not in the allowed imports of ${list.owner} (${first.file}:${first.line})`;
    }
  }
  return undefined;
}

/** An allowed pattern covers a target module named by id (or its layer, for a rule naming a layer), by the import as written, or by one of its files. */
function covers(rule: ImportRule, target: ModuleSpec, names: ImportNames, style: ImportStyle): boolean {
  const { pattern } = rule;
  // A rule naming a layer (spec/layer-rules.ts) covers its modules only: `api` is no path.
  if (rule.layer) return target.layer === pattern;
  if (pattern === target.id || patternMatches(pattern, names, style)) return true;
  const files: ImportNames = { written: [], paths: target.files.map((f) => f.replace(/\.[^./]+$/, "").split("/")) };
  return patternMatches(pattern, files, styleOfFile(target.files[0] ?? "") ?? style);
}

/** Cites the system spec when the order is the one it declares. */
function layerOrderSource(cx: Context): string {
  const { specFile, layerOrder } = cx.spec.system;
  const fromSpec = specFile && layerOrder.join("\0") === cx.layerOrder.join("\0");
  return fromSpec ? ` in the layer order (${specFile})` : " in the layer order";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file's text, or undefined when it cannot be read. A missing file, the common case
 * before an agent has written a module's files, is found by a stat that does not throw:
 * an ENOENT error from readFileSync costs several times the read of a small file. Through a
 * run's `stats` (src/file-stats.ts), a file found missing is not looked for again until the
 * run may have changed the tree.
 */
export function readSource(path: string, stats?: FileStats): string | undefined {
  return (stats ? stats.of(path) : statFile(path))?.isFile ? readText(path) : undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
