import { join, normalize } from "node:path";
import { readCapped } from "../read-capped.js";
import { cmakeArgs, cmakeCalls, stripCmakeComments } from "../spec/cmake.js";
import { unrollForeach } from "../spec/cmake-foreach.js";

/** Where discovered CMake gates build, under the project root: CMake's own convention. */
export const CMAKE_BUILD_DIR = "build";

const MAX_LISTS = 200;
const CALLS = new Set(["add_executable", "add_test", "add_subdirectory"]);
const MAX_BYTES = 1024 * 1024;

/** One `add_test` of the project, with the sources of the executable it runs (project-relative). */
export interface CtestTest {
  name: string;
  sources: string[];
}

/** How the top CMakeLists.txt turns testing on, which `ctest` in the build folder needs: `enable_testing()`, `include(CTest)`, or undefined. */
export function cmakeTesting(text: string): string | undefined {
  const code = stripCmakeComments(text);
  if (/\benable_testing\s*\(/i.test(code)) return "enable_testing()";
  return /\binclude\s*\(\s*CTest\s*\)/i.test(code) ? "include(CTest)" : undefined;
}

/**
 * The project's `add_test`s, read from the top CMakeLists.txt and the folders it adds
 * (`add_subdirectory`), as CMake reads them: `add_test(NAME n COMMAND target ...)` and the
 * older `add_test(n target ...)`, each with the sources of its `add_executable` target.
 * A `foreach` over listed names is unrolled (`test_${name}` for each name); names built from
 * other variables are left out: which test they are is only known once CMake runs.
 */
export function ctestTests(root: string): CtestTest[] {
  const executables = new Map<string, string[]>();
  const tests: { name: string; target: string }[] = [];
  const seen = new Set<string>();
  const queue = [""];
  while (queue.length && seen.size < MAX_LISTS) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const calls = cmakeCalls(unrollForeach(stripCmakeComments(readList(join(root, dir, "CMakeLists.txt")))), CALLS);
    for (const { args } of calls.filter((c) => c.name === "add_executable")) {
      const [target, ...rest] = cmakeArgs(args);
      if (target && plain(target)) executables.set(target, rest.filter((w) => !/^(WIN32|MACOSX_BUNDLE|EXCLUDE_FROM_ALL)$/.test(w)).map((s) => sourcePath(dir, s)));
    }
    for (const { args } of calls.filter((c) => c.name === "add_test")) {
      const w = cmakeArgs(args);
      const named = w[0]?.toUpperCase() === "NAME";
      const name = named ? w[1] : w[0];
      const command = named ? w[w.findIndex((x) => x.toUpperCase() === "COMMAND") + 1] : w[1];
      const target = command?.replace(/^\$<TARGET_FILE:([^>]+)>$/, "$1");
      if (name && target && plain(name) && plain(target)) tests.push({ name, target });
    }
    for (const { args } of calls.filter((c) => c.name === "add_subdirectory")) {
      const sub = cmakeArgs(args)[0];
      if (sub && plain(sub)) queue.push(normalize(join(dir, sub)).replace(/\/$/, ""));
    }
  }
  return tests.map(({ name, target }) => ({ name, sources: executables.get(target) ?? [] }));
}

/** `ctest -R` for exactly these tests: `^(test_uart|test_ring)$`. */
export function ctestFilter(names: readonly string[]): string {
  return `'^(${names.map((n) => n.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&")).join("|")})$'`;
}

function readList(path: string): string {
  try {
    return readCapped(path, MAX_BYTES)?.text ?? "";
  } catch {
    return "";
  }
}


/** A word with no variable or generator expression to expand (a `$<TARGET_FILE:x>` command is read before this). */
const plain = (word: string): boolean => /^[\w.+/-]+$/.test(word);

function sourcePath(dir: string, source: string): string {
  const file = source.replace(/^\$\{(?:CMAKE_CURRENT_SOURCE_DIR|CMAKE_CURRENT_LIST_DIR)\}\//, "").replace(/^\$\{(?:CMAKE_SOURCE_DIR|PROJECT_SOURCE_DIR)\}\//, "/");
  return file.startsWith("/") ? file.slice(1) : normalize(join(dir, file));
}
