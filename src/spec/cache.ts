import { existsSync, readFileSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { serialize } from "node:v8";
import type { ParsedModule } from "./module.js";
import { entryOf, fits, moduleOf, referencesOf } from "./cache-entry.js";
import { contentKey, keyOf, openStatIndex, statOf } from "./stat-index.js";
import { digestOfHash, rememberSpecDigest } from "./derived.js";
import { statPrefix } from "./cache-index-only.js";
import { knownBodyStart } from "./front-matter-split.js";
import { openTextStore, textsFile } from "./text-store.js";
import { DERIVED, INDEX, MAX_DERIVED, REFS, SPECS, TEXTS, cacheDir, parserStamp, readDerived, readIndex, shapeKey, treeKeyOf, writeAtomic, writeIndex, type DerivedFile, type Entry, type References, type RefsFile, type Resolution, type SpecsFile, type Unresolved } from "./cache-files.js";

export { cacheDir, parserStamp, type References, type Resolution, type Unresolved } from "./cache-files.js";

/**
 * A parse cache for spec trees, in `.orchestrate/cache/`. Safe to delete; used only when
 * orchestrate's version and the parser's own code are the ones that wrote it (`stamp`), so
 * an upgrade or a local change of the parser never serves a stale parse. Five files:
 * - `index.v8`: each spec file's stat and content key (spec/stat-index.ts), so an unchanged
 *   file is known without hashing it, and an unchanged tree without reading any spec;
 * - `texts.bin`: the text of each key (spec/text-store.ts), so an unchanged file is not
 *   opened either: a run quotes every spec in its prompts, but reads none of them;
 * - `specs.json`: content key -> the module parsed from that text, and the resolution of the
 *   last tree (a `plan` of 10,000 modules spends most of its time parsing);
 * - `refs.json`: content key -> what resolving needs of the parse besides (`References`),
 *   read only when the tree is resolved again;
 * - `derived.v8`: values callers keep under the last tree's key (`plan` keeps its plan), read
 *   only by `recall`, when nothing changed.
 */
export interface SpecCache {
  /**
   * The text of the spec file `rel`: kept in the cache when its stat is unchanged since, else
   * as `read` reads it (with the stat taken before reading). Its key is recorded, from the
   * stat index when unchanged.
   */
  source(rel: string, read: () => { text: string; stat: Stats; bytes?: number; raw?: Uint8Array }): string;
  /**
   * The parse of `source` (given to `source` as `rel` before), from the cache or from `parse` (then stored); without its `References` when from the cache.
   * `joined` when `source` is the file's text with its parts after it (spec/spec-parts.ts): keyed by all of it.
   */
  module(rel: string, source: string, parse: () => ParsedModule, joined?: boolean): Unresolved;
  /** The `References` of the module `rel` (given to `module` before), from the cache or from `parse` (its parse). */
  references(rel: string, parse: () => ParsedModule): References;
  /**
   * The key of the tree: the files given to `source` so far (in order), `shape` (the rest of
   * its form) and what resolution reads besides: the owned `folders` and the files found in them.
   */
  treeKey(shape: string, folders: string[], projectFiles: string[]): string;
  /** The resolution stored under `key`, when it is the last one saved. */
  resolution(key: string): Resolution | undefined;
  /** Keeps `resolution` under `key`, to be saved with the entries. */
  keepResolution(key: string, resolution: Resolution): void;
  /** Keeps `value` (v8-serialisable) as `name` under `treeKey`, to be saved; others of that tree are kept too, up to a few. */
  keep(treeKey: string, name: string, value: unknown): void;
  /** Writes what changed since opening (dropping unused entries). Never throws. */
  save(): void;
}

/**
 * Opens the project's cache: a missing, unreadable or other-version file is an empty cache.
 * `save` is meant to be called once the tree is loaded, before its modules are handed out.
 */
export function openSpecCache(root: string): SpecCache {
  const dir = cacheDir(root);
  const stamp = parserStamp();
  const index = openStatIndex(readIndex(join(dir, INDEX), stamp));
  const { entries: old, tree: oldTree } = readSpecs(join(dir, SPECS), stamp);
  const size = Object.keys(old).length;
  /** What `save` writes, by content key, in the tree's order. */
  const used = new Map<string, Kept>();
  const keys: string[] = [];
  const keyByRel = new Map<string, string>();
  const texts = openTextStore(join(dir, TEXTS), stamp);
  /** Each file's text by key, in the tree's order: what `save` keeps in `texts.bin`. */
  const sources = new Map<string, string>();
  /** The length in UTF-8 bytes of those texts, where known without measuring (spec/read-ahead.ts). */
  const sourceBytes = new Map<string, number>();
  const prefix = statPrefix(root);
  /** Texts read whose key `texts.bin` does not hold: a file re-read only because its entry was racy is there already. */
  let newTexts = 0;
  /** References by content key: of the specs parsed now, and those asked for. */
  const refs = new Map<string, References>();
  let oldRefs: Record<string, References> | undefined;
  let misses = 0;
  let tree = oldTree;
  let derived: DerivedFile | undefined;
  let treeFolders: string[] = [];

  return {
    source(rel, read) {
      // Stat'd only when texts are kept and the index may know the file: a first load reads each file once,
      // as without a cache, and so does a run right after the `plan` that indexed a tree of new files (racy,
      // spec/stat-index.ts): 1,000 stats that could tell nothing were 26 ms of such a run of 1,000 modules.
      const stat = texts.size > 0 && index.mayKnow(rel) ? statOrNot(prefix + rel) : undefined;
      const known = stat && index.known(rel, stat);
      const kept = known === undefined ? undefined : texts.text(known);
      let key: string;
      let text: string;
      let bytes: number | undefined;
      if (kept !== undefined) {
        [key, text, bytes] = [known!, kept, texts.bytes(known!)];
        index.record(rel, stat!, key);
      } else {
        // Changed, racy, new or not kept: read, with the stat that goes with the text.
        const fresh = read();
        [text, bytes] = [fresh.text, fresh.bytes];
        key = index.known(rel, fresh.stat) ?? keyRemembering(rel, text, fresh.raw);
        index.record(rel, fresh.stat, key);
        if (!texts.has(key)) newTexts++;
      }
      if (bytes !== undefined) sourceBytes.set(key, bytes);
      keys.push(key);
      keyByRel.set(rel, key);
      sources.set(key, text);
      return text;
    },
    module(rel, source, parse, joined) {
      const key = (joined ? undefined : keyByRel.get(rel)) ?? contentKey(rel, source);
      // `references` finds the parse by this key.
      if (joined) keyByRel.set(rel, key);
      const hit = old[key];
      if (hit && fits(hit, source)) {
        used.set(key, { entry: hit });
        return moduleOf(hit, source);
      }
      const parsed = parse();
      misses++;
      // Its entry is made when written: until then the parse itself is all that is kept, and where its body starts
      // when the parse's split of `source` tells it (asked now, while that split is the last one).
      const bodyStart = knownBodyStart(source, parsed.body);
      used.set(key, bodyStart === undefined ? { parsed, source } : { parsed, source, bodyStart });
      refs.set(key, referencesOf(parsed));
      return parsed;
    },
    references(rel, parse) {
      const key = keyByRel.get(rel);
      let found = key === undefined ? undefined : refs.get(key);
      if (found) return found;
      oldRefs ??= readRefs(join(dir, REFS), stamp);
      found = key === undefined ? undefined : validRefs(oldRefs[key]);
      // Not kept (a refs.json older than specs.json, or none): parsed again.
      found ??= referencesOf(parse());
      if (key !== undefined) refs.set(key, found);
      return found;
    },
    treeKey(shape, folders, projectFiles) {
      treeFolders = folders;
      return treeKeyOf(keys.join("\n"), shapeKey(shape), folders, projectFiles);
    },
    resolution(key) {
      return tree?.key === key ? tree.resolution : undefined;
    },
    keepResolution(key, resolution) {
      tree = { key, resolution };
    },
    keep(treeKey, name, value) {
      if (derived?.treeKey !== treeKey) derived = { stamp, treeKey, folders: treeFolders, values: [] };
      const entry: [string, unknown] = [name, value];
      derived.values = [entry, ...derived.values.filter(([n]) => n !== name)];
    },
    save() {
      // Only into a project orchestrate already keeps state in (a run, `init`): `plan` and
      // `check` on a fresh or read-only tree, such as the bundled example, write nothing.
      if (!existsSync(dirname(dir))) return;
      try {
        // Unchanged: every entry was a hit, none went unused, and the resolution is the one read.
        if (misses > 0 || used.size !== size || tree !== oldTree) {
          writeAtomic(join(dir, SPECS), specsJson(stamp, used, tree));
          // Only whole: one missing a spec's references would have it parsed again on every resolve.
          if ([...used.keys()].every((key) => refs.has(key))) writeAtomic(join(dir, REFS), refsJson(stamp, used, refs));
        }
        if (derived) {
          // The values other requests kept for the same tree stay, the newest first.
          const before = readDerived(join(dir, DERIVED), stamp);
          const others = before?.treeKey === derived.treeKey ? before.values.filter(([n]) => !derived!.values.some(([kept]) => kept === n)) : [];
          writeAtomic(join(dir, DERIVED), serialize({ ...derived, values: [...derived.values, ...others].slice(0, MAX_DERIVED) }));
        }
        // Every text was kept already, and no other: unchanged (a run right after a `plan` re-reads the racy
        // files of a new tree, 1.7 MB at 1,000 specs, and wrote back the same texts).
        if (newTexts > 0 || texts.size !== sources.size) writeAtomic(join(dir, TEXTS), textsFile(stamp, sources, sourceBytes));
        // Last: an index naming a file's new key is only written once the rest is.
        if (index.changed()) writeIndex(join(dir, INDEX), stamp, index.toJSON());
      } catch {
        // A cache that cannot be written (read-only project, full disk) only costs speed.
      }
    },
  };
}

/** What `save` writes for a spec: its entry read from the cache file, or a parse made now, with the text it was made of. */
type Kept = { entry: Entry } | { parsed: ParsedModule; source: string; bodyStart?: number };

/**
 * Characters per piece of `specs.json`: under V8's large-object size (128 KB) even as UTF-16,
 * so each piece is made in the young generation's reused memory, not in pages of its own
 * (a page fault per 4 KB). Entries parsed from a spec with an emoji are UTF-16 strings, and
 * so is their JSON: 64 entries of a generated spec made 190 KB pieces, 30 MB of new pages.
 */
const PIECE_CHARS = 48 * 1024;

/**
 * `specs.json` (a `SpecsFile`) in pieces, for `writeAtomic` to write one by one: the whole
 * file as one string, and then as one buffer, took 30 MB of new memory for 10,000 specs.
 */
function* specsJson(stamp: string, used: ReadonlyMap<string, Kept>, tree: SpecsFile["tree"]): Generator<string> {
  yield `{"stamp":${JSON.stringify(stamp)},"entries":{`;
  let piece: string[] = [];
  let pieceChars = 0;
  let written = 0;
  for (const [key, kept] of used) {
    const json = "parsed" in kept ? jsonOf(entryOf(kept.parsed, kept.source, kept.bodyStart)) : JSON.stringify(kept.entry);
    if (json === undefined) continue;
    const entry = `${written++ > 0 ? "," : ""}${JSON.stringify(key)}:${json}`;
    if (pieceChars + entry.length > PIECE_CHARS && piece.length > 0) {
      yield piece.join("");
      piece = [];
      pieceChars = 0;
    }
    piece.push(entry);
    pieceChars += entry.length;
  }
  if (piece.length > 0) yield piece.join("");
  yield `}${tree ? `,"tree":${JSON.stringify(tree)}` : ""}}`;
}

/** `refs.json` (a `RefsFile`) in pieces, as `specsJson`. */
function* refsJson(stamp: string, used: ReadonlyMap<string, unknown>, refs: ReadonlyMap<string, References>): Generator<string> {
  yield `{"stamp":${JSON.stringify(stamp)},"entries":{`;
  let piece = "";
  let written = 0;
  for (const key of used.keys()) {
    piece += `${written++ > 0 ? "," : ""}${JSON.stringify(key)}:${JSON.stringify(refs.get(key))}`;
    if (piece.length > PIECE_CHARS) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}}}`;
}

function readRefs(file: string, stamp: string): Record<string, References> {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as RefsFile;
    return data?.stamp === stamp && typeof data.entries === "object" && data.entries !== null ? data.entries : {};
  } catch {
    return {};
  }
}

function validRefs(found: Partial<References> | undefined): References | undefined {
  return found && Array.isArray(found.references) && Array.isArray(found.dependencySections) && Array.isArray(found.notes) ? (found as References) : undefined;
}

function jsonOf(entry: Entry | undefined): string | undefined {
  return entry && JSON.stringify(entry);
}

/** The content key of `text`, the text of `rel` (whose UTF-8 is `raw`, when given); its body's digest, hashed for the key, is remembered for the parse and the plan. */
function keyRemembering(rel: string, text: string, raw: Uint8Array | undefined): string {
  const { key, body, bodyHash } = keyOf(rel, text, raw);
  rememberSpecDigest(rel, body, digestOfHash(bodyHash));
  return key;
}

/** A file's stat; undefined when it cannot be stat'd (reading it then tells why). */
function statOrNot(path: string): Stats | undefined {
  try {
    return statOf(path);
  } catch {
    return undefined;
  }
}

function readSpecs(file: string, stamp: string): Pick<SpecsFile, "entries" | "tree"> {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as SpecsFile;
    if (!data || data.stamp !== stamp || typeof data.entries !== "object" || data.entries === null) return { entries: {} };
    const tree = data.tree;
    const valid = tree && typeof tree.key === "string" && Array.isArray(tree.resolution?.dependencies) && Array.isArray(tree.resolution.warnings);
    return { entries: data.entries, ...(valid ? { tree } : {}) };
  } catch {
    return { entries: {} };
  }
}
