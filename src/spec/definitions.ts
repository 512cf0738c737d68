import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { expandOwnedFolders } from "./owned-files.js";
import { codeOf, componentName } from "./components.js";

/** A source file larger than this is generated or vendored: its names are not read. */
const MAX_SOURCE_BYTES = 512 * 1024;
/** Enough for any project a spec tree describes; the rest are not read. */
const MAX_SOURCES = 5_000;

// Top-level definitions only: a method or a nested helper is no module's interface.
const PYTHON = /^(?:class\s+([A-Za-z_]\w*)|(?:async\s+)?def\s+([A-Za-z_]\w*))/gm;
const JS_DEFINITION = String.raw`export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function|interface|type|const|enum)\s+([A-Za-z_$][\w$]*)`;
const JS = new RegExp(`^${JS_DEFINITION}`, "gm");
// A component's scripts are indented as often as not (prettier-plugin-svelte's default).
const COMPONENT = new RegExp(`^[ \t]*${JS_DEFINITION}`, "gm");

/**
 * Top-level class and function names -> the modules whose owned files (those under owned
 * folders included) define them; a Vue or Svelte component defines its name and what its scripts export. Files that do not exist are skipped: a module still to be
 * written defines nothing yet. Reads each file once, at most `MAX_SOURCE_BYTES` of it.
 */
export function definedNames(root: string, modules: readonly { id: string; files: string[] }[], projectFiles: readonly string[] = []): Map<string, string[]> {
  const names = new Map<string, string[]>();
  let read = 0;
  for (const [id, files] of expandOwnedFolders(modules, projectFiles)) {
    for (const file of files) {
      const component = componentName(file);
      const pattern = /\.pyi?$/.test(file) ? PYTHON : /\.(?:[cm]?[jt]sx?)$/.test(file) ? JS : component === undefined ? undefined : COMPONENT;
      if (!pattern || read >= MAX_SOURCES) continue;
      read++;
      const text = readText(join(root, file));
      if (text === undefined) continue;
      const define = (name: string | undefined) => {
        if (!name || name.startsWith("_")) return;
        const owners = names.get(name) ?? [];
        if (!owners.includes(id)) owners.push(id);
        names.set(name, owners);
      };
      define(component);
      for (const m of codeOf(file, text).matchAll(pattern)) define(m[1] ?? m[2]);
    }
  }
  return names;
}

function readText(path: string): string | undefined {
  try {
    return readCapped(path, MAX_SOURCE_BYTES)?.text;
  } catch {
    return undefined;
  }
}
