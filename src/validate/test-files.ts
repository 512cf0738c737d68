import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

/** Test files looked for per module, from each owned file's stem (`pkg/events.py` -> `events`). */
const MODULE_TEST_NAMES: Record<string, (stem: string, dir: string) => string[]> = {
  ".py": (s, d) => [`tests/test_${s}.py`, `test/test_${s}.py`, `tests/${s}_test.py`, join(d, `test_${s}.py`), join(d, `${s}_test.py`), join(d, "tests", `test_${s}.py`)],
  ".ts": (s, d) => [join(d, `${s}.test.ts`), join(d, `${s}.spec.ts`), `test/${s}.test.ts`, `tests/${s}.test.ts`, join(d, "__tests__", `${s}.test.ts`), `__tests__/${s}.test.ts`],
  ".tsx": (s, d) => [join(d, `${s}.test.tsx`), `test/${s}.test.tsx`],
  ".js": (s, d) => [join(d, `${s}.test.js`), join(d, `${s}.spec.js`), `test/${s}.test.js`, `tests/${s}.test.js`, join(d, "__tests__", `${s}.test.js`), `__tests__/${s}.test.js`],
  ".go": (s, d) => [join(d, `${s}_test.go`)],
  // Maven and Gradle keep tests in the mirror of the main source tree.
  ".java": (s, d) => [join(d.replace(/(^|\/)src\/main\//, "$1src/test/"), `${s}Test.java`)],
  ".kt": (s, d) => [join(d.replace(/(^|\/)src\/main\//, "$1src/test/"), `${s}Test.kt`)],
  ".rb": (s, d) => [join(d.replace(/^lib(\/|$)/, "spec$1"), `${s}_spec.rb`), `spec/${s}_spec.rb`, join(d.replace(/^lib(\/|$)/, "test$1"), `${s}_test.rb`), `test/${s}_test.rb`],
};

/** A test file by its name, in the runners' conventions: `test_x.py`, `x_test.go`, `x.test.ts`, `XTest.java`, `x_spec.rb`, `test_x.c`. */
const TEST_NAME = /^test_[^/]+\.\w+$|_tests?\.\w+$|\.(?:test|spec)\.[cm]?[jt]sx?$|Tests?\.(?:java|kt|cs)$|_spec\.rb$/;

const isTestName = (file: string) => TEST_NAME.test(basename(file));

/** The test files found by name for a module's owned files, in the order of its files (the module gate runs the first). */
export function testFilesByName(root: string, files: readonly string[], exists: (path: string) => boolean = existsSync): string[] {
  const found: string[] = [];
  for (const file of files) {
    const names = MODULE_TEST_NAMES[extname(file)];
    if (!names) continue;
    const stem = basename(file, extname(file));
    if (isTestName(file) || stem.startsWith("test_")) continue;
    for (const candidate of names(stem, dirname(file))) {
      const path = candidate.split("\\").join("/");
      if (!found.includes(path) && exists(join(root, candidate))) found.push(path);
    }
  }
  return found;
}

/**
 * A module's tests: the test files it owns (`init --from-code` attaches `tests/test_ledger.py`
 * to `ledger`) and those found by name from its other files, as its discovered module gate
 * finds them. What an agent is told to keep passing.
 */
export function moduleTestFiles(root: string, files: readonly string[], exists?: (path: string) => boolean): string[] {
  const owned = files.filter((f) => !f.includes("*") && isTestName(f));
  const byName = testFilesByName(root, files, exists).filter((f) => !owned.includes(f));
  return [...owned, ...byName];
}
