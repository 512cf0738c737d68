import type { SpecTree } from "../spec/types.js";
import { isAbsolute, isForeign, plainPath } from "./paths.js";
import type { Frame, LogError, LogMapping, MappedFrame } from "./types.js";

/** Owned path -> owning module ids, and the same keyed by path without extension. */
interface Owned {
  files: Map<string, string[]>;
  stems: Map<string, string[]>;
  spec: SpecTree;
  /** Frame path as written -> owned path; logs repeat the same few files many times. */
  resolved: Map<string, string | undefined>;
}

/**
 * The modules a log's errors point at. A frame's path matches by its longest suffix
 * that is a path some module owns (`/home/ci/build/ledger/core/journal.py`,
 * `C:\work\ledger\core\journal.py`); a relative path (a Java package path, Rust's
 * `src/x.rs`) may also be the tail of exactly one owned path. Frames in installed
 * packages and standard libraries never match. A logger name resolves as a dotted path
 * (`ledger.core.journal` -> `ledger/core/journal.py`) or else to the module named by its
 * last segment. Pure.
 */
export function mapLogToModules(errors: readonly LogError[], spec: SpecTree): LogMapping {
  const owned = ownedIndex(spec);
  const perError = errors.map((error) =>
    error.logger !== undefined ? mapLogger(error.logger, owned) : error.frames.flatMap((f) => mapFrame(f, owned)),
  );
  // Where each error happened decides first; their callers come after.
  const ordered = [...perError.flatMap((found) => found.slice(0, 1)), ...perError.flatMap((found) => found.slice(1))];
  const modules = [...new Set(ordered.map((found) => found.module))];
  const seen = new Set<string>();
  const frames = perError.flat().filter((found) => {
    const key = `${found.module}\u0000${found.file}\u0000${found.line ?? ""}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { modules, frames, unmatched: modules.length === 0 };
}

function ownedIndex(spec: SpecTree): Owned {
  const files = new Map<string, string[]>();
  const stems = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  for (const module of spec.modules) {
    for (const written of module.files) {
      const file = plainPath(written, spec.root);
      add(files, file, module.id);
      add(stems, stemOf(file), file);
    }
  }
  return { files, stems, spec, resolved: new Map() };
}

/** `a/b/c.py`, `a/b/c/__init__.py`, `a/b/c/index.ts`, `a/b/c/mod.rs` -> `a/b/c`. */
function stemOf(file: string): string {
  return file.replace(/\.[^./]+$/, "").replace(/\/(?:__init__|index|mod)$/, "");
}

function mapFrame(frame: Frame, owned: Owned): MappedFrame[] {
  if (!owned.resolved.has(frame.file)) owned.resolved.set(frame.file, ownedFile(frame.file, owned));
  const file = owned.resolved.get(frame.file);
  if (file === undefined) return [];
  return (owned.files.get(file) ?? []).map((module) => withLine({ file, module }, frame.line));
}

function ownedFile(written: string, owned: Owned): string | undefined {
  const path = plainPath(written, owned.spec.root);
  return isForeign(path) ? undefined : bestOwned(path, owned.files, !isAbsolute(path));
}

const MAX_LOGGER_SEGMENTS = 32;

// Loggers named after the process, not after code.
const ANONYMOUS_LOGGERS = new Set(["root", "__main__"]);

function mapLogger(logger: string, owned: Owned): MappedFrame[] {
  if (ANONYMOUS_LOGGERS.has(logger)) return [];
  // A name of more segments than any module path is noise; the cap bounds the loop below.
  const segments = logger.split(/::|[./:]/).filter((s) => s !== "").slice(-MAX_LOGGER_SEGMENTS);
  // `ledger.core.journal` is a path; `ledger::journal` (a crate name first) may need a segment dropped.
  for (let i = 0; i < segments.length; i++) {
    const stem = bestOwned(segments.slice(i).join("/"), owned.stems, true);
    if (stem !== undefined) {
      return (owned.stems.get(stem) ?? []).flatMap((file) => (owned.files.get(file) ?? []).map((module) => ({ file, module })));
    }
  }
  const plain = (id: string) => id.toLowerCase().replace(/-/g, "_");
  const last = plain(segments[segments.length - 1] ?? "");
  const module = owned.spec.modules.find((m) => plain(m.id) === last);
  if (!module || last === "") return [];
  return [{ file: module.primaryFile ?? module.files[0] ?? module.specFile, module: module.id }];
}

/**
 * The key of `owned` sharing the longest run of trailing path segments with `path`:
 * a key that is a suffix of `path` at a folder boundary, or (with `tails`) a key that
 * ends with `/path`. Undefined when nothing matches or two keys match equally well.
 */
function bestOwned(path: string, owned: Map<string, unknown>, tails: boolean): string | undefined {
  if (path === "") return undefined;
  const pathLength = path.split("/").length;
  let best: string | undefined;
  let bestLength = 0;
  let tie = false;
  for (const key of owned.keys()) {
    let common = 0;
    if (path === key || path.endsWith(`/${key}`)) common = key.split("/").length;
    else if (tails && key.endsWith(`/${path}`)) common = pathLength;
    if (common === 0 || common < bestLength) continue;
    tie = common === bestLength;
    best = key;
    bestLength = common;
  }
  return tie ? undefined : best;
}

function withLine(found: MappedFrame, line: number | undefined): MappedFrame {
  return line === undefined ? found : { ...found, line };
}
