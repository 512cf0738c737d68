import { readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import type { SpecTree, Warning } from "./types.js";
import { otherFormatSpecs } from "./unread-formats.js";
import { specFilesOf } from "./part-places.js";

/** Enough for any spec tree; a larger one is looked at in part. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 6;
const AGENT_FILE = /(?:_AGENT|\.agent)\.md$/i;
const ORCHESTRATOR_FILE = /_ORCHESTRATOR\.md$/i;

/**
 * `SPEC_NOT_READ` warnings for markdown files under `.claude/layers` that look meant as specs
 * but are not where or how specs are read: a module spec outside a layer folder or its
 * modules/ tree, a file in a modules/ folder not named `<NAME>_AGENT.md`, and a layer's spec
 * not named `<LAYER>_ORCHESTRATOR.md` (a file named like one, in a layer that has none), and a
 * second `_ORCHESTRATOR.md` in a layer (the first is read); a `<NAME>_AGENT.md` elsewhere in
 * `.claude/` (an `agents/` folder, say, unless read as a layer); and, in a tree with no module, the Claude Code
 * subagents of `.claude/agents/`, which people take for module specs. Other
 * notes beside the specs are left alone. `check` calls this; `plan` does not walk the folders.
 */
export function unreadSpecs(spec: SpecTree): Warning[] {
  const read = new Set<string>([...spec.modules.flatMap((m) => specFilesOf(m)), ...spec.layers.flatMap((l) => (l.specFile ? [l.specFile] : []))]);
  const layered = new Set(spec.layers.filter((l) => l.specFile).map((l) => l.id));
  const warnings: Warning[] = [];
  const warn = (file: string, message: string) => warnings.push({ code: "SPEC_NOT_READ", message: `Not read: ${message}`, file });
  let budget = MAX_ENTRIES;

  const walk = (rel: string, depth: number, visit: (file: string, name: string) => void): void => {
    for (const e of entries(join(spec.root, rel))) {
      if (--budget < 0) return;
      if (e.name.startsWith(".")) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1, visit);
      else if (e.isFile() && /\.md$/i.test(e.name) && !read.has(path)) visit(path, e.name);
    }
  };

  for (const top of entries(join(spec.root, ".claude/layers"))) {
    const rel = `.claude/layers/${top.name}`;
    if (top.isFile() && AGENT_FILE.test(top.name)) warn(rel, "a module spec goes in a layer's folder: .claude/layers/<layer>/ or .claude/layers/<layer>/modules/");
    if (!top.isDirectory() || top.name.startsWith(".")) continue;
    const layer = top.name;
    for (const e of entries(join(spec.root, rel))) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory() && !e.name.startsWith(".")) {
        const inModules = e.name === "modules" || e.name === "agents";
        walk(path, 1, (file, name) => {
          if (inModules && !AGENT_FILE.test(name)) warn(file, `a module spec is named <NAME>_AGENT.md (${agentName(name, file)})${/\/modules\/[^/]+$/.test(file) ? ", or says what it owns (front matter `files:`, `paths:` or `globs:`, or a Files section)" : ""}`);
          else if (AGENT_FILE.test(name)) warn(file, `a module spec goes in its layer's folder or under its modules/ folder (${rel}/modules/)`);
          else if (!inModules && ORCHESTRATOR_FILE.test(name) && spec.modules.some((m) => m.specFile.startsWith(`${path}/`))) {
            const own = spec.layers.find((l) => l.id === layer)?.specFile;
            warn(file, `a sub-layer's spec: the modules under ${path}/ are modules of layer ${layer}${own ? `, under the import rules of ${own}` : ""}`);
          }
        });
      } else if (e.isFile() && !read.has(path) && ORCHESTRATOR_FILE.test(e.name) && layered.has(layer)) {
        warn(path, `a layer has one spec, and ${spec.layers.find((l) => l.id === layer)!.specFile} is read`);
      } else if (e.isFile() && !read.has(path) && !layered.has(layer) && looksLikeLayerSpec(e.name, layer)) {
        warn(path, `a layer's spec is named <LAYER>_ORCHESTRATOR.md (${layer.toUpperCase().replace(/-/g, "_")}_ORCHESTRATOR.md)`);
      }
    }
  }
  for (const top of entries(join(spec.root, ".claude"))) {
    if (!top.isDirectory() || top.name.startsWith(".") || top.name === "layers" || top.name === "system") continue;
    const rel = `.claude/${top.name}`;
    const others: string[] = [];
    // A folder read as a layer of a tree without .claude/layers (spec/listing.ts) is told as a layer's folder is.
    const where = spec.modules.some((m) => m.specFile.startsWith(`${rel}/`)) ? `a module spec goes in its layer's folder or under its modules/ folder (${rel}/ or ${rel}/modules/)` : "module specs are read from .claude/layers/<layer>/ (or its modules/ folder)";
    walk(rel, 1, (file, name) => (AGENT_FILE.test(name) ? warn(file, where) : others.push(file)));
    if (top.name === "agents" && others.length > 0 && spec.modules.length === 0) {
      warn(rel, `${others.length === 1 ? "a Claude Code subagent is not a module spec" : `${others.length} Claude Code subagents are not module specs`}: orchestrate reads .claude/layers/<layer>/<NAME>_AGENT.md, and \`orchestrate init --from-code\` writes them from your code`);
    }
  }
  warnings.push(...otherFormatSpecs(spec.root));
  return warnings.sort((a, b) => ((a.file ?? "") < (b.file ?? "") ? -1 : 1));
}

/** `CORE_LAYER.md`, `ORCHESTRATOR.md`, `core.md`: a name that says it is the layer's spec. */
function looksLikeLayerSpec(name: string, layer: string): boolean {
  if (!/\.md$/i.test(name) || AGENT_FILE.test(name) || ORCHESTRATOR_FILE.test(name)) return false;
  const stem = name.replace(/\.md$/i, "").toLowerCase();
  return /orchestrator|layer/.test(stem) || stem === layer.toLowerCase();
}

/** `calendar.md` -> `CALENDAR_AGENT.md`; `Order Book.agent.md` -> `ORDER_BOOK_AGENT.md`; `ledger/AGENTS.md` -> `LEDGER_AGENT.md`. */
function agentName(name: string, file: string): string {
  const own = name.replace(/\.md$/i, "").replace(/[._-]?agents?$/i, "");
  // A file named only `AGENT.md`: its folder names the module.
  return agentFileOf(own || (file.split("/").at(-2) ?? ""));
}

/** The module spec file named for a module: `OrderBook`, `order book` -> `ORDER_BOOK_AGENT.md`. */
export function agentFileOf(stem: string): string {
  return `${stem.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}_AGENT.md`;
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
