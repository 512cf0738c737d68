import { createHash, hash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../package.js";
import { mkdirPrivate, writePrivate } from "../redact/files.js";
import { derivedFacts, digest, rememberDigest, rememberFacts, type DerivedFacts } from "./derived.js";
import { lineTable, type ParsedModule } from "./module.js";
import type { Dependency, Warning } from "./types.js";

/**
 * A parse cache for module specs: the hash of a spec file's text (with its path, id and
 * layer) -> the module parsed from it, in `.orchestrate/cache/specs.json`. A `plan` of
 * 10,000 modules spends most of its time in marked and js-yaml; an unchanged file is not
 * parsed again. Safe to delete; an entry is used only when the file's text is the same
 * byte for byte, and the whole file only when orchestrate's version and the parser's own
 * code are the ones that wrote it (`stamp`), so an upgrade or a local change of the
 * parser never serves a stale parse.
 */
export interface SpecCache {
  /** The parse of `source`, from the cache or from `parse` (then stored). */
  module(specFile: string, source: string, id: string, layer: string, parse: () => ParsedModule): ParsedModule;
  /**
   * The key of the whole tree: the specs given to `module` so far, in order, and `extra`
   * (what else resolution reads: the files found under owned folders).
   */
  treeKey(extra: string): string;
  /** The resolution stored under `key`, when it is the last one saved. */
  resolution(key: string): Resolution | undefined;
  /** Keeps `resolution` under `key`, to be saved with the entries. */
  keepResolution(key: string, resolution: Resolution): void;
  /** Writes the entries used since opening (dropping the others) when anything changed. Never throws. */
  save(): void;
}

/**
 * What resolving the modules' references against each other gave: each module's
 * dependencies (in the order of the tree's modules) and the warnings, in order. A function
 * of the specs' texts and of the files under owned folders, so it is kept under the tree's
 * key, unless resolution read source files (a stub's name looked up in what modules define):
 * those can change without any spec changing, and such a tree is resolved every time.
 */
export interface Resolution {
  dependencies: Dependency[][];
  warnings: Warning[];
}

/** What is stored per spec: the parse without its body (a suffix of the file's text), and the plan's facts. */
interface Entry {
  /** `fileLines` as pairs: as JSON object keys, each module's own paths cost a hidden class each to parse. */
  module: Omit<ParsedModule, "body" | "fileLines"> & { fileLines?: [string, number][] };
  /** The body is `source.slice(bodyStart)`. */
  bodyStart: number;
  /** The body's digest (as the plan has it) and what the plan derives from the body. */
  digest: string;
  facts: DerivedFacts;
}

interface CacheFile {
  stamp: string;
  entries: Record<string, Entry>;
  tree?: { key: string; resolution: Resolution };
}

const FILE = "specs.json";

export function cacheDir(root: string): string {
  return join(root, ".orchestrate", "cache");
}

let stampOfCode: string | undefined;

/** orchestrate's version and a hash of the code in spec/, which parses specs and derives their facts. */
export function parserStamp(): string {
  if (stampOfCode === undefined) {
    const hash = createHash("sha256").update(VERSION);
    const here = dirname(fileURLToPath(import.meta.url));
    const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
    const files = readdirSync(here).filter((f) => f.endsWith(ext)).map((f) => join(here, f));
    for (const file of files.sort()) hash.update(file.slice(here.length)).update(readFileSync(file));
    stampOfCode = `${VERSION}-${hash.digest("hex").slice(0, 16)}`;
  }
  return stampOfCode;
}

/**
 * Opens the project's cache: a missing, unreadable or other-version file is an empty cache.
 * `save` is meant to be called once the tree is loaded, before its modules are handed out.
 */
export function openSpecCache(root: string): SpecCache {
  const file = join(cacheDir(root), FILE);
  const stamp = parserStamp();
  const { entries: old, tree: oldTree } = readCache(file, stamp);
  const used: Record<string, Entry> = {};
  const keys: string[] = [];
  let misses = 0;
  let tree = oldTree;

  return {
    module(specFile, source, id, layer, parse) {
      const key = hash("sha256", `${specFile}\0${id}\0${layer}\0${source}`, "base64url");
      keys.push(key);
      const hit = old[key];
      if (hit && Number.isInteger(hit.bodyStart) && hit.bodyStart >= 0 && hit.bodyStart <= source.length) {
        used[key] = hit;
        rememberFacts(hit.digest, hit.facts);
        const body = source.slice(hit.bodyStart);
        // The plan digests the body again: the entry has it, computed from the same text.
        if (typeof hit.digest === "string") rememberDigest(body, hit.digest);
        const { fileLines, ...module } = hit.module;
        return { ...module, ...(Array.isArray(fileLines) ? { fileLines: lineTable(fileLines) } : {}), body };
      }
      const parsed = parse();
      misses++;
      const { body, fileLines, ...rest } = parsed;
      // The body is the text after the front matter, so a suffix of the source. The entry
      // shares the module's parts, as a hit's does: `save` runs before anyone changes them.
      if (source.endsWith(body)) {
        const bodyDigest = digest(body);
        used[key] = { module: { ...rest, ...(fileLines ? { fileLines: Object.entries(fileLines) } : {}) }, bodyStart: source.length - body.length, digest: bodyDigest, facts: derivedFacts(body, bodyDigest) };
      }
      return parsed;
    },
    treeKey(extra) {
      return hash("sha256", `${keys.join("\n")}\0${extra}`, "base64url");
    },
    resolution(key) {
      return tree?.key === key ? tree.resolution : undefined;
    },
    keepResolution(key, resolution) {
      tree = { key, resolution };
    },
    save() {
      // Unchanged: every entry was a hit, none went unused, and the resolution is the one read.
      if (misses === 0 && Object.keys(used).length === Object.keys(old).length && tree === oldTree) return;
      // Only into a project orchestrate already keeps state in (a run, `init`): `plan` and
      // `check` on a fresh or read-only tree, such as the bundled example, write nothing.
      if (!existsSync(dirname(dirname(file)))) return;
      try {
        mkdirPrivate(dirname(file));
        const tmp = `${file}.${process.pid}.tmp`;
        writePrivate(tmp, JSON.stringify({ stamp, entries: used, ...(tree ? { tree } : {}) } satisfies CacheFile));
        renameSync(tmp, file);
      } catch {
        // A cache that cannot be written (read-only project, full disk) only costs speed.
      }
    },
  };
}

function readCache(file: string, stamp: string): Pick<CacheFile, "entries" | "tree"> {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as CacheFile;
    if (!data || data.stamp !== stamp || typeof data.entries !== "object" || data.entries === null) return { entries: {} };
    const tree = data.tree;
    const valid = tree && typeof tree.key === "string" && Array.isArray(tree.resolution?.dependencies) && Array.isArray(tree.resolution.warnings);
    return { entries: data.entries, ...(valid ? { tree } : {}) };
  } catch {
    return { entries: {} };
  }
}
