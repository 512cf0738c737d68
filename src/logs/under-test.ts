import { posix } from "node:path";
import { extractImports } from "../spec/imports.js";
import { codeOf } from "../spec/components.js";
import { resolveImport } from "../spec/resolve.js";
import type { SpecTree } from "../spec/types.js";
import { readSource, treeIndex } from "../validate/architecture.js";
import { importStyleOfFile, maskSource } from "../validate/source.js";
import { isTestName } from "../validate/test-files.js";
import { pathUnder } from "../path-under.js";

/** A folder only tests live in: `tests/`, `test/`, `spec/`, `__tests__/`, Maven's `src/test/`. */
const TEST_FOLDER = /(?:^|\/)(?:tests?|spec|__tests__)\//;
/** How far up a written path is cut to find the file under the root (`/srv/app/tests/x.py`). */
const MAX_SEGMENTS_DROPPED = 8;
/** A test file longer than this is read no further: imports come first. */
const MAX_TEST_CHARS = 200_000;

/**
 * The modules a test file no spec lists is a test of: the modules whose files it imports
 * (`from stacks.circulation.loans import checkout`, `#include "control/vents.h"`). A failure
 * reported at `tests/test_due_dates.py:8` is a bug in what that test tests, not in nothing and
 * not in the whole system. `written` may be absolute or from another machine's checkout
 * (`/srv/stacks/tests/...`): its longest tail that is a file under the root is read. Empty for a
 * path that is no test file, no file on disk, or imports no module's file.
 */
export function modulesUnderTest(written: string, spec: SpecTree): string[] {
  const file = testFileUnder(written.replace(/\\/g, "/"), spec.root);
  if (file === undefined) return [];
  const style = importStyleOfFile(file);
  const text = style && readSource(pathUnder(spec.root, file));
  if (!style || text === undefined) return [];
  const resolver = treeIndex(spec).resolver();
  const ids = new Set<string>();
  for (const ref of extractImports(maskSource(codeOf(file, text.slice(0, MAX_TEST_CHARS)), style), style)) {
    const found = resolveImport(ref, { primaryFile: file, files: [file] }, resolver);
    const owners = found === "external" || found.length === 0 ? (style === "c" ? headerOwner(ref.specifier, spec) : []) : found;
    for (const id of owners) ids.add(id);
  }
  return spec.modules.filter((m) => ids.has(m.id)).map((m) => m.id);
}

/** The written path, or its longest tail, when it is a test file (by name or folder) under the root. */
function testFileUnder(path: string, root: string): string | undefined {
  if (!isTestName(path) && !TEST_FOLDER.test(path)) return undefined;
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  for (let drop = 0; drop < Math.min(segments.length, MAX_SEGMENTS_DROPPED); drop++) {
    const tail = segments.slice(drop).join("/");
    if (tail.startsWith("..")) continue;
    if (readSource(pathUnder(root, tail)) !== undefined) return tail;
  }
  return undefined;
}

/**
 * A header no spec lists is its source's: `control/vents.h` is the module's that owns
 * `src/control/vents.cpp`, when one module alone owns a C or C++ file of that path and stem.
 */
function headerOwner(include: string, spec: SpecTree): string[] {
  const stem = `/${posix.normalize(include).replace(/^(?:\.\.?\/)+/, "").replace(/\.[^./]+$/, "")}`;
  const owners = new Set<string>();
  for (const m of spec.modules) {
    if (m.files.some((file) => importStyleOfFile(file) === "c" && `/${file.replace(/\.[^./]+$/, "")}`.endsWith(stem))) owners.add(m.id);
  }
  return owners.size === 1 ? [...owners] : [];
}
