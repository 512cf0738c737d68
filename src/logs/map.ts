import { posix } from "node:path";
import { ownedFolder } from "../spec/folders.js";
import { expandOwnedFolders } from "../spec/owned-files.js";
import type { SpecTree } from "../spec/types.js";
import { isAbsolute, isForeign, plainPath } from "./paths.js";
import { testedName } from "./tested.js";
import { modulesUnderTest } from "./under-test.js";
import type { Frame, LogError, LogMapping, MappedFrame } from "./types.js";

/** Owned path -> owning module ids, and the same keyed by path without extension. */
interface Owned {
  files: Map<string, string[]>;
  stems: Map<string, string[]>;
  spec: SpecTree;
  /** Frame path as written -> owned path; logs repeat the same few files many times. */
  resolved: Map<string, string | undefined>;
  /** Logger name -> where it maps: a log writes the same few names on thousands of lines. */
  loggerFrames: Map<string, MappedFrame[]>;
  /** Owned folders, longest first, with their owner: a frame under one that is not on disk still maps. */
  folders: { folder: string; module: string }[];
  /** Declared logger name, lower case -> module ids (`**Logger**:`, `getLogger("...")` in the spec). */
  loggers: Map<string, string[]>;
  /** Extension (`.go`, `.ts`) -> folders of owned files with it -> owning module ids. */
  siblings: Map<string, Map<string, string[]>>;
  /** `stems` of TypeScript files only, made when a frame in a build's output first needs it. */
  typescript?: Map<string, string[]>;
  /** Owned files that are no tests, by lower-case name without extension -> [extension, module id][], made when first needed. */
  byName?: Map<string, [string, string][]>;
  /** Test files no module owns -> the modules they import, read when a frame is first in one. */
  underTest?: Map<string, string[]>;
}

/**
 * The modules a log's errors point at. A frame's path matches by its longest suffix
 * that is a path some module owns (`/home/ci/build/ledger/core/journal.py`,
 * `C:\work\ledger\core\journal.py`); a relative path (a Java package path, Rust's
 * `src/x.rs`) may also be the tail of exactly one owned path. Frames in installed
 * packages and standard libraries match only as an installed copy of the project's own package
 * (the whole path under `site-packages/` is owned, package folder included). A logger name resolves as a dotted path
 * (`ledger.core.journal` -> `ledger/core/journal.py`) or else to the module named by its
 * last segment. Pure.
 */
export function mapLogToModules(errors: readonly LogError[], spec: SpecTree): LogMapping {
  return logMapper(spec)(errors);
}

/**
 * `mapLogToModules` over one index of the tree's owned files, for a caller that maps each error
 * alone: indexing the tree again for each of a log's 30,000 errors took seconds.
 */
export function logMapper(spec: SpecTree): (errors: readonly LogError[]) => LogMapping {
  const owned = ownedIndex(spec);
  return (errors) => mapWith(errors, owned);
}

function mapWith(errors: readonly LogError[], owned: Owned): LogMapping {
  // A JSON record may have both: its stack's frames decide, its logger when none is the project's.
  const perError = errors.map((error) => {
    const framed = error.frames.flatMap((f) => mapFrame(f, owned));
    return framed.length === 0 && error.logger !== undefined ? loggerFrames(error.logger, owned) : framed;
  });
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
  const siblings = new Map<string, Map<string, string[]>>();
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  // Files under an owned folder (`pkg/strategies/macd_v4.py`) are owned like listed ones.
  for (const [id, owned] of expandOwnedFolders(spec.modules, spec.projectFiles)) {
    for (const written of owned) {
      const file = plainPath(written, spec.root);
      add(files, file, id);
      add(stems, stemOf(file), file);
      const ext = posix.extname(file);
      if (ext !== "" && file.includes("/")) add(siblings.get(ext) ?? siblings.set(ext, new Map()).get(ext)!, posix.dirname(file), id);
    }
  }
  const folders = spec.modules
    .flatMap((m) => m.files.map((f) => ({ folder: ownedFolder(plainPath(f, spec.root)), module: m.id })))
    .filter((f): f is { folder: string; module: string } => f.folder !== undefined)
    .sort((a, b) => b.folder.length - a.folder.length);
  const loggers = new Map<string, string[]>();
  for (const m of spec.modules) for (const name of m.loggers ?? []) add(loggers, name.toLowerCase(), m.id);
  return { files, stems, spec, resolved: new Map(), loggerFrames: new Map(), folders, loggers, siblings };
}

/** `a/b/c.py`, `a/b/c/__init__.py`, `a/b/c/index.ts`, `a/b/c/mod.rs` -> `a/b/c`. */
function stemOf(file: string): string {
  return file.replace(/\.[^./]+$/, "").replace(/\/(?:__init__|index|mod)$/, "");
}

function mapFrame(frame: Frame, owned: Owned): MappedFrame[] {
  if (!owned.resolved.has(frame.file)) owned.resolved.set(frame.file, ownedFile(frame.file, owned));
  const file = owned.resolved.get(frame.file);
  if (file === undefined) return testedFrame(frame, owned);
  const modules = owned.files.get(file) ?? testedOwners(file, owned) ?? siblingOwners(file, owned) ?? underFolder(file, owned).map((f) => f.module);
  // A line of compiled JavaScript says nothing about the TypeScript it came from.
  const line = TYPESCRIPT.test(file) && /\.[cm]?js$/.test(frame.file.trim()) ? undefined : frame.line;
  return modules.map((module) => withLine({ file, module }, line));
}

/** A frame in a test file no module owns is one in the modules that test imports (see `modulesUnderTest`). */
function testedFrame(frame: Frame, owned: Owned): MappedFrame[] {
  const file = plainPath(frame.file, owned.spec.root);
  if (isForeign(file)) return [];
  owned.underTest ??= new Map();
  let modules = owned.underTest.get(file);
  if (!modules) owned.underTest.set(file, (modules = modulesUnderTest(file, owned.spec)));
  return modules.map((module) => withLine({ file, module }, frame.line));
}

function ownedFile(written: string, owned: Owned): string | undefined {
  const path = plainPath(written, owned.spec.root);
  if (isForeign(path)) return installedOwned(path, owned);
  return bestOwned(path, owned.files, !isAbsolute(path)) ?? underFolder(path, owned)[0]?.file ?? siblingFile(path, owned) ?? (testedOwners(path, owned) ? path : undefined) ?? compiledFrom(path, owned);
}

/**
 * The module of the file a test no spec lists is named for: `tests/test_stats.py` is the tests of
 * `shelf/stats.py`, whoever owns another test beside it. Only when one module owns files of that name;
 * not for Go, whose package (its folder) decides (`siblingFile`).
 */
function testedOwners(file: string, owned: Owned): string[] | undefined {
  const tested = posix.extname(file) === ".go" ? undefined : testedName(file);
  if (!tested) return undefined;
  owned.byName ??= namesOf(owned.files);
  const ids = new Set((owned.byName.get(tested.name) ?? []).filter(([ext]) => tested.extensions.includes(ext)).map(([, id]) => id));
  return ids.size === 1 ? [...ids] : undefined;
}

function namesOf(files: Map<string, string[]>): Map<string, [string, string][]> {
  const byName = new Map<string, [string, string][]>();
  for (const [file, ids] of files) {
    if (testedName(file)) continue;
    const ext = posix.extname(file);
    const name = posix.basename(file, ext).toLowerCase();
    const list = byName.get(name) ?? byName.set(name, []).get(name)!;
    for (const id of ids) list.push([ext, id]);
  }
  return byName;
}

/** The stems of owned TypeScript files -> those files. */
function typescriptStems(stems: Map<string, string[]>): Map<string, string[]> {
  const typescript = new Map<string, string[]>();
  for (const [stem, files] of stems) {
    const sources = files.filter((file) => TYPESCRIPT.test(file));
    if (sources.length > 0) typescript.set(stem, sources);
  }
  return typescript;
}

/** JavaScript a build wrote (`/app/dist/billing/tax.js`), with the path from the build folder on. */
const COMPILED = /(?:^|\/)(?:dist|build|out|lib|\.output)\/(.+)\.[cm]?js$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * The TypeScript file a build's JavaScript was compiled from, for a stack printed without source
 * maps: `/app/dist/billing/tax.js` is `src/billing/tax.ts` when that is the one owned TypeScript
 * file whose path ends in `billing/tax`.
 */
function compiledFrom(path: string, owned: Owned): string | undefined {
  const rest = COMPILED.exec(path)?.[1];
  if (rest === undefined) return undefined;
  const typescript = (owned.typescript ??= typescriptStems(owned.stems));
  const stem = bestOwned(stemOf(`${rest}.js`), typescript, true);
  const sources = stem === undefined ? [] : (typescript.get(stem) ?? []);
  return sources.length === 1 ? sources[0] : undefined;
}

/** A Python package's file as installed: `…/site-packages/yaml/scanner.py` -> `yaml/scanner.py`. */
const INSTALLED = /(?:^|\/)(?:site|dist)-packages\/(.+)$/;

/**
 * The owned file an installed copy of the project's own package runs (a library's bug seen in
 * an application's traceback: `/usr/lib/python3/dist-packages/yaml/scanner.py` for the project's
 * `yaml/scanner.py` or `src/yaml/scanner.py`). The whole path under `site-packages/` must be the
 * tail of exactly one owned path, package folder included: a lone `utils.py` there is somebody
 * else's.
 */
function installedOwned(path: string, owned: Owned): string | undefined {
  const rest = INSTALLED.exec(path)?.[1];
  if (!rest?.includes("/")) return undefined;
  const found = [...owned.files.keys()].filter((key) => key === rest || key.endsWith(`/${rest}`));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * A file no spec lists (a test, a new file) beside owned files of its kind: `go test` names
 * `money_test.go` of `github.com/acme/books/money` where the spec lists `money/money.go`; jest
 * names `src/billing/tax.test.ts` beside `src/billing/tax.ts`. A Go package is its folder, so
 * every module owning Go files there owns the new one; other files go to the folder's one owner
 * of that kind, and to nobody when two modules share the folder.
 */
function siblingFile(path: string, owned: Owned): string | undefined {
  const folders = owned.siblings.get(posix.extname(path));
  if (!folders || !path.includes("/")) return undefined;
  const folder = bestOwned(posix.dirname(path), folders, !isAbsolute(path));
  if (folder === undefined) return undefined;
  const file = `${folder}/${posix.basename(path)}`;
  return siblingOwners(file, owned) ? file : undefined;
}

function siblingOwners(file: string, owned: Owned): string[] | undefined {
  const ext = posix.extname(file);
  const ids = owned.siblings.get(ext)?.get(posix.dirname(file));
  return ids && (ext === ".go" || ids.length === 1) ? ids : undefined;
}

/**
 * The most specific owned folder holding `path` (from the root, or inside an absolute path
 * from another machine: `/home/ci/app/pkg/strategies/x.py`), with the path from that folder on.
 */
function underFolder(path: string, owned: Owned): { file: string; module: string }[] {
  for (const { folder, module } of owned.folders) {
    if (path.startsWith(`${folder}/`)) return [{ file: path, module }];
    const at = path.indexOf(`/${folder}/`);
    if (at >= 0 && isAbsolute(path)) return [{ file: path.slice(at + 1), module }];
  }
  return isAbsolute(path) ? [] : packageFolder(path, owned);
}

/**
 * A relative path whose folder is the tail of exactly one owned folder: a JVM frame's package path
 * (`com/acme/policy/PolicyClient.java`) in `src/main/java/com/acme/policy/`, for a file the spec
 * does not list and the tree does not hold (yet). Two folders at least, so a lone `utils/` says nothing.
 */
function packageFolder(path: string, owned: Owned): { file: string; module: string }[] {
  const dir = posix.dirname(path);
  if (!dir.includes("/")) return [];
  const found = owned.folders.filter(({ folder }) => folder === dir || folder.endsWith(`/${dir}`));
  const modules = new Set(found.map((f) => f.module));
  return modules.size === 1 ? [{ file: `${found[0]!.folder}/${posix.basename(path)}`, module: found[0]!.module }] : [];
}

const MAX_LOGGER_SEGMENTS = 32;

// Loggers named after the process, not after code.
const ANONYMOUS_LOGGERS = new Set(["root", "__main__"]);

function loggerFrames(logger: string, owned: Owned): MappedFrame[] {
  let frames = owned.loggerFrames.get(logger);
  if (frames === undefined) owned.loggerFrames.set(logger, (frames = mapLogger(logger, owned)));
  return frames;
}

function mapLogger(logger: string, owned: Owned): MappedFrame[] {
  if (ANONYMOUS_LOGGERS.has(logger)) return [];
  const declared = declaredLogger(logger, owned);
  if (declared.length > 0) return declared;
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
  const module = owned.spec.modules.find((m) => plain(m.id) === last) ?? byNamePart(segments.map(plain), owned.spec);
  if (!module || last === "") return [];
  return [{ file: module.primaryFile ?? module.files[0] ?? module.specFile, module: module.id }];
}

/**
 * The modules that declare `logger` (`DATA.SCHWAB`), or the longest declared name it is a
 * child of (`DATA.SCHWAB.AUTH`), case-insensitively.
 */
function declaredLogger(logger: string, owned: Owned): MappedFrame[] {
  if (owned.loggers.size === 0) return [];
  let name = logger.toLowerCase();
  for (let i = 0; i < MAX_LOGGER_SEGMENTS && name !== ""; i++) {
    const ids = owned.loggers.get(name);
    if (ids) {
      return ids.flatMap((id) => {
        const m = owned.spec.modules.find((x) => x.id === id);
        return m ? [{ file: m.primaryFile ?? m.files[0] ?? m.specFile, module: id }] : [];
      });
    }
    const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf(":"), name.lastIndexOf("/"));
    name = cut > 0 ? name.slice(0, cut).replace(/:+$/, "") : "";
  }
  return [];
}

/**
 * The one module whose id has a logger segment as a part (`DATA.SCHWAB` -> `schwab_fetcher`
 * by `schwab`), the last segment first; a segment two modules share (`data`) decides nothing.
 */
function byNamePart(segments: string[], spec: SpecTree): SpecTree["modules"][number] | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const part = segments[i]!;
    if (part.length < 3) continue;
    const found = spec.modules.filter((m) => m.id.toLowerCase().split(/[_-]/).includes(part));
    if (found.length === 1) return found[0];
  }
  return undefined;
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
