import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { expandOwnedFolders } from "./owned-files.js";

/** A source file larger than this is generated or vendored: its names are not read. */
const MAX_SOURCE_BYTES = 512 * 1024;
/** Enough for any project a spec tree describes; the rest are not read. */
const MAX_SOURCES = 5_000;

// Top-level definitions only: a method or a nested helper is no module's interface.
const PYTHON = /^(?:class\s+([A-Za-z_]\w*)|(?:async\s+)?def\s+([A-Za-z_]\w*))/gm;
const JS = /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function|interface|type|const|enum)\s+([A-Za-z_$][\w$]*)/gm;

/**
 * Top-level class and function names -> the modules whose owned files (those under owned
 * folders included) define them. Files that do not exist are skipped: a module still to be
 * written defines nothing yet. Reads each file once, at most `MAX_SOURCE_BYTES` of it.
 */
export function definedNames(root: string, modules: readonly { id: string; files: string[] }[], projectFiles: readonly string[] = []): Map<string, string[]> {
  const names = new Map<string, string[]>();
  let read = 0;
  for (const [id, files] of expandOwnedFolders(modules, projectFiles)) {
    for (const file of files) {
      const pattern = /\.pyi?$/.test(file) ? PYTHON : /\.(?:[cm]?[jt]sx?)$/.test(file) ? JS : undefined;
      if (!pattern || read >= MAX_SOURCES) continue;
      read++;
      const text = readText(join(root, file));
      if (text === undefined) continue;
      for (const m of text.matchAll(pattern)) {
        const name = m[1] ?? m[2];
        if (!name || name.startsWith("_")) continue;
        const owners = names.get(name) ?? [];
        if (!owners.includes(id)) owners.push(id);
        names.set(name, owners);
      }
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
