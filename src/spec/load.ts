import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { LayerSpec, ModuleSpec, SpecTree, SystemSpec, Warning } from "./types.js";
import type { ParsedModule } from "./module.js";
import { parseModule } from "./module.js";
import { createResolver, resolveDependencies } from "./resolve.js";
import { readLayer, readSystem } from "./orchestrators.js";
import { SpecError } from "../errors.js";
import { findProjectRoot, isDir } from "./root.js";
import { listOwnedFolders } from "./folders.js";
import { readCapped } from "../read-capped.js";
import { SPEC_MAX_BYTES } from "./limits.js";
import { withoutBom } from "./frontmatter.js";
import { openSpecCache, type Resolution, type SpecCache } from "./cache.js";

export { findProjectRoot } from "./root.js";

const ID = /^[a-z0-9_-]+$/;
const AGENT_FILE = /_AGENT\.md$/i;
const ORCHESTRATOR_FILE = /_ORCHESTRATOR\.md$/i;

/**
 * Reads a project's `.claude/` tree: the system spec, layers and module specs,
 * with every module's dependencies resolved. Throws `SpecError` on input that
 * cannot be read without guessing.
 * With `cache`, unchanged module specs come from `.orchestrate/cache/` (see spec/cache.ts)
 * instead of being parsed again; the tree is the same either way. The cache is written by
 * `saveSpecCache(tree)`, once the caller has accepted the tree: a command that rejects the
 * project (bad front matter, bad config) leaves no `.orchestrate/` behind.
 */
export function loadSpec(projectDir: string, options: { cache?: boolean } = {}): SpecTree {
  const root = findProjectRoot(projectDir);
  const cache = options.cache ? openSpecCache(root) : undefined;
  const claude = join(root, ".claude");
  const warnings: Warning[] = [];
  const system = readSystemFolder(root, warnings);

  const layers: LayerSpec[] = [];
  const parsed: ParsedModule[] = [];
  const seen = new Map<string, string>();
  const layersDir = join(claude, "layers");
  for (const layerId of listDir(layersDir, ".claude/layers").filter((name) => isDir(join(layersDir, name)))) {
    const rel = `.claude/layers/${layerId}`;
    if (!ID.test(layerId)) throw new SpecError("SPEC_INVALID_ID", `Layer folder \`${layerId}\` is not a valid id: expected lower-case letters, digits, \`_\` or \`-\``, { file: rel });
    const dir = join(layersDir, layerId);
    const entries = listDir(dir, rel);
    const orchestratorFile = entries.find((name) => ORCHESTRATOR_FILE.test(name));
    const layer: LayerSpec = orchestratorFile
      ? readLayer(layerId, `${rel}/${orchestratorFile}`, read(root, `${rel}/${orchestratorFile}`))
      : { id: layerId, modules: [], allowedImports: [], forbiddenImports: [] };
    const moduleFiles = entries.filter((name) => AGENT_FILE.test(name)).map((name) => `${rel}/${name}`);
    if (entries.includes("modules") && isDir(join(dir, "modules"))) {
      moduleFiles.push(...listDir(join(dir, "modules"), `${rel}/modules`).filter((n) => AGENT_FILE.test(n)).map((n) => `${rel}/modules/${n}`));
    }
    for (const file of moduleFiles) {
      const id = basename(file).replace(AGENT_FILE, "").toLowerCase();
      if (!ID.test(id)) throw new SpecError("SPEC_INVALID_ID", `Module id \`${id}\` (from the file name) is not valid: expected lower-case letters, digits, \`_\` or \`-\``, { file });
      const other = seen.get(id);
      if (other) throw new SpecError("SPEC_DUPLICATE_ID", `Module id \`${id}\` is declared twice: here and in ${other}`, { file });
      seen.set(id, file);
      const source = read(root, file);
      parsed.push(cache ? cache.module(file, source, id, layerId, () => parseModule(file, source, id, layerId)) : parseModule(file, source, id, layerId));
    }
    layers.push(layer);
  }

  const layerIds = new Set(layers.map((l) => l.id));
  for (const m of parsed) {
    if (!layerIds.has(m.layer)) throw new SpecError("SPEC_PARSE", `Front matter puts module \`${m.id}\` in layer \`${m.layer}\`, which has no folder under .claude/layers`, { file: m.specFile });
    layers.find((l) => l.id === m.layer)!.modules.push(m.id);
  }

  const projectFiles = listOwnedFolders(root, parsed);
  const treeKey = cache?.treeKey(projectFiles.join("\n"));
  const cached = treeKey === undefined ? undefined : cache!.resolution(treeKey);
  let resolution: Resolution;
  if (cached && cached.dependencies.length === parsed.length) {
    resolution = cached;
  } else {
    const { resolved, readSources } = resolveTree(parsed, root, projectFiles);
    resolution = resolved;
    if (treeKey !== undefined && !readSources) cache!.keepResolution(treeKey, resolution);
  }
  warnings.push(...resolution.warnings);
  const modules: ModuleSpec[] = parsed.map((m, i) => toModule(m, resolution.dependencies[i]!));
  for (const m of modules) {
    if (m.files.length === 0) warnings.push({ code: "NO_FILES", message: `${m.id} names no files: add a **Module** path or **Related Files**`, file: m.specFile });
  }
  if (modules.length === 0) warnings.push({ code: "NO_MODULES", message: "No module specs (`<NAME>_AGENT.md`) under .claude/layers/<layer>/", file: ".claude/layers" });
  system.layerOrder = system.layerOrder.filter((id) => layerIds.has(id));
  const tree: SpecTree = { root, system, layers, modules, warnings, projectFiles };
  if (cache) unsaved.set(tree, cache);
  return tree;
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
    warnings.push({ code: "FILE_OWNED_TWICE", message: `\`${file}\` is owned by both ${first} and ${second}`, file: parsed.find((m) => m.id === second)!.specFile });
  }
  for (const m of parsed) warnings.push(...m.notes);
  const dependencies = parsed.map((m) => resolveDependencies(m, resolver, warnings));
  return { resolved: { dependencies, warnings }, readSources };
}

const unsaved = new WeakMap<SpecTree, SpecCache>();

/**
 * Writes the parse cache a `loadSpec(dir, { cache: true })` of `tree` read, when anything
 * changed. Call it before changing the tree (a tree is not changed once loaded): a cache
 * hit's entry is shared with its module until then.
 */
export function saveSpecCache(tree: SpecTree): void {
  unsaved.get(tree)?.save();
  unsaved.delete(tree);
}

function toModule(m: ParsedModule, dependencies: ModuleSpec["dependencies"]): ModuleSpec {
  const { references: _references, dependencySections: _sections, notes: _notes, ...rest } = m;
  return { ...rest, dependencies };
}

function readSystemFolder(root: string, warnings: Warning[]): SystemSpec {
  const names = listDir(join(root, ".claude", "system"), ".claude/system");
  const main = names.find((n) => /^SYSTEM_ORCHESTRATOR\.md$/i.test(n));
  const crossCutting = names
    .filter((n) => ORCHESTRATOR_FILE.test(n) && n !== main)
    .map((n) => ({ name: n.replace(/\.md$/i, ""), specFile: `.claude/system/${n}` }));
  if (!main) {
    warnings.push({ code: "NO_SYSTEM_SPEC", message: "No .claude/system/SYSTEM_ORCHESTRATOR.md: layer order comes from dependencies and names only", file: ".claude/system" });
    return { layerOrder: [], crossCutting, body: "" };
  }
  const specFile = `.claude/system/${main}`;
  return readSystem(specFile, read(root, specFile), crossCutting, listDir(join(root, ".claude", "layers"), ".claude/layers"));
}

/** A spec file's text with LF line ends and no byte order mark, at most `SPEC_MAX_BYTES`. */
function read(root: string, rel: string): string {
  let read: ReturnType<typeof readCapped>;
  try {
    read = readCapped(join(root, rel), SPEC_MAX_BYTES);
  } catch (error) {
    throw new SpecError("SPEC_MISSING", `Cannot read spec file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: rel }, { cause: error });
  }
  if (!read) throw new SpecError("SPEC_PARSE", `Spec file is larger than ${SPEC_MAX_BYTES / 1024} KB: expected a spec of at most ${SPEC_MAX_BYTES / 1024} KB (split the module, or move long text to a linked file)`, { file: rel });
  const text = withoutBom(read.text);
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** Sorted names in `dir`; a missing folder is empty, an unreadable one an error. */
function listDir(dir: string, rel: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    throw new SpecError("SPEC_MISSING", `Cannot read folder: ${code ?? String(error)}`, { file: rel }, { cause: error });
  }
}
