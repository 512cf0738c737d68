import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CrossCuttingSpec } from "./types.js";
import { SpecError } from "../errors.js";
import { isDir, SPEC_ID, SYSTEM_SPEC } from "./root.js";
import { isModuleSubagent, namedForModule } from "./subagent-modules.js";
import { packageSpecLayers, packagesBeside } from "./package-specs.js";
import { linkedModuleId, linkedModuleLayers } from "./linked-modules.js";
import { linkedSpecFiles } from "./links.js";
import { declaresModules } from "./declared-modules.js";
import { checkLinkedFolders } from "./linked-folders.js";

export { readSpec } from "./read-spec.js";

// `ORDER_BOOK_AGENT.md`, and `order-book.agent.md` as some teams name them.
const AGENT_FILE = /(?:_AGENT|\.agent)\.md$/i;
// What a module spec's file name ends with, a subagent's that is one (`ledger-agent.md`, spec/subagent-modules.ts) too.
const SPEC_SUFFIX = /(?:[_-]AGENT|\.agent)\.md$/i;
// A module's spec in a folder of its own under modules/: `modules/order_book/AGENT.md`.
// `SKILL.md`, as Claude Code names a skill's file, when the folder has no `AGENT.md`.
const FOLDER_AGENT = /^(?:AGENT|SKILL)\.md$/i;
/** A module's folder of its own in a layer (`.claude/layers/core/billing/`) described as people describe a folder. */
const FOLDER_README = /^(?:README|CLAUDE)\.md$/i;
const ORCHESTRATOR_FILE = /_ORCHESTRATOR\.md$/i;
/**
 * A layer described in its folder's README, as people describe a folder (or its `index.md`, as a docs site
 * names a folder's page): its spec when it has no `_ORCHESTRATOR.md`, a README before an index.
 */
const LAYER_README = /^README\.md$/i;
const LAYER_INDEX = /^_?index\.md$/i;
/** A layer's folder of module specs: `modules/`, or `agents/` as Claude Code users name it. */
const MODULE_FOLDERS = ["modules", "agents"];

/** The spec files `loadSpec` reads, in the order it reads them, and the rest of the tree's form (`shape`). */
export interface Listing {
  system?: string;
  crossCutting: CrossCuttingSpec[];
  /** Every name under .claude/layers: the system spec's layer order is matched against them. */
  layerNames: string[];
  layers: { id: string; orchestrator?: string; modules: { file: string; id: string }[] }[];
  /** All of the above as text, for the tree's key. */
  shape: string;
  /** The folders under .claude/layers read for it (each layer's, its modules/ and the folders in that), and the subagent files whose text it read (`subagentSpec`). */
  dirs: string[];
  /** The layers are folders of .claude/ holding module specs: the tree has no .claude/layers (see `flatFolders`). */
  flat?: true;
}

/** Lists a tree's spec files; throws `SpecError` for an invalid or duplicate id and an unreadable folder. */
export function listTree(root: string): Listing {
  const claude = join(root, ".claude");
  const names = listDir(join(claude, "system"), ".claude/system");
  const main = names.find((n) => SYSTEM_SPEC.test(n));
  const crossCutting = names
    .filter((n) => ORCHESTRATOR_FILE.test(n) && n !== main)
    .map((n) => ({ name: n.replace(/\.md$/i, ""), specFile: `.claude/system/${n}` }));
  const layersDir = join(claude, "layers");
  const layerNames = listDir(layersDir, ".claude/layers");
  const layers: Listing["layers"] = [];
  const dirs: string[] = [];
  const seen = new Map<string, string>();
  let flat = false;
  const layerFolders = layerNames.filter((name) => isDir(join(layersDir, name))).map((id) => ({ id, rel: `.claude/layers/${id}` }));
  const readLayer = ({ id: layerId, rel }: { id: string; rel: string }) => {
    if (!SPEC_ID.test(layerId)) throw new SpecError("SPEC_INVALID_ID", `Layer folder \`${layerId}\` is not a valid id: expected lower-case letters, digits, \`_\` or \`-\`${renameHint(layerId)}`, { file: rel });
    const dir = join(root, rel);
    const entries = listDir(dir, rel);
    const orchestratorFile = entries.find((name) => ORCHESTRATOR_FILE.test(name)) ?? entries.find((name) => LAYER_README.test(name)) ?? entries.find((name) => LAYER_INDEX.test(name));
    dirs.push(rel);
    const moduleFiles = entries.filter((name) => AGENT_FILE.test(name) || subagentSpec(dir, rel, name, dirs)).map((name) => `${rel}/${name}`);
    for (const folder of MODULE_FOLDERS) if (entries.includes(folder) && isDir(join(dir, folder))) moduleFiles.push(...moduleSpecsUnder(root, `${rel}/${folder}`, dirs));
    moduleFiles.push(...subLayerSpecs(root, rel, entries, dirs));
    // A layer spec whose "Modules" list links specs kept elsewhere (`[billing](../../agents/billing.md)`): those are its modules.
    if (moduleFiles.length === 0 && orchestratorFile && rel.startsWith(".claude/layers/")) moduleFiles.push(...linkedFromLayer(root, `${rel}/${orchestratorFile}`, dirs));
    const modules = moduleFiles.map((file) => {
      if (!file.startsWith(`${rel}/`)) {
        const id = linkedModuleId(file);
        checkId(id, file, seen, false);
        return { file, id };
      }
      const inFolder = FOLDER_AGENT.test(basename(file)) || FOLDER_README.test(basename(file));
      // A YAML spec (`billing.yaml`, `ledger-agent.yml`, spec/yaml-specs.ts) is named as a Markdown one is.
      const id = (inFolder ? basename(dirname(file)) : basename(file).replace(/\.(?:ya?ml|json)$/i, ".md").replace(SPEC_SUFFIX, "").replace(/\.md$/i, "")).toLowerCase();
      checkId(id, file, seen, inFolder);
      return { file, id };
    });
    layers.push({ id: layerId, ...(orchestratorFile ? { orchestrator: `${rel}/${orchestratorFile}` } : {}), modules });
  };
  layerFolders.forEach(readLayer);
  // No module under .claude/layers: a tree written without layers keeps its module specs in a folder of .claude/
  // (`.claude/agents/LEDGER_AGENT.md`), each such folder one layer named for it, as a layer folder is.
  if (layers.every((l) => l.modules.length === 0)) {
    // Kept for the listing's snapshot either way: a folder made in .claude/ later may hold module specs.
    dirs.push(".claude");
    // Layer folders kept for their specs stay: a module's front matter may put it in one (`layer: core`).
    const folders = flatFolders(root, claude, dirs).filter((f) => !layers.some((l) => l.id === f.id));
    if (folders.length > 0) {
      folders.forEach(readLayer);
      flat = true;
    } else {
      // Nor in .claude/: a monorepo's specs in its packages (`packages/billing/.claude/AGENT.md`, spec/package-specs.ts).
      const packaged = packageSpecLayers(root, dirs);
      for (const layer of packaged) for (const { file, id } of layer.modules) checkId(id, file, seen);
      layers.push(...packaged);
      if (packaged.length > 0) flat = true;
      else {
        // Nor there: module specs kept as docs, linked from the system spec's list of modules (spec/linked-modules.ts).
        const described = systemSpecOf(root, main, dirs);
        const linked = described === undefined ? [] : linkedModuleLayers(root, described, dirs);
        for (const layer of linked) for (const { file, id } of layer.modules) checkId(id, file, seen);
        layers.push(...linked.filter((l) => !layers.some((known) => known.id === l.id)));
        // Nor linked: the system spec may declare them, with their layers, in a nested list or a table (spec/declared-modules.ts).
        if (linked.length > 0 || (described !== undefined && declaresModules(root, described, dirs))) flat = true;
      }
    }
  } else {
    // A monorepo with both: a package's own spec (`packages/mailer/CLAUDE.md`) beside the layers' modules.
    for (const layer of packagesBeside(root, dirs, seen, SPEC_ID)) {
      for (const { file, id } of layer.modules) checkId(id, file, seen);
      const same = layers.find((l) => l.id === layer.id);
      if (same) same.modules.push(...layer.modules);
      else layers.push(layer);
    }
  }
  const system = flat ? systemSpecOf(root, main, dirs) : systemSpecOf(root, main, dirs, false);
  const shape = [system ?? "", crossCutting.map((c) => c.specFile).join(","), layerNames.join(","), ...layers.map((l) => `${l.id}:${l.orchestrator ?? ""}:${l.modules.map((m) => m.file).join(",")}`)].join("\n");
  const listing: Listing = { ...(system ? { system } : {}), crossCutting, layerNames, layers, shape, dirs, ...(flat ? { flat: true as const } : {}) };
  checkLinkedFolders(root, filesOf(listing));
  return listing;
}

/**
 * The system spec: `.claude/system/`'s, else one in .claude/ itself (a tree without .claude/system,
 * often one without .claude/layers too), else for a tree of specs outside layer folders (`flat`) the
 * project's instructions (`instructionsAsSystem`).
 */
function systemSpecOf(root: string, main: string | undefined, dirs: string[], flat = true): string | undefined {
  if (main) return `.claude/system/${main}`;
  if (!dirs.includes(".claude")) dirs.push(".claude");
  const top = listDir(join(root, ".claude"), ".claude").find((n) => SYSTEM_SPEC.test(n));
  return top ? `.claude/${top}` : flat ? instructionsAsSystem(root, dirs) : undefined;
}

/**
 * A tree of module specs beside Claude Code's subagents, with no system spec of its own, is
 * described where Claude Code users describe a project: `.claude/CLAUDE.md`, else the root's
 * `CLAUDE.md`, else its `AGENTS.md` (its layers, their order, its modules). The root is then one of the folders whose
 * changes list the tree again, as a CLAUDE.md made there later is read.
 */
function instructionsAsSystem(root: string, dirs: string[]): string | undefined {
  if (listDir(join(root, ".claude"), ".claude").includes(CLAUDE_MD) && !isDir(join(root, ".claude", CLAUDE_MD))) return `.claude/${CLAUDE_MD}`;
  if (!dirs.includes("")) dirs.push("");
  const atRoot = listDir(root, ".");
  // AGENTS.md: what Codex and Cursor read, as Claude Code reads CLAUDE.md.
  return [CLAUDE_MD, AGENTS_MD].find((name) => atRoot.includes(name) && !isDir(join(root, name)));
}

const CLAUDE_MD = "CLAUDE.md";
const AGENTS_MD = "AGENTS.md";

/**
 * Folders of .claude/ besides system/ and layers/ that hold module specs as a layer's folder does
 * (`<NAME>_AGENT.md` in it or under its modules/), by name. Claude Code's own folders (agents/
 * of subagents, commands/) hold none, and are passed over.
 */
function flatFolders(root: string, claude: string, dirs: string[]): { id: string; rel: string }[] {
  const found: { id: string; rel: string }[] = [];
  for (const name of listDir(claude, ".claude")) {
    if (name === "system" || name === "layers" || name.startsWith(".") || /\.\w+$/.test(name) || !isDir(join(claude, name))) continue;
    const rel = `.claude/${name}`;
    const entries = listDir(join(claude, name), rel);
    const held = entries.some((e) => AGENT_FILE.test(e) || subagentSpec(join(claude, name), rel, e, dirs)) || MODULE_FOLDERS.some((f) => entries.includes(f) && isDir(join(claude, name, f)) && moduleSpecsUnder(root, `${rel}/${f}`, []).length > 0);
    if (held || holdsModuleFolder(join(claude, name), rel, entries)) found.push({ id: name, rel });
  }
  return found;
}

/**
 * Whether a folder of .claude/ holds a module's folder of its own (`.claude/agents/billing/AGENT.md`),
 * as a layer's folder may. Only an `AGENT.md` counts: `.claude/skills/pdf/SKILL.md` is Claude Code's skill, no module.
 */
function holdsModuleFolder(dir: string, rel: string, entries: string[]): boolean {
  return entries.some((e) => !e.startsWith(".") && !/\.\w+$/.test(e) && MODULE_FOLDERS.every((f) => f !== e) && isDir(join(dir, e)) && listDir(join(dir, e), `${rel}/${e}`).some((n) => /^AGENT\.md$/i.test(n)));
}

/**
 * Whether `name` in `rel` is a subagent that is a module spec (`isModuleSubagent`). Its text
 * decides, not its name: the file is kept with the folders whose stats tell the listing changed
 * (spec/listing-snapshot.ts), as writing `files:` into it makes it a module spec.
 */
function subagentSpec(dir: string, rel: string, name: string, dirs: string[]): boolean {
  if (!namedForModule(name, rel)) return false;
  dirs.push(`${rel}/${name}`);
  return isModuleSubagent(dir, name, rel);
}

/** Throws `SpecError` for a module id that is not valid, or that `seen` (id -> spec file) already holds; else records it. */
function checkId(id: string, file: string, seen: Map<string, string>, inFolder = true): void {
  if (!SPEC_ID.test(id)) throw new SpecError("SPEC_INVALID_ID", `Module id \`${id}\` (from the ${inFolder ? "folder" : "file"} name) is not valid: expected lower-case letters, digits, \`_\` or \`-\`${inFolder ? renameHint(id) : fileRenameHint(id, file)}`, { file });
  const other = seen.get(id);
  if (other) throw new SpecError("SPEC_DUPLICATE_ID", `Module id \`${id}\` is declared twice: here and in ${other}${twiceHint(id, file, other)}`, { file });
  seen.set(id, file);
}

/** Ids are one namespace for every layer (state, branches, `--scope`): the rename that keeps both, `web_users` for `users` in layer web. */
function twiceHint(id: string, file: string, other: string): string {
  const layer = /^\.claude\/layers\/([^/]+)\//.exec(file)?.[1];
  if (layer === undefined || other.startsWith(`.claude/layers/${layer}/`)) return "";
  return `; a module id names one module in every layer: rename this one, e.g. to \`${layer}_${id}\``;
}

/** `; rename it to \`back_end\`` for `Back End`: the name an id could be, when there is one. */
function renameHint(name: string, suffix = ""): string {
  const id = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  if (!id) return "";
  return `; rename it to \`${suffix ? id.toUpperCase() + suffix : id}\``;
}

/** The hint for a spec file's name, in the file's own form: `api_v2.agent.md` for `api.v2.agent.md`, `ORDER_BOOK_AGENT.md` for `Order Book_AGENT.md`. */
function fileRenameHint(id: string, file: string): string {
  if (!/\.agent\.md$/i.test(file)) return renameHint(id, "_AGENT.md");
  const hint = renameHint(id);
  return hint && hint.replace(/`$/, ".agent.md`");
}

/** Deep enough for folders of features in folders of areas; deeper is not read. */
const MAX_MODULE_DEPTH = 4;

/**
 * The module specs in `rel` (a layer's modules/ folder) and in the folders under it, which
 * people use to group modules by feature (`modules/auth/LOGIN_AGENT.md`); hidden folders
 * are skipped. Each folder read is added to `dirs`. `grouped`: `rel` is such a folder, and
 * an `AGENT.md` in it is the spec of the module it is named for (`modules/ledger/AGENT.md`).
 */
function moduleSpecsUnder(root: string, rel: string, dirs: string[], depth = 0, grouped = false): string[] {
  dirs.push(rel);
  const files: string[] = [];
  const names = listDir(join(root, rel), rel);
  for (const name of names) {
    if (grouped && /^SKILL\.md$/i.test(name) && names.some((n) => /^AGENT\.md$/i.test(n))) continue;
    // An `AGENT.md` is the spec of the module its folder is named for: in a folder under modules/, not in modules/ or a sub-layer.
    // A subagent there (`agents/ledger-agent.md`) is one by its text, as in a flat `.claude/agents/`.
    if (AGENT_FILE.test(name) || (grouped && FOLDER_AGENT.test(name)) || subagentSpec(join(root, rel), rel, name, dirs)) files.push(`${rel}/${name}`);
    // Only a name that can be a folder is looked at: most entries are specs, and are not stat-ed.
    else if (depth < MAX_MODULE_DEPTH && !name.startsWith(".") && !/\.md$/i.test(name) && isDir(join(root, rel, name))) {
      files.push(...moduleSpecsUnder(root, `${rel}/${name}`, dirs, depth + 1, !MODULE_FOLDERS.includes(name)));
    }
  }
  return files;
}

/**
 * The module specs of a layer's sub-layers (`.claude/layers/backend/api/modules/X_AGENT.md`):
 * a folder beside modules/ that holds a modules/ folder or an `_ORCHESTRATOR.md` groups
 * modules of the layer, as a folder under modules/ does; one that holds an `AGENT.md` is that
 * module's own folder, and so does one holding a README.md or CLAUDE.md and no `_AGENT.md`
 * when no folder of the layer holds an `AGENT.md`. Other folders are not read.
 */
function subLayerSpecs(root: string, rel: string, entries: string[], dirs: string[]): string[] {
  const files: string[] = [];
  const readmes: string[] = [];
  for (const name of entries) {
    if (MODULE_FOLDERS.includes(name) || name.startsWith(".") || /\.md$/i.test(name) || !isDir(join(root, rel, name))) continue;
    const sub = `${rel}/${name}`;
    // Read even when it is no sub-layer: a modules/ folder made in it later changes its listing.
    const inside = listDir(join(root, sub), sub);
    if (inside.some((n) => MODULE_FOLDERS.includes(n) || ORCHESTRATOR_FILE.test(n))) files.push(...moduleSpecsUnder(root, sub, dirs, 1));
    else {
      dirs.push(sub);
      // A module's folder of its own placed in the layer (`.claude/layers/cli/repl/AGENT.md`), as a `<NAME>_AGENT.md` may be.
      const own = inside.find((n) => FOLDER_AGENT.test(n));
      const readme = inside.some((n) => AGENT_FILE.test(n)) ? undefined : inside.find((n) => FOLDER_README.test(n));
      if (own) files.push(`${sub}/${own}`);
      else if (readme) readmes.push(`${sub}/${readme}`);
    }
  }
  // A layer whose modules have no AGENT.md describes them in their folders' READMEs; beside AGENT.md folders a README is notes.
  return files.some((f) => FOLDER_AGENT.test(basename(f))) ? files : [...files, ...readmes].sort();
}

/** Files in listing order, as `loadSpec` reads them. */
export function filesOf(listing: Listing): string[] {
  return [...(listing.system ? [listing.system] : []), ...listing.layers.flatMap((l) => [...(l.orchestrator ? [l.orchestrator] : []), ...l.modules.map((m) => m.file)])];
}

/** Sorted names in `dir`; a missing folder is empty, an unreadable one an error. */
function listDir(dir: string, rel: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    const why = code === "EACCES" || code === "EPERM" ? `permission denied (${code}); expected a folder this user may read (check its owner and mode)` : (code ?? String(error));
    throw new SpecError("SPEC_MISSING", `Cannot read folder: ${why}`, { file: rel }, { cause: error });
  }
}

/**
 * The module specs a layer's spec links under its "Modules" heading, when its folder holds none: files
 * outside .claude/layers (`.claude/agents/billing.md`, `docs/modules/ledger.md`), each a module of the
 * layer, id its name as a linked doc's is. The layer spec's text is kept with the listing's folders.
 */
function linkedFromLayer(root: string, layerSpec: string, dirs: string[]): string[] {
  const files = linkedSpecFiles(root, layerSpec);
  if (files === undefined) return [];
  dirs.push(layerSpec);
  return files.filter((f) => !f.startsWith(".claude/layers/") && !f.startsWith(".claude/system/"));
}
