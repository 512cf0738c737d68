import { posix } from "node:path";
import type { SourceFile } from "./files.js";
import type { FileFacts, Unit } from "./group.js";
import { PACKAGE_FILE } from "./primary.js";
import { RUBY_TEST, RubyMirror } from "./ruby-tests.js";
import type { Namespaces } from "../spec/namespaces.js";

/** A Python test as pytest and unittest collect it (`test_x.py`, `x_test.py`), or a Django app's `tests.py`. */
const PYTHON_TEST = /^test_.*\.py$|_test\.py$|^tests\.py$/;

/**
 * Each test file goes to the module it imports in the latest layer (so its imports obey that
 * module's layer rules), of those the one it imports most (a name match breaks ties).
 */
export function attachTests(facts: Map<string, FileFacts>, unitOf: Map<string, Unit>, rank: Map<string, number>, notes: string[], namedTested: (test: string) => string[]): Map<string, string[]> {
  const tests = new Map<string, string[]>();
  const unitOfDir = new Map<string, Unit>();
  let rubyMirror: RubyMirror | undefined;
  let folderUnits: Map<string, Unit> | undefined;
  let byStem: Map<string, SourceFile[]> | undefined;
  for (const [file, unit] of unitOf) if (!unitOfDir.has(posix.dirname(file))) unitOfDir.set(posix.dirname(file), unit);
  for (const f of facts.values()) {
    if (!f.file.test || (f.imports.length === 0 && PACKAGE_FILE.test(f.file.path))) continue;
    // `spec_helper.rb`, `spec/support/*.rb`: loaded by the tests of every module, so no one module's
    // (attached to the one it requires, it would sit above the modules whose specs require it).
    // So is Python's `conftest.py` (pytest loads it for every test below it) or a `tests/factories.py`: no test the runners collect.
    // So is ExUnit's `test_helper.exs`, which `mix test` runs first, and a Dart test folder's helpers and mocks (`test/helpers.dart`).
    if ((f.file.language === "ruby" && !RUBY_TEST.test(posix.basename(f.file.path))) || (f.file.language === "python" && !PYTHON_TEST.test(posix.basename(f.file.path))) || (f.file.language === "elixir" && !f.file.path.endsWith("_test.exs")) || (f.file.language === "dart" && !f.file.path.endsWith("_test.dart"))) {
      notes.push(`${f.file.path}: a test helper the tests share, attached to no module`);
      continue;
    }
    const count = new Map<string, number>();
    for (const target of f.imports) {
      const u = unitOf.get(target);
      if (u) count.set(u.id, (count.get(u.id) ?? 0) + 1);
    }
    // A Go test is in its package: it tests the module of its own folder, import or not; a Java
    // test is in the same package under `src/test/` as the code under `src/main/`; a Ruby spec
    // mirrors the file it tests (its `require "spec_helper"` loads the whole library).
    const dir = posix.dirname(f.file.path);
    // A C# test's namespace is the tested code's with `.Tests` on (`Shop.Core.Tests`), and sees its types without a `using`;
    // a Swift test target is its target's with `Tests` on (`OrbitKitTests`), as SwiftPM names them.
    const own = f.file.language === "go" || f.file.language === "java" ? samePackageUnit(f.file.path, unitOf, unitOfDir) : f.file.language === "ruby" ? (rubyMirror ??= new RubyMirror(unitOf)).testedBy(f.file.path) : f.file.language === "csharp" || f.file.language === "swift" ? mostCommon(namedTested(f.file.path).flatMap((t) => unitOf.get(t) ?? [])) : undefined;
    // Unless it imports a module of a later layer (Go's `package notes_test` using the storage that imports
    // `notes`): there its imports decide, as for other tests, so the layer rules hold for it.
    if (own && ![...count.keys()].some((id) => rank.get(id)! > rank.get(own.id)!)) {
      tests.set(own.id, [...(tests.get(own.id) ?? []), f.file.path]);
      continue;
    }
    const stem = testedStem(f.file.path);
    // Of modules alike in layer, the one holding the file the test is named for (`order.test.ts` importing
    // `order.ts` beside `catalog/index.ts`; `tests/posting.rs` using `journal/posting.rs`): what it tests.
    const named = new Set(f.imports.filter((t) => testedStem(t) === stem).flatMap((t) => unitOf.get(t)?.id ?? []));
    const imported = [...count].sort(([a, x], [b, y]) => rank.get(b)! - rank.get(a)! || Number(named.has(b)) - Number(named.has(a)) || y - x || Number(b === stem) - Number(a === stem) || (a < b ? -1 : 1))[0]?.[0];
    // A test under `tests/` that mirrors a file's path (`tests/repositories/test_books.py`, its repository
    // from a conftest fixture) tests that file, where its imports allow: no module it imports sits higher.
    const mirror = mirroredUnit(f.file, (byStem ??= filesByStem(unitOf, facts)), unitOf)?.id;
    const best = mirror !== undefined && (imported === undefined || rank.get(mirror)! >= rank.get(imported)!) ? mirror : imported;
    // A test of no import of ours (a Django app's `tests.py` that only imports `django.test`) goes with
    // the folder module it sits in (`shop/tests.py`, `accounts/tests/test_models.py`), not the root's.
    const home = best ? undefined : enclosingFolderUnit(dir, (folderUnits ??= unitsByFolder(unitOf)));
    if (home) {
      tests.set(home.id, [...(tests.get(home.id) ?? []), f.file.path]);
      continue;
    }
    if (!best) {
      notes.push(`${f.file.path}: a test that imports none of the project's modules, attached to none`);
      continue;
    }
    tests.set(best, [...(tests.get(best) ?? []), f.file.path]);
  }
  return tests;
}

/** The project's files that are not tests, by `testedStem`. */
function filesByStem(unitOf: Map<string, Unit>, facts: Map<string, FileFacts>): Map<string, SourceFile[]> {
  const byStem = new Map<string, SourceFile[]>();
  for (const path of unitOf.keys()) {
    const file = facts.get(path)?.file;
    if (file && !file.test) byStem.set(testedStem(path), [...(byStem.get(testedStem(path)) ?? []), file]);
  }
  return byStem;
}

/** The module of the one file of the test's language whose path ends as the test's does below its `tests/` (`tests/a/test_b.py` -> `src/pkg/a/b.py`). */
function mirroredUnit(test: SourceFile, byStem: Map<string, SourceFile[]>, unitOf: Map<string, Unit>): Unit | undefined {
  const below = /(?:^|\/)(?:tests?|__tests__|specs?)((?:\/[^/]+)*)$/.exec(posix.dirname(test.path));
  if (!below) return undefined;
  const tail = `${below[1]}/`;
  const found = (byStem.get(testedStem(test.path)) ?? []).filter((f) => f.language === test.language && `/${posix.dirname(f.path)}/`.endsWith(tail));
  return found.length === 1 ? unitOf.get(found[0]!.path) : undefined;
}

/** A file's name without extension and test affix, lower-case: `order` of `order.test.ts`, `test_order.py` and `order.py`. */
function testedStem(path: string): string {
  return posix.basename(path).replace(/\.[^.]+$/, "").replace(/^test_|_test$|\.(?:test|spec)$/g, "").toLowerCase();
}

/**
 * The module a Go or Java test is in the package of: a Go test's own folder, a Java test's mirror under
 * `src/main/`. Of a Java package split into modules (a cycle through another package), the one holding
 * the class the test is named for (`WiringTest.java` -> `Wiring.java`), else its first.
 */
function samePackageUnit(test: string, unitOf: Map<string, Unit>, unitOfDir: Map<string, Unit>): Unit | undefined {
  // Of any test source set: `src/test/`, Android's `src/androidTest/`, Gradle's `src/integrationTest/`.
  const dir = posix.dirname(test).replace(/(^|\/)src\/(?:test|[a-z]\w*Test|test[A-Z]\w*)\//, "$1src/main/");
  const ext = posix.extname(test);
  const named = posix.basename(test, ext).replace(/_test$|(?<=.)(?:Tests?|IT|Spec|Suite)$/, "");
  return unitOf.get(posix.join(dir, named + ext)) ?? unitOfDir.get(dir);
}

/** The modules that are a whole folder, by that folder; not one of the project's root. */
function unitsByFolder(unitOf: Map<string, Unit>): Map<string, Unit> {
  const byFolder = new Map<string, Unit>();
  for (const u of unitOf.values()) if (u.folder && u.folder !== ".") byFolder.set(u.folder, u);
  return byFolder;
}

/** The deepest of `byFolder`'s modules whose folder holds `dir`, if any. */
function enclosingFolderUnit(dir: string, byFolder: Map<string, Unit>): Unit | undefined {
  for (let at = dir; at !== "." && at !== ""; at = posix.dirname(at)) {
    const u = byFolder.get(at);
    if (u) return u;
  }
  return undefined;
}

/** The files of the namespace a C# test's namespace names before its test part (`Shop.Core` of `Shop.Core.Tests.Money`). */
export function testedNamespace(test: string, tests: Namespaces, code: Namespaces): string[] {
  for (const ns of tests.namespacesOf(test)) {
    const parts = ns.split(".");
    const at = parts.findIndex((p) => /(?:Tests?|Specs?)$/.test(p));
    if (at > 0) return code.resolve(parts.slice(0, at).join("."));
  }
  return [];
}

function mostCommon<T>(items: T[]): T | undefined {
  const count = new Map<T, number>();
  for (const item of items) count.set(item, (count.get(item) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
}
