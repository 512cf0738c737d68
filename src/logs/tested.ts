import { posix } from "node:path";

/**
 * The name of the file a test file is named for, lower-cased: `tests/test_stats.py` and
 * `stats_test.py` -> `stats`, `cart.test.ts` -> `cart`, `CartTest.java` -> `cart`, `cart_spec.rb`
 * -> `cart`, with the family of extensions that file may have. Undefined for a file that is no test.
 */
export function testedName(file: string): { name: string; extensions: readonly string[] } | undefined {
  const base = posix.basename(file);
  for (const [pattern, extensions] of NAMED) {
    const name = pattern.exec(base)?.[1];
    if (name) return { name: name.toLowerCase(), extensions };
  }
  return undefined;
}

const PY = [".py"];
const JS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const JVM = [".java", ".kt"];
const NAMED: [RegExp, readonly string[]][] = [
  [/^test_(.+)\.py$/, PY],
  [/^(.+)_test\.py$/, PY],
  [/^(.+)\.(?:test|spec)\.[cm]?[jt]sx?$/, JS],
  [/^(.+?)Tests?\.(?:java|kt)$/, JVM],
  [/^(.+?)Tests?\.cs$/, [".cs"]],
  [/^(.+)_(?:spec|test)\.rb$/, [".rb"]],
];
