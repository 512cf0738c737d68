import { posix } from "node:path";

/**
 * CMake's comments gone: `# to the line's end` and bracket comments (`#[[ ... ]]`, `#[==[ ... ]==]`),
 * in one pass with `indexOf`; an unclosed bracket comment runs to the end, as CMake reads it. The
 * pattern `/#\[(=*)\[[\s\S]*?\]\1\]/g` scanned to the end again from every unclosed `#[[`:
 * 240 KB of them took 5 s.
 */
export function stripCmakeComments(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf("#"); at >= 0; at = text.indexOf("#", from)) {
    out.push(text.slice(from, at));
    const bracket = /^\[(=*)\[/.exec(text.slice(at + 1, at + 1 + MAX_EQUALS + 2));
    if (bracket) {
      const close = text.indexOf(`]${bracket[1]}]`, at + 1 + bracket[0].length);
      from = close < 0 ? text.length : close + bracket[1]!.length + 2;
    } else {
      const end = text.indexOf("\n", at);
      from = end < 0 ? text.length : end;
    }
  }
  out.push(text.slice(from));
  return out.join("");
}

/** More `=` than any bracket comment has: a longer run is read as a line comment. */
const MAX_EQUALS = 64;

/**
 * Each call of one of `names` (lower-case) in `code` (comments stripped), with its arguments as
 * written: `add_test(NAME t COMMAND x)` -> `{ name: "add_test", args: "NAME t COMMAND x" }`. One pass:
 * a call left open ends the search (no later `)` can close another), where `/add_test\s*\(([^)]*)\)/g`
 * scanned to the end from every open call (20,000 unclosed calls: 6 s).
 */
export function cmakeCalls(code: string, names: ReadonlySet<string>): { name: string; args: string }[] {
  const calls: { name: string; args: string }[] = [];
  const call = /\b([A-Za-z_]\w{0,63})[ \t]*\(/g;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    const name = m[1]!.toLowerCase();
    if (!names.has(name)) continue;
    const open = m.index + m[0].length;
    const close = code.indexOf(")", open);
    if (close < 0) break;
    calls.push({ name, args: code.slice(open, close) });
    call.lastIndex = close + 1;
  }
  return calls;
}

/** A library or executable a CMakeLists.txt declares, with what it is built from and links to. */
export interface CmakeTarget {
  name: string;
  kind: "library" | "executable";
  /** The folder of the CMakeLists.txt that declares it ("" for the root). */
  dir: string;
  /** Its sources as project paths (`src/geom/vec.cpp`); a `${VAR}` that no `set()` in its file gives is left out. */
  sources: string[];
  /** The names it links to (`target_link_libraries`), aliases (`shapes::geom`) resolved to their target. */
  links: string[];
}

const TARGET_CALLS: ReadonlySet<string> = new Set(["set", "add_library", "add_executable", "target_sources", "target_link_libraries"]);
/** The words of `add_library`/`add_executable`, `target_sources` and `target_link_libraries` that are no source or library. */
const TARGET_KEYWORDS = new Set(["STATIC", "SHARED", "MODULE", "OBJECT", "INTERFACE", "EXCLUDE_FROM_ALL", "WIN32", "MACOSX_BUNDLE", "PUBLIC", "PRIVATE", "LINK_PUBLIC", "LINK_PRIVATE", "LINK_INTERFACE_LIBRARIES", "debug", "optimized", "general", "FILE_SET", "TYPE", "HEADERS", "CXX_MODULES", "BASE_DIRS", "FILES"]);

/** Words the `${VAR}`s of one CMakeLists.txt may expand to, in all: `set(V ${V} ${V})` over and over doubles `V` each time. */
const MAX_EXPANDED_WORDS = 65536;

/**
 * The targets the CMakeLists.txt files declare, by their texts and folders: `add_library(geom STATIC vec.cpp)`,
 * `add_executable(app main.cpp)`, sources added by `target_sources`, links by `target_link_libraries`, wherever
 * in the tree those are called. Imported targets are not the project's; an `ALIAS` names its target.
 */
export function cmakeTargets(lists: { dir: string; text: string }[]): CmakeTarget[] {
  const targets = new Map<string, CmakeTarget>();
  const aliases = new Map<string, string>();
  const later: { name: string; call: string; words: string[]; dir: string }[] = [];
  for (const { dir, text } of lists) {
    const vars = new Map<string, string[]>();
    const budget = { left: MAX_EXPANDED_WORDS };
    for (const { name: call, args } of cmakeCalls(stripCmakeComments(text), TARGET_CALLS)) {
      const [name, ...rest] = cmakeWords(args, vars, dir, budget);
      if (!name) continue;
      if (call === "set") vars.set(name, rest.filter((w) => w !== "CACHE" && w !== "PARENT_SCOPE"));
      else if (rest[0] === "ALIAS" && rest[1]) aliases.set(name, rest[1]);
      else if (rest.includes("IMPORTED")) continue;
      else if (call === "add_library" || call === "add_executable") targets.set(name, { name, kind: call === "add_library" ? "library" : "executable", dir, sources: [], links: [] });
      later.push({ name, call, words: rest, dir });
    }
  }
  for (const { name, call, words, dir } of later) {
    const target = targets.get(name);
    if (!target) continue;
    const named = words.filter((w) => !TARGET_KEYWORDS.has(w) && !w.startsWith("$<"));
    if (call === "target_link_libraries") target.links.push(...named.map((w) => aliases.get(w) ?? w).filter((w) => w !== name));
    else if (call !== "set") target.sources.push(...named.map((w) => posix.normalize(posix.join(dir || ".", w))).filter((p) => p !== "." && !p.startsWith("../")));
  }
  return [...targets.values()].map((t) => ({ ...t, sources: [...new Set(t.sources)], links: [...new Set(t.links)] }));
}

/** A call's arguments as written, split into words: a quoted one (`"a b"`) is one, without its quotes. */
export function cmakeArgs(args: string): string[] {
  return [...args.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** A call's arguments as words: quotes gone, `${VAR}` of `set()` in the same file (up to the file's budget of words) and CMake's folder variables replaced, others dropped. */
function cmakeWords(args: string, vars: Map<string, string[]>, dir: string, budget: { left: number }): string[] {
  const words: string[] = [];
  for (const raw of args.match(/"[^"]*"|[^\s"]+/g) ?? []) {
    const word = raw.replace(/^"|"$/g, "");
    const whole = /^\$\{(\w+)\}$/.exec(word);
    if (whole && vars.has(whole[1]!)) {
      const value = vars.get(whole[1]!)!.slice(0, budget.left);
      budget.left -= value.length;
      words.push(...value);
      continue;
    }
    const path = word
      .replace(/^\$\{CMAKE_CURRENT_(?:SOURCE|LIST)_DIR\}\/?/, "")
      .replace(/^\$\{(?:CMAKE_SOURCE_DIR|PROJECT_SOURCE_DIR)\}\/?/, "/");
    if (path.includes("${")) continue;
    words.push(path.startsWith("/") ? posix.relative(dir ? `/${dir}` : "/", path) : path);
  }
  return words;
}
