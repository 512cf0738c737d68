import { posix } from "node:path";

/** A package.json of the project (the root's, or a workspace's under `packages/*`). */
export interface JsPackage {
  /** Its folder, relative to the project root: "" for the root. */
  dir: string;
  name: string;
  exports?: unknown;
  main?: string;
}

/** Folders a package's entry points are built into; their sources are usually under `src/`. */
const BUILD_DIR = /^(?:dist|build|lib|out|esm|cjs|es|types|typings)$/;

/** The package described by a package.json's text, or undefined when it has no name or is not JSON. */
export function readJsPackage(dir: string, text: string): JsPackage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== "object") return undefined;
  const { name, exports, main, module } = json as Record<string, unknown>;
  if (typeof name !== "string" || !name) return undefined;
  const entry = typeof module === "string" ? module : typeof main === "string" ? main : undefined;
  return { dir, name, ...(exports !== undefined ? { exports } : {}), ...(entry ? { main: entry } : {}) };
}

/**
 * Project paths (without a file extension settled) that an import of a package by its own
 * name may load: `zod/v4` in zod's own tests, `@acme/core` from a sibling workspace. Read
 * through the package's `exports` (every condition's target, `*` patterns too), else its
 * `main`, else the conventional places; a built target (`./dist/esm/index.js`) also stands
 * for its source under `src/`. Empty when no package of the project has that name.
 */
export function packageImportBases(packages: JsPackage[], specifier: string): string[] {
  const pkg = packages.filter((p) => specifier === p.name || specifier.startsWith(`${p.name}/`)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!pkg) return [];
  const sub = specifier === pkg.name ? "." : `./${specifier.slice(pkg.name.length + 1)}`;
  const targets = exportTargets(pkg.exports, sub);
  if (sub === "." && pkg.main) targets.push(pkg.main);
  if (sub === ".") targets.push("index", "src/index", "lib/index");
  else targets.push(sub, `src/${sub.slice(2)}`, `lib/${sub.slice(2)}`);
  const bases: string[] = [];
  for (const t of targets) {
    const path = posix.normalize(posix.join(pkg.dir || ".", t)).replace(/\/+$/, "");
    bases.push(path);
    const source = sourceOf(t);
    if (source) bases.push(posix.normalize(posix.join(pkg.dir || ".", source)));
  }
  return [...new Set(bases)].filter((b) => b !== "." && !b.startsWith("../"));
}

/** Where a built entry's source would be: `dist/esm/client/index.js` -> `src/client/index`, `index.mjs` -> `src/index`. */
function sourceOf(target: string): string | undefined {
  const segs = posix.normalize(target).replace(/\.d\.[cm]?ts$/, "").replace(/\.[cm]?jsx?$/, "").split("/").filter((s) => s && s !== ".");
  if (segs[0] === "src" || segs.length === 0) return undefined;
  while (segs.length > 1 && BUILD_DIR.test(segs[0]!)) segs.shift();
  return `src/${segs.join("/")}`;
}

/** Every target an `exports` field gives a subpath, whatever the condition (import, require, types, a custom source condition). */
function exportTargets(exports: unknown, sub: string): string[] {
  if (exports === undefined || exports === null) return [];
  if (typeof exports === "string" || Array.isArray(exports)) return sub === "." ? leaves(exports) : [];
  if (typeof exports !== "object") return [];
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  // Conditions at the top stand for ".".
  if (!keys.some((k) => k.startsWith("."))) return sub === "." ? leaves(map) : [];
  if (sub in map) return leaves(map[sub]);
  const patterns = keys.filter((k) => k.includes("*")).sort((a, b) => b.length - a.length);
  for (const key of patterns) {
    const [before, after] = key.split("*") as [string, string];
    if (!sub.startsWith(before) || !sub.endsWith(after) || sub.length < before.length + after.length) continue;
    const star = sub.slice(before.length, sub.length - after.length);
    return leaves(map[key]).map((t) => t.replaceAll("*", star));
  }
  return [];
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}
