import type { LayerSpec, ModuleSpec, SpecTree, SystemSpec, Warning } from "./types.js";
import type { ParsedModule } from "./module.js";
import type { Unresolved } from "./cache.js";
import { parseModule } from "./module.js";
import { createResolver, resolveDependencies } from "./resolve.js";
import { readLayer, readSystem, statesLayerOrder } from "./orchestrators.js";
import { modulesWithoutSpec, subagentNames } from "./system-modules.js";
import { SpecError } from "../errors.js";
import { findProjectRoot } from "./root.js";
import { listFolders, ownedFolders } from "./folders.js";
import { openSpecCache, type Resolution, type SpecCache } from "./cache.js";
import { filesOf, listTree } from "./listing.js";
import { readAhead } from "./read-ahead.js";
import { tabledLayers, type TabledLayer } from "./layer-table.js";
import { squashName } from "./names.js";
import { tableRows, tabledModule, tabledModules } from "./layer-modules.js";
import { extend } from "../extend.js";
import { DERIVED, cacheDir, parserStamp, readDerived } from "./cache-files.js";
import { withDiagramDependencies } from "./diagram-dependencies.js";
import { besidePackageNotes, ownedPackageSpecs, withPackageFolder } from "./package-specs.js";
import { join } from "node:path";
import { declaredRows, layerOfField } from "./declared-modules.js";
import { declaredNote, listedInTwoLayers, rowsWithoutSpec } from "./system-declared.js";
import { prosePath } from "./prose-paths.js";
import { joinParts, linkedParts, mayHaveParts, partReader, partsParse } from "./spec-parts.js";
import { placeOf } from "./part-places.js";
import { forgetDigests } from "./derived.js";
import { YAML_SPEC, parseYamlModule } from "./yaml-specs.js";
import { forgetPlainTexts } from "./simple-blocks.js";
import { notUtf8 } from "./not-utf8.js";
import { addLayerRules, arrowOrder } from "./tree-layer-rules.js";
import { layerByName } from "./layer-number.js";
import { agentsFolderNotes } from "./subagent-modules.js";

export { findProjectRoot } from "./root.js";
export { recallDerived } from "./recall.js";

/**
 * Reads a project's `.claude/` tree: the system spec, layers and module specs,
 * with every module's dependencies resolved. Throws `SpecError` on input that
 * cannot be read without guessing.
 * With `cache`, unchanged module specs come from `.orchestrate/cache/` (see spec/cache.ts)
 * instead of being parsed again; the tree is the same either way. The cache is written by
 * `saveSpecCache(tree)`, once the caller has accepted the tree: a command that rejects the
 * project (bad front matter, bad config) leaves no `.orchestrate/` behind.
 * `listed` is told how many module specs the tree has, once they are listed and before any is read;
 * told again with the modules of layer tables (spec/layer-modules.ts) when there are any, once read.
 */
export function loadSpec(projectDir: string, options: { cache?: boolean; listed?: (modules: number) => void } = {}): SpecTree {
  const root = findProjectRoot(projectDir);
  const cache = options.cache ? openSpecCache(root) : undefined;
  const listing = listTree(root);
  // The tree's size before any spec is read: the CLI sets V8's tier by it (cli/heap.ts tuneForPlan).
  const listed = listing.layers.reduce((n, l) => n + l.modules.length, 0);
  options.listed?.(listed);
  const read = readAhead(root, filesOf(listing));
  const warnings: Warning[] = [];
  const source = (rel: string) => {
    const text = cache ? cache.source(rel, () => read(rel)) : read(rel).text;
    const replaced = notUtf8(text, rel);
    if (replaced) warnings.push(replaced);
    return text;
  };
  // A tree without layer folders reads CLAUDE.md too (spec/listing.ts), and says so.
  const lookedFor = listing.flat ? ".claude/SYSTEM_ORCHESTRATOR.md, .claude/CLAUDE.md, CLAUDE.md or AGENTS.md" : ".claude/SYSTEM_ORCHESTRATOR.md";
  if (!listing.system) warnings.push({ code: "NO_SYSTEM_SPEC", message: `No .claude/system/SYSTEM_ORCHESTRATOR.md (nor ${lookedFor}): layer order comes from dependencies and names only`, file: ".claude/system" });
  // Read once before the tree's key is taken: each read of a file adds its key to the tree's (spec/cache.ts).
  const systemText = listing.system ? source(listing.system) : undefined;
  const system: SystemSpec = listing.system
    ? readSystem(listing.system, systemText!, listing.crossCutting, listing.layerNames)
    : { layerOrder: [], crossCutting: listing.crossCutting, body: "" };

  const layers: LayerSpec[] = [];
  const parsed: Unresolved[] = [];
  const parses: (() => ParsedModule)[] = [];
  const layerSpecs: { id: string; specFile: string; source: string }[] = [];
  for (const l of listing.layers) {
    const layerSource = l.orchestrator ? source(l.orchestrator) : undefined;
    if (l.orchestrator) layerSpecs.push({ id: l.id, specFile: l.orchestrator, source: layerSource! });
    const layer: LayerSpec = l.orchestrator ? readLayer(l.id, l.orchestrator, layerSource!) : { id: l.id, modules: [], allowedImports: [], forbiddenImports: [] };
    for (const { file, id } of l.modules) {
      const text = source(file);
      // A folder's spec may link parts beside it (spec/spec-parts.ts): read with it, and keyed in the cache with it.
      const linked = mayHaveParts(file, text) ? linkedParts(id, file, text, partReader(root, source, l.id)) : undefined;
      if (linked) warnings.push(...linked.warnings);
      const parse = linked?.parts.length ? () => withPackageFolder(partsParse(file, text, linked.parts, id, l.id)) : () => withPackageFolder(YAML_SPEC.test(file) ? parseYamlModule(file, text, id, l.id) : parseModule(file, text, id, l.id));
      const whole = linked?.parts.length ? joinParts(text, linked.parts).whole : text;
      parsed.push(cache ? cache.module(file, whole, parse, whole !== text) : parse());
      parses.push(parse);
    }
    layers.push(layer);
  }
  // A package spec beside .claude/layers whose package a module there owns is that package's notes (spec/package-specs.ts).
  for (const i of listing.flat ? [] : ownedPackageSpecs(parsed).reverse()) {
    parsed.splice(i, 1);
    parses.splice(i, 1);
  }

  const layerIds = new Set(layers.map((l) => l.id));
  if (listing.flat) placeFlat(parsed, layers, layerIds, listing.system ? tabledLayers(systemText!) : []);
  // Modules a layer spec lists in a table, without a spec file of their own (spec/layer-modules.ts); keyed by the layer spec's text.
  const tabled = tabledModules(layerSpecs, parsed, layerIds);
  for (const m of tabled.modules) {
    parsed.push(m);
    parses.push(() => m);
  }
  warnings.push(...tabled.warnings);
  // The system spec may declare modules with their layers (spec/declared-modules.ts): all of them when no module spec
  // is anywhere, else those no spec is named for (spec/system-declared.ts), each a `check` note.
  const declared = parsed.length === 0 && listing.system !== undefined;
  const fromSystem: Warning[] = [];
  if (listing.system) {
    const rows = declaredRows(systemText!, tableRows(systemText!));
    warnings.push(...listedInTwoLayers(rows, listing.system, (row) => layerOfField(row.layer) ?? "modules"));
    const taken = [...parsed.flatMap((m) => [m.id, ...(typeof m.frontMatter.name === "string" ? [m.frontMatter.name] : [])]), ...(declared || rows.length === 0 ? [] : subagentNames(root)), ...listing.layerNames];
    for (const row of declared ? rows : rowsWithoutSpec(rows, taken, parsed.flatMap((m) => m.files))) {
      const layer = layerOfField(row.layer) ?? "modules";
      if (!layerIds.has(layer)) {
        layerIds.add(layer);
        layers.push({ id: layer, modules: [], allowedImports: [], forbiddenImports: [] });
      }
      const m = tabledModule(row, layer, listing.system, systemText!, "System spec");
      parsed.push(m);
      parses.push(() => m);
      if (!declared) fromSystem.push(declaredNote(row, layer, listing.system));
    }
  }
  // Modules of layer tables are known once the layer specs are read, before any is resolved (most of loading): told again.
  if (tabled.modules.length > 0) options.listed?.(listed + tabled.modules.length);
  // A module's front matter may name its layer by its name (`layer: services` for `2_services`, `layer: Services`).
  parsed.forEach((m, i) => {
    const named = layerIds.has(m.layer) ? undefined : folderLayer(layerIds, m.layer);
    if (named) parsed[i] = { ...m, layer: named };
  });
  for (const m of parsed) {
    if (!layerIds.has(m.layer)) throw new SpecError("SPEC_PARSE", `Front matter puts module \`${m.id}\` in layer \`${m.layer}\`, which has no folder under .claude/layers`, { file: m.specFile });
    layers.find((l) => l.id === m.layer)!.modules.push(m.id);
  }

  // A folder of packages beside .claude/layers none of whose specs is a module's is no layer.
  if (!listing.flat) layers.splice(0, layers.length, ...layers.filter((l) => l.modules.length > 0 || listing.layerNames.includes(l.id)));
  if (listing.flat) {
    // A layer named by modules alone: its folder keeps none, and the system spec orders the layers now known.
    layers.splice(0, layers.length, ...layers.filter((l) => l.modules.length > 0 || l.specFile));
    if (listing.system) system.layerOrder = readSystem(listing.system, systemText!, listing.crossCutting, layers.map((l) => l.id)).layerOrder;
  }
  const folders = ownedFolders(parsed);
  const projectFiles = listFolders(root, folders);
  const treeKey = cache?.treeKey(listing.shape, folders, projectFiles);
  const cached = treeKey === undefined ? undefined : cache!.resolution(treeKey);
  let resolution: Resolution;
  let readSources = false;
  if (cached && cached.dependencies.length === parsed.length) {
    resolution = cached;
  } else {
    // A parse from the cache comes without what resolving reads: read now (spec/cache.ts, refs.json).
    const whole = parsed.map((m, i): ParsedModule => ("references" in m ? (m as ParsedModule) : extend(m, cache!.references(m.specFile, parses[i]!))));
    const resolved = resolveTree(whole, root, projectFiles);
    resolution = resolved.resolved;
    readSources = resolved.readSources;
    if (treeKey !== undefined && !readSources) cache!.keepResolution(treeKey, resolution);
  }
  warnings.push(...resolution.warnings);
  // Dependencies the system or a layer spec draws as a Mermaid graph (spec/diagram-dependencies.ts), read on every load.
  const drawn = withDiagramDependencies([...(listing.system ? [{ file: listing.system, text: source(listing.system) }] : []), ...layerSpecs.map((l) => ({ file: l.specFile, text: l.source }))], parsed.map((m, i) => toModule(m, resolution.dependencies[i]!)), layerIds, statesLayerOrder(system.body));
  // Arrows between layers (`interface --> core`) order them, before the order their names are written in.
  if (drawn.layerOrder) system.layerOrder = [...drawn.layerOrder, ...system.layerOrder.filter((id) => !drawn.layerOrder!.includes(id))];
  if (drawn.drawnLayers) system.drawnLayers = drawn.drawnLayers;
  // Rules between layers written in prose or tables ("core must not import api"): the layers' import lists, and notes of what was read.
  const ruled = addLayerRules(layers, [...(listing.system ? [{ file: listing.system, text: systemText! }] : []), ...layerSpecs.map((l) => ({ file: l.specFile, text: l.source, layer: l.id }))]);
  warnings.push(...ruled.warnings);
  // Arrows in prose (`api → app → domain`) order the layers as a graph's do, unless an order is stated or drawn.
  const ruledOrder = ruled.arrows.length && !drawn.layerOrder && !statesLayerOrder(system.body) ? arrowOrder(system.layerOrder, ruled.arrows) : undefined;
  if (ruledOrder) system.layerOrder = ruledOrder;
  const modules: ModuleSpec[] = drawn.modules;
  for (const m of modules) {
    // Hugo's TOML front matter (`+++`) reads as text: its keys would be lost without a word.
    if (m.body.startsWith("+++\n")) warnings.push({ code: "FRONT_MATTER_NOT_READ", message: `${m.id}: front matter between \`+++\` lines (TOML) is not read: write it as YAML between \`---\` lines (\`owns: [src/hull/]\`)`, file: m.specFile, line: 1 });
    if (m.body.trim() === "" && Object.keys(m.frontMatter).length === 0) warnings.push({ code: "EMPTY_SPEC", message: `${m.id}: the spec file is empty: expected its files (**Module**, **Related Files**), what it does and what it depends on`, file: m.specFile });
    else if (m.files.length === 0) {
      // A module a layer or system spec declares shares its text with others: their paths are not its own.
      const own = m.specFile !== listing.system && !layerSpecs.some((l) => l.specFile === m.specFile);
      // A row of a layer spec's table of modules (init --from-code writes one per layer) left behind when its
      // module's spec was renamed: "add a **Module** path" named nothing a row can hold, nor the row (real18).
      const row = own ? undefined : rowDeclaring(layerSpecs.find((l) => l.specFile === m.specFile)?.source, m.id);
      if (row !== undefined) {
        warnings.push({ code: "NO_FILES", message: `${m.id} names no files: it is declared only by its row in this layer spec's table of modules, which names no files for it, and it has no spec file of its own; give the row its files (a Files column) or the module a spec, or delete the row if the module was renamed or removed`, file: m.specFile, line: row });
        continue;
      }
      const named = own ? prosePath(source(m.specFile)) : undefined;
      const hint = named ? `; its text names \`${named.path}\` (line ${named.line}): to own it, list it under a "Files" heading or in a **Files** field` : "";
      warnings.push({ code: "NO_FILES", message: `${m.id} names no files: add a **Module** path or **Related Files**${hint}`, file: m.specFile, ...(named ? { line: named.line } : {}) });
    }
  }
  // Modules the system spec declares are its modules: the items of its list that are not are their layers and notes.
  if (listing.system && !(declared && modules.length > 0)) {
    // Claude Code's subagents (`.claude/agents/code-reviewer.md`) are agents a system spec may list too, not modules without specs.
    const names = [...modules.flatMap((m) => (typeof m.frontMatter.name === "string" ? [m.frontMatter.name] : [])), ...subagentNames(root)];
    warnings.push(...modulesWithoutSpec(listing.system, source(listing.system), { ids: modules.map((m) => m.id), names, layers: [...listing.layerNames, ...layers.map((l) => l.id)] }));
  }
  if (modules.length === 0) warnings.push({ code: "NO_MODULES", message: "No module specs (`<NAME>_AGENT.md`) under .claude/layers/<layer>/", file: ".claude/layers" });
  system.layerOrder = system.layerOrder.filter((id) => layerIds.has(id));
  const notes = [...(listing.flat ? drawn.notes : [...drawn.notes, ...besidePackageNotes(modules)]), ...fromSystem, ...ruled.notes, ...agentsFolderNotes(root, modules)];
  const tree: SpecTree = { root, system, layers, modules, warnings, projectFiles, ...(notes.length ? { notes } : {}) };
  // A tree resolved from source files can change with no spec changing: it has no key to keep values under.
  if (cache) unsaved.set(tree, { cache, ...(treeKey !== undefined && !readSources ? { treeKey } : {}) });
  return tree;
}

/**
 * Keeps `value` as `name` for `tree` (a `loadSpec(dir, { cache: true })`), written by
 * `saveSpecCache`; `recallDerived` finds it while the tree stays the same. Nothing is kept
 * for a tree whose resolution read source files, which change with no spec changing.
 */
export function keepDerived(tree: SpecTree, name: string, value: unknown): void {
  const kept = unsaved.get(tree);
  // A tree recalled whole (spec/tree-recall.ts) has no cache open: it was found with the value its caller wanted.
  if (kept?.treeKey !== undefined) kept.cache?.keep(kept.treeKey, name, value);
}

/**
 * The value kept as `name` (`keepDerived`) for a tree with the key of `tree` (a
 * `loadSpec(dir, { cache: true })`): what a `plan` or an earlier run kept for the same specs
 * and owned files. Undefined when there is none, and for a tree that has no key.
 */
export function keptDerived(tree: SpecTree, name: string): unknown {
  const kept = unsaved.get(tree);
  if (kept?.treeKey === undefined) return undefined;
  const derived = readDerived(join(cacheDir(tree.root), DERIVED), parserStamp());
  return derived?.treeKey === kept.treeKey ? derived.values.find(([n]) => n === name)?.[1] : undefined;
}

/** Every module's dependencies and the warnings of resolving them; `readSources` when owned source files were read for it. */
function resolveTree(parsed: ParsedModule[], root: string, projectFiles: string[]): { resolved: Resolution; readSources: boolean } {
  const warnings: Warning[] = [];
  const resolver = createResolver(parsed, { root, projectFiles });
  let readSources = false;
  const defines = resolver.defines;
  resolver.defines = (name) => {
    readSources = true;
    return defines(name);
  };
  for (const [file, first, second] of resolver.ownership.conflicts) {
    const [one, other] = [first, second].map((id) => parsed.find((m) => m.id === id)!);
    const at = (m: ParsedModule) => {
      const line = m.fileLines?.[file];
      return line ? placeOf(m, line) : { file: m.specFile };
    };
    const where = (m: ParsedModule) => Object.values(at(m)).join(":");
    warnings.push({ code: "FILE_OWNED_TWICE", message: `\`${file}\` is owned by both ${first} (${where(one!)}) and ${second}: a file has one owner, so name it in one spec only`, ...at(other!) });
  }
  for (const m of parsed) warnings.push(...m.notes);
  warnings.push(...idsAlike(parsed));
  const dependencies = parsed.map((m) => resolveDependencies(m, resolver, warnings));
  return { resolved: { dependencies, warnings }, readSources };
}

/**
 * `MODULE_IDS_ALIKE`: two modules whose ids differ only in separators (`user-auth`, `user_auth`). A
 * name written otherwise (`user auth`, `UserAuth`) names neither, so the second is said.
 */
function idsAlike(parsed: readonly ParsedModule[]): Warning[] {
  const first = new Map<string, ParsedModule>();
  const warnings: Warning[] = [];
  for (const m of parsed) {
    const key = m.id.replace(/[_-]+/g, "");
    const other = first.get(key);
    if (!other) first.set(key, m);
    else if (other.id !== m.id)
      warnings.push({
        code: "MODULE_IDS_ALIKE",
        message: `${m.id}: its id differs from \`${other.id}\`'s (${other.specFile}) only in separators, so a name written otherwise (\`${m.id.replace(/[_-]+/g, " ")}\`) names neither: write their ids exactly, or rename one`,
        file: m.specFile,
      });
  }
  return warnings;
}

const unsaved = new WeakMap<SpecTree, { cache?: SpecCache; treeKey?: string }>();

/** The key `tree` (a `loadSpec(dir, { cache: true })`) is kept under, when it has one: its values are kept only then. */
export function treeKeyOfLoaded(tree: SpecTree): string | undefined {
  return unsaved.get(tree)?.treeKey;
}

/** A tree recalled whole under `treeKey` (spec/tree-recall.ts): `keptDerived` finds its values as for a tree loaded. */
export function recalled(tree: SpecTree, treeKey: string): void {
  unsaved.set(tree, { treeKey });
}

/**
 * Writes the parse cache a `loadSpec(dir, { cache: true })` of `tree` read, when anything
 * changed. Call it before changing the tree (a tree is not changed once loaded): a cache
 * hit's entry is shared with its module until then.
 */
export function saveSpecCache(tree: SpecTree): void {
  unsaved.get(tree)?.cache?.save();
  unsaved.delete(tree);
}

/**
 * Drops what reading and planning specs remember by text (digests, plain headings): the keys are
 * the texts or slices of them, so they held every spec text of a tree (34 MB at 10,000 modules)
 * for as long as the process lived. For a caller done reading specs that lets its texts go, as a
 * run does (run/spec-text-lifetime.ts); a spec read later is digested and parsed as if new.
 */
export function forgetTextMemos(): void {
  forgetDigests();
  forgetPlainTexts();
}

function toModule(m: Unresolved & Partial<ParsedModule>, dependencies: ModuleSpec["dependencies"]): ModuleSpec {
  const { references: _references, dependencySections: _sections, notes: _notes, ...rest } = m;
  return extend(rest, { dependencies });
}

/**
 * In a tree without layer folders (spec/listing.ts `flat`), a module's layer is the one its front
 * matter's `layer:` or its `**Layer:**` field names, else the one a table of the system spec puts
 * it in (`tabled`), made when no folder has that name; else its folder's. `Core (business
 * rules)`, `API Layer` -> `core`, `api`.
 */
function placeFlat(parsed: Unresolved[], layers: LayerSpec[], layerIds: Set<string>, tabled: TabledLayer[]): void {
  const byName = new Map<string, string>();
  for (const t of tabled) if (!byName.has(nameKey(t.name))) byName.set(nameKey(t.name), t.layer);
  parsed.forEach((m, i) => {
    const own = typeof m.frontMatter?.layer === "string" ? m.frontMatter.layer : (m.fields.Layer ?? m.fields.layer);
    const name = typeof m.frontMatter?.name === "string" ? m.frontMatter.name : undefined;
    const named = layerOfField(own ?? byName.get(nameKey(m.id)) ?? (name === undefined ? undefined : byName.get(nameKey(name))));
    if (named === undefined) return;
    if (named !== m.layer) parsed[i] = { ...m, layer: named };
    if (!layerIds.has(named)) {
      layerIds.add(named);
      layers.push({ id: named, modules: [], allowedImports: [], forbiddenImports: [] });
    }
  });
}

/** A module as a table names it, by id, front matter name or agent name: `money-agent`, `MONEY_AGENT.md`, `Money` -> `money`. */
function nameKey(name: string): string {
  return squashName(name.split("/").pop()!.replace(/(?:[._-]?agent)?(?:\.md)?$/i, ""));
}

/** The line of the row declaring module `id` in a layer spec's table of modules, if one does. */
function rowDeclaring(layerSource: string | undefined, id: string): number | undefined {
  return layerSource === undefined ? undefined : tableRows(layerSource).find((r) => r.id === id)?.line;
}

/** The layer `written` names by its name (`domain` for `01-domain`, `Layer 1: Domain`), when it names no layer's id. */
function folderLayer(layerIds: ReadonlySet<string>, written: string): string | undefined {
  const id = layerOfField(written);
  return id === undefined ? undefined : layerIds.has(id) ? id : layerByName([...layerIds], id);
}
