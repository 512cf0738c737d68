import { posix } from "node:path";
import { cmakeCalls, stripCmakeComments } from "./cmake.js";

/**
 * Where `#include "x.h"` finds a project file, as people set their projects up: beside the
 * including file, then the include folders (every `include/` folder, `src/`, the project root and
 * the folders a CMakeLists.txt adds with `include_directories`/`target_include_directories`), then
 * the one project file whose path ends with it (a Makefile's `-I` is not read). `<...>` includes
 * are the system's or a library's, never read.
 */
export class CIncludes {
  private readonly byName = new Map<string, string[]>();

  /** `dirs`: include folders, in search order; `has`: whether a project file is at a path. */
  constructor(private readonly dirs: string[], files: Iterable<string>, private readonly has: (path: string) => boolean) {
    for (const f of files) {
      const name = posix.basename(f);
      this.byName.set(name, [...(this.byName.get(name) ?? []), f]);
    }
  }

  resolve(from: string, spec: string): string | undefined {
    const here = posix.dirname(from);
    for (const dir of [here, ...this.dirs]) {
      const path = posix.normalize(dir === "." || dir === "" ? spec : `${dir}/${spec}`);
      if (!path.startsWith("../") && this.has(path)) return path;
    }
    const tail = `/${posix.normalize(spec).replace(/^(?:\.\.?\/)+/, "")}`;
    const hits = (this.byName.get(posix.basename(spec)) ?? []).filter((f) => `/${f}`.endsWith(tail));
    return hits.length === 1 ? hits[0] : undefined;
  }
}

/** The include folders by convention among the project's C files' folders: every `include/`, then `src/`, then the root. */
export function conventionalIncludeDirs(files: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const f of files) {
    const parts = f.split("/");
    const at = parts.lastIndexOf("include", parts.length - 2);
    if (at >= 0) found.add(parts.slice(0, at + 1).join("/"));
  }
  return [...[...found].sort(), "src", ""];
}

const CMAKE_INCLUDES = new Set(["include_directories", "target_include_directories"]);
const CMAKE_KEYWORDS = new Set(["PUBLIC", "PRIVATE", "INTERFACE", "SYSTEM", "BEFORE", "AFTER"]);
const CMAKE_HERE = /^\$\{(?:CMAKE_CURRENT_SOURCE_DIR|CMAKE_CURRENT_LIST_DIR|PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR)\}\/?/;

/**
 * The folders a CMakeLists.txt (in `dir`, "" for the root) adds to the include path, relative to
 * the project root: plain paths and `${CMAKE_CURRENT_SOURCE_DIR}/x` (also inside
 * `$<BUILD_INTERFACE:...>`); other variables are not expanded, so those paths are left out.
 */
export function cmakeIncludeDirs(text: string, dir: string): string[] {
  const dirs: string[] = [];
  for (const call of cmakeCalls(stripCmakeComments(text), CMAKE_INCLUDES)) {
    const words = call.args.split(/\s+/).filter(Boolean);
    if (call.name.startsWith("target_")) words.shift();
    for (const word of words) {
      const inner = word.replace(/^"|"$/g, "").replace(/^\$<BUILD_INTERFACE:(.*)>$/, "$1");
      if (CMAKE_KEYWORDS.has(inner)) continue;
      const path = inner.replace(CMAKE_HERE, "");
      if (!path || path.includes("$") || path.startsWith("/")) continue;
      const joined = posix.normalize(dir ? `${dir}/${path}` : path).replace(/\/+$/, "");
      if (!joined.startsWith("..")) dirs.push(joined === "." ? "" : joined);
    }
  }
  return dirs;
}
