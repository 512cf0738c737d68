import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import { filesByProject } from "./project-folders.js";

/** `name` in the folder `dir` of a normalised project path (`.` the root): joined without path.join's normalising, asked per attempt. */
const under = (dir: string, name: string) => (dir === "." || dir === "" ? name : `${dir}/${name}`);

/** Test files looked for per module, from each owned file's stem (`pkg/events.py` -> `events`). */
const MODULE_TEST_NAMES: Record<string, (stem: string, dir: string) => string[]> = {
  ".py": (s, d) => [`tests/test_${s}.py`, `test/test_${s}.py`, `tests/${s}_test.py`, under(d, `test_${s}.py`), under(d, `${s}_test.py`), under(d, `tests/test_${s}.py`)],
  ".ts": (s, d) => [under(d, `${s}.test.ts`), under(d, `${s}.spec.ts`), `test/${s}.test.ts`, `tests/${s}.test.ts`, under(d, `__tests__/${s}.test.ts`), `__tests__/${s}.test.ts`],
  ".tsx": (s, d) => [under(d, `${s}.test.tsx`), `test/${s}.test.tsx`],
  ".js": (s, d) => [under(d, `${s}.test.js`), under(d, `${s}.spec.js`), `test/${s}.test.js`, `tests/${s}.test.js`, under(d, `__tests__/${s}.test.js`), `__tests__/${s}.test.js`],
  ".go": (s, d) => [under(d, `${s}_test.go`)],
  // Maven and Gradle keep tests in the mirror of the main source tree.
  ".java": (s, d) => [under(d.replace(/(^|\/)src\/main\//, "$1src/test/"), `${s}Test.java`)],
  ".kt": (s, d) => [under(d.replace(/(^|\/)src\/main\//, "$1src/test/"), `${s}Test.kt`)],
  ".rb": (s, d) => [under(d.replace(/^lib(\/|$)/, "spec$1"), `${s}_spec.rb`), `spec/${s}_spec.rb`, under(d.replace(/^lib(\/|$)/, "test$1"), `${s}_test.rb`), `test/${s}_test.rb`],
};

/** A test file by its name, in the runners' conventions: `test_x.py`, `x_test.go`, `x.test.ts`, `XTest.java`, `XTests.swift`, `x_spec.rb`, `test_x.c`. */
const TEST_NAME = /^test_[^/]+\.\w+$|_tests?\.\w+$|\.(?:test|spec)\.[cm]?[jt]sx?$|Tests?\.(?:java|kt|cs|swift)$|_spec\.rb$|(?:Spec|Suite)\.scala$/;

/** `basename(file)` cut at the last `/` where that is not the path's end (which path.basename walks back from, character by character): asked for each file of every prompt. */
function nameOf(file: string): string {
  const cut = file.lastIndexOf("/");
  return cut < file.length - 1 ? file.slice(cut + 1) : basename(file);
}

export const isTestName = (file: string) => TEST_NAME.test(nameOf(file));

/**
 * What a caller keeps while the tree stays as it is (a run's prompts, through its FileStats): each
 * answer is found once for all the modules that ask it.
 */
export interface TestLookups {
  /** Folders found to be a project or not (filesByProject). */
  projects: Map<string, boolean>;
  /** By project, extension and a file's folder: whether any folder its tests could be in exists. */
  folders: Map<string, boolean>;
  /** Whether an absolute path is a folder. */
  isFolder: (path: string) => boolean;
}

/** A new, empty set of lookups over `isFolder`. */
export function testLookups(isFolder: (path: string) => boolean): TestLookups {
  return { projects: new Map(), folders: new Map(), isFolder };
}

/**
 * The test files found by name for a module's owned files, in the order of its files (the module
 * gate runs the first); not for a file whose stem `tested` says has its test already. With
 * `lookups`, a file none of whose tests' folders exists is not looked for name by name.
 */
export function testFilesByName(root: string, files: readonly string[], exists: (path: string) => boolean = existsSync, tested?: ReadonlySet<string>, lookups?: TestLookups): string[] {
  const found: string[] = [];
  const base = root.endsWith("/") ? root : `${root}/`;
  // By index: asked for every module's prompt, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per file.
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    // The file's name, extension and stem cut once (path.extname's checks cost more than the cut): asked for every module's prompt.
    const name = nameOf(file);
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 ? name.slice(dot) : "";
    const names = MODULE_TEST_NAMES[ext];
    if (!names) continue;
    const stem = name.slice(0, name.length - ext.length);
    if (TEST_NAME.test(name) || stem.startsWith("test_") || tested?.has(stem)) continue;
    const dir = dirname(file);
    if (lookups && !anyFolder(lookups, base, ext, dir, names)) continue;
    for (const candidate of names(stem, dir)) {
      const path = candidate.includes("\\") ? candidate.split("\\").join("/") : candidate;
      if (!found.includes(path) && exists(base + candidate)) found.push(path);
    }
  }
  return found;
}

/**
 * Whether any folder a test of a file in `dir` could be in exists: the same for every file of that
 * extension there, whatever its stem (a stem holds no `/`), so found once per folder. In a tree
 * whose modules' folders are not written yet, none does, and the names are not made at all.
 */
function anyFolder(lookups: TestLookups, base: string, ext: string, dir: string, names: (stem: string, dir: string) => string[]): boolean {
  const key = `${base}\0${ext}\0${dir}`;
  let any = lookups.folders.get(key);
  if (any === undefined) {
    any = names("x", dir).some((candidate) => {
      const cut = candidate.lastIndexOf("/");
      return lookups.isFolder(cut < 0 ? base : base + candidate.slice(0, cut));
    });
    lookups.folders.set(key, any);
  }
  return any;
}

/** What a test file is named for: `tests/test_ledger.py`, `ledger_test.go`, `ledger.spec.ts`, `LedgerTest.java` -> `ledger`/`Ledger`. */
function testedStem(test: string): string {
  return nameOf(test).replace(/\.[^.]+$/, "").replace(/^test_|_tests?$|\.(?:test|spec)$|Tests?$|_spec$/, "");
}

/**
 * A module's tests: the test files it owns (`init --from-code` attaches `tests/test_ledger.py`
 * to `ledger`) and those found by name from its other files, as its discovered module gate
 * finds them (in the project holding the file), for each file whose test it does not own. What an agent is told to keep passing.
 * `lookups`: what was found for other modules (which folders are projects, which hold none of a
 * file's tests), kept by a caller while `exists` answers the same.
 */
export function moduleTestFiles(root: string, files: readonly string[], exists: (path: string) => boolean = existsSync, lookups?: TestLookups): string[] {
  const owned = files.filter((f) => !f.includes("*") && isTestName(f));
  // A file whose test the module owns is not looked for by name: asked on every attempt, a thousand modules' lookups cost a run 60 ms.
  const tested = new Set(owned.map(testedStem));
  const base = root.endsWith("/") ? root : `${root}/`;
  const byName: string[] = [];
  // Looked for in the project holding each file, as its module gate is: `backend/tests/test_ledger.py` in a repository without a runner at its root.
  // forEach and an index rather than for-of: asked for every module's prompt, where (below TurboFan, src/cli/heap.ts)
  // a for-of allocates an iterator and a result per element, and a [dir, files] destructuring one more each.
  filesByProject(files, (path) => exists(base + path), lookups?.projects).forEach((inIt, dir) => {
    const found = testFilesByName(dir ? base + dir : root, inIt, exists, tested, lookups);
    for (let i = 0; i < found.length; i++) {
      const path = dir ? `${dir}/${found[i]!}` : found[i]!;
      if (!owned.includes(path) && !byName.includes(path)) byName.push(path);
    }
  });
  return [...owned, ...byName];
}
