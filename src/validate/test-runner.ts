import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { dotnetTests } from "./dotnet-tests.js";
import { phpTests } from "./php-tests.js";
import { BAZEL_ROOTS, bazelTests } from "./bazel-tests.js";
import { mixTests } from "./mix-tests.js";
import { denoTests } from "./deno-tests.js";
import { dartTests } from "./dart-tests.js";
import { sbtTests } from "./sbt-tests.js";
import { nxTests } from "./nx-tests.js";
import { scriptGate } from "./npm-tests.js";
import { cmakeTesting, CMAKE_BUILD_DIR, ctestTests, type CtestTest } from "./cmake-tests.js";
import { cmakeBuild, ctestModule } from "./compiled-module-tests.js";
import { GRADLE_BUILDS, GRADLE_SETTINGS, settingsProjects } from "../spec/gradle-settings.js";
import { hasWorkspaces, npmTest, readBuildFile, scriptsOf, workspaceTest } from "./package-json.js";
import type { DiscoverySpec } from "./discover.js";

export interface Runner {
  system: string;
  from: string;
  module?: (file: string) => string;
  /** `module` takes several test files' paths, separated by spaces (pytest, `npm test --`, unittest, RSpec). */
  paths?: boolean;
  /** A module's gate of all its test files, run by their classes (Maven's `-Dtest=A,B`, Gradle's `--tests A --tests B`): instead of `module`. */
  classes?: (tests: readonly string[]) => string;
  /** A module's gate of all its test files, undefined where they give none (`why` says why): instead of `module`. */
  tests?: (tests: readonly string[]) => string | undefined;
  /** Why a module with tests may get no gate from this runner, for the plan's lines. */
  why?: string;
  /** Test files the runner's unit phase leaves to another (Failsafe's `*IT.java`, run by `mvn verify`), and what runs them. */
  integration?: { name: RegExp; what: string };
  /** A module's gate from all its files, for a runner that filters by more than one test file's path. */
  moduleOf?: (files: readonly string[]) => ModuleCheck | undefined;
  /**
   * The flag that runs the tool offline, placed after its program where the sandbox has no
   * network (`-o`, `--offline`): Maven and Gradle have no variable for it (Cargo and Go do: the sandbox sets them).
   */
  offline?: string;
}

export interface ModuleCheck {
  run: string;
  from: string;
}

/** The project's test runner, from its build files; undefined when none is found. */
export function testRunner(root: string, spec: DiscoverySpec): Runner | undefined {
  const has = (f: string) => existsSync(join(root, f));
  const read = (f: string) => readBuildFile(join(root, f));
  // Bazel builds and tests the whole workspace, whatever other manifests its packages keep (a go.mod, a package.json).
  const bazel = BAZEL_ROOTS.find(has);
  if (bazel) return { system: "bazel test //...", from: bazel, tests: (tests) => bazelTests(root, tests), why: "a module's tests in no Bazel package (a folder with a BUILD file) have no target to run" };
  const pkg = read("package.json");
  const scripts = scriptsOf(pkg);
  // An Nx workspace runs a project's tests by its name, whatever the root's script says.
  const nx = nxTests(root);
  if (npmTest(scripts)) {
    const gate = scriptGate(root, scripts);
    // Turborepo runs a package's task through its graph (its dependencies' builds first); pnpm's workspaces are in pnpm-workspace.yaml.
    const tool = has("turbo.json") ? "turbo" : has("pnpm-workspace.yaml") ? "pnpm" : "npm";
    const moduleOf = nx?.moduleOf ?? (hasWorkspaces(pkg) || tool !== "npm" ? (files: readonly string[]) => workspaceTest(root, files, tool) : undefined);
    return { system: "npm test", from: "package.json scripts.test", ...(gate.module ? { tests: gate.module } : {}), ...(gate.why ? { why: gate.why } : {}), ...(moduleOf ? { moduleOf } : {}) };
  }
  if (nx) return nx;
  const deno = denoTests(root);
  if (deno) return deno;
  if (has("go.mod")) return { system: "go test ./...", from: "go.mod", module: (f) => `go test ./${dirname(f) === "." ? "" : `${dirname(f)}/`}` };
  if (has("Cargo.toml")) return { system: "cargo test", from: "Cargo.toml" };
  if (has("pom.xml")) return { system: "mvn -B test", from: "pom.xml", classes: (tests) => mavenTests(tests, has), offline: "-o", integration: FAILSAFE };
  const gradle = GRADLE_BUILDS.find(has);
  if (gradle) {
    const run = has("gradlew") ? "./gradlew" : "gradle";
    const settings = GRADLE_SETTINGS.find(has);
    const projects = settings ? settingsProjects({ dir: "", text: read(settings) }) : new Map<string, string>();
    return { system: `${run} test`, from: gradle, tests: (tests) => gradleTests(run, tests, has, projects), why: "Android's instrumented tests (src/androidTest/) run on a device, not in a gate", offline: "--offline" };
  }
  if (has("Package.swift")) return { system: "swift test", from: "Package.swift", tests: swiftTests };
  if (has("build.sbt")) return { system: "sbt test", from: "build.sbt", tests: (tests) => sbtTests(read("build.sbt"), tests) };
  if (has("mix.exs")) return { system: "mix test", from: "mix.exs", tests: (tests) => mixTests(root, tests) };
  const dart = dartTests(root);
  if (dart) return { ...dart, why: "a module's tests outside a pub package (a folder with a pubspec.yaml) or not named `*_test.dart` are not run alone" };
  const bundle = has("Gemfile") ? "bundle exec " : "";
  if (has(".rspec") || (has("spec") && hasFiles(join(root, "spec"), /_spec\.rb$/))) return { system: `${bundle}rspec`, from: has(".rspec") ? ".rspec" : "spec/", module: (f) => `${bundle}rspec ${f}`, paths: true };
  if (has("Rakefile") && has("test") && hasFiles(join(root, "test"), /_test\.rb$|^test_.*\.rb$/)) return { system: `${bundle}rake test`, from: "Rakefile", module: (f) => `${bundle}ruby -Itest ${f}` };
  // Python before the runners added after it, so that a project with Python's tests keeps them (a pybind11 CMakeLists.txt).
  return pythonRunner(root, spec, has, read) ?? nativeRunner(root, spec, has, read) ?? makeRunner(has, read);
}

/**
 * Failsafe's integration tests by its default includes (`IT*.java`, `*IT.java`, `*ITCase.java`, Kotlin's too):
 * `mvn test` (Surefire) does not run them, `mvn verify` does, often against a database or a server, so they
 * are no module's unit gate, and a `-Dtest=` naming one would run it in Surefire.
 */
/** Maven's test sources, where Failsafe looks for its tests. */
export const TEST_SOURCES = /(?:^|\/)src\/test\//;
const FAILSAFE = { name: /^(?:IT[A-Z]\w*|\w+IT|\w+ITCase)\.(?:java|kt)$/, what: "Failsafe's integration tests (*IT.java)" };

/**
 * A Swift module's tests by `swift test --filter`, one a test class as SwiftPM names it: its test
 * target (the folder under `Tests/`) and the class its file is named for (`KeplerTests.AnomalyTests`).
 */
function swiftTests(tests: readonly string[]): string | undefined {
  const filters = tests.flatMap((t) => {
    const target = /(?:^|\/)Tests\/(\w+)\//.exec(t)?.[1];
    return target && /\.swift$/.test(t) ? [`--filter ${target}.${testClass(t)}`] : [];
  });
  return filters.length ? `swift test ${[...new Set(filters)].join(" ")}` : undefined;
}

/**
 * Maven's run of a module's test classes: `-Dtest=MoneyTest,RateTest`; where they all sit in
 * Maven modules of a multi-module build (a folder below the root with its own pom.xml), only
 * those modules and what they need are built (`-pl money -am`) rather than the whole reactor,
 * whose every module would compile and look for the classes. `-am` builds the dependencies
 * from source, so nothing need be installed; their tests are filtered out by `-Dtest`.
 */
function mavenTests(tests: readonly string[], has: (f: string) => boolean): string {
  const projects = new Set(tests.map((t) => buildFolder(t, ["pom.xml"], has)));
  const only = projects.has("") ? "" : ` -pl ${[...projects].join(",")} -am`;
  return `mvn -B test${only} -Dtest=${[...new Set(tests.map(testClass))].join(",")} -Dsurefire.failIfNoSpecifiedTests=false`;
}

/** The nearest folder above `file`, below the root, holding one of `names` ("" where none does). */
function buildFolder(file: string, names: readonly string[], has: (f: string) => boolean): string {
  for (let dir = dirname(file); dir !== "." && dir !== ""; dir = dirname(dir)) {
    if (names.some((n) => has(`${dir}/${n}`))) return dir;
  }
  return "";
}

/** A JVM test file's class, as Maven's `-Dtest` and Gradle's `--tests` take it: `MoneyTest` of `MoneyTest.kt`. */
function testClass(file: string): string {
  return basename(file, extname(file));
}

/**
 * Each subproject's test task with its filters: `:core:test --tests MoneyTest --tests RateTest`; a
 * `--tests` filters the task before it, so tests of two subprojects are two tasks. A test of another
 * source set runs in that set's task (`src/integrationTest/` in `integrationTest`); Android's instrumented
 * tests (`src/androidTest/`) need a device, so none of them: undefined when that leaves nothing.
 */
function gradleTests(run: string, tests: readonly string[], has: (f: string) => boolean, projects: ReadonlyMap<string, string>): string | undefined {
  const byTask = new Map<string, Set<string>>();
  for (const t of tests) {
    const set = /(?:^|\/)src\/([a-z]\w*Test|test[A-Z]\w*)\//.exec(t)?.[1] ?? "test";
    if (set.startsWith("androidTest") || set === "testFixtures") continue;
    const task = `${gradleProject(t, has, projects)}${set}`;
    byTask.set(task, (byTask.get(task) ?? new Set()).add(testClass(t)));
  }
  if (byTask.size === 0) return undefined;
  return `${run} ${[...byTask].map(([task, classes]) => `${task} ${[...classes].map((c) => `--tests ${c}`).join(" ")}`).join(" ")}`;
}

/**
 * The Gradle subproject a test file is in, as a task path's prefix: `:core:` for `core/src/test/...` beside
 * `core/build.gradle.kts` (its folder's path, Gradle's default; the path settings give a `projectDir`,
 * `:ledger-core:` for `libs/ledger/`); "" in the root project. A bare `test --tests X` runs every subproject's
 * tests with the filter, and fails in each whose tests none match it.
 */
function gradleProject(test: string, has: (f: string) => boolean, projects: ReadonlyMap<string, string>): string {
  const dir = buildFolder(test, GRADLE_BUILDS, has);
  if (!dir) return "";
  const named = [...projects].find(([, folder]) => folder === dir)?.[0];
  return `${named ?? `:${dir.split("/").join(":")}`}:`;
}

/** .NET's, PHP's and CMake's test runners. */
function nativeRunner(root: string, spec: DiscoverySpec, has: (f: string) => boolean, read: (f: string) => string): Runner | undefined {
  const dotnet = dotnetTests(root, spec.modules.some((m) => m.files.some((f) => /\.(?:cs|fs|vb)$/.test(f))));
  if (dotnet) return dotnet;
  const php = phpTests(root, read("composer.json"));
  if (php) return php;
  const testing = has("CMakeLists.txt") ? cmakeTesting(read("CMakeLists.txt")) : undefined;
  if (!testing) return undefined;
  const ctest = `${cmakeBuild(root)} && cd ${CMAKE_BUILD_DIR} && ctest --output-on-failure`;
  let tests: CtestTest[] | undefined;
  return { system: ctest, from: `CMakeLists.txt (${testing})`, moduleOf: (files) => ctestModule(root, files, ctest, (tests ??= ctestTests(root))) };
}

function pythonRunner(root: string, spec: DiscoverySpec, has: (f: string) => boolean, read: (f: string) => string): Runner | undefined {
  const python = ["pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "pytest.ini"].some(has) || spec.ownsPython;
  if (!python) return undefined;
  const configured = has("pytest.ini") ? "pytest.ini" : /^\[tool\.pytest/m.test(read("pyproject.toml")) ? "pyproject.toml [tool.pytest]" : /^\[tool:pytest\]/m.test(read("setup.cfg")) ? "setup.cfg [tool:pytest]" : undefined;
  const dir = ["tests", "test"].find((d) => hasPythonTests(join(root, d)));
  if (configured) return { system: "python3 -m pytest -q", from: configured, module: (f) => `python3 -m pytest -q ${f}`, paths: true };
  // A Django project's tests sit in its apps and run through its settings: `manage.py test`, not a bare pytest or unittest.
  if (/\bdjango\b|DJANGO_SETTINGS_MODULE/.test(read("manage.py"))) return { system: "python3 manage.py test", from: "manage.py (Django)", moduleOf: (files) => djangoAppTests(root, files) };
  // Unconfigured, pytest would crawl every folder (fixtures, vendored copies) and fail where there are no tests: its tests folder only.
  if (dir && pytestImportable(root)) return { system: `python3 -m pytest -q ${dir}`, from: "pytest (installed)", module: (f) => `python3 -m pytest -q ${f}`, paths: true };
  if (!dir) return undefined;
  return { system: `python3 -m unittest discover -s ${dir} -t .`, from: `${dir}/ (unittest)`, module: (f) => `python3 -m unittest ${f}`, paths: true };
}

/**
 * A Django module's gate: `manage.py test` of the apps its files are in (a folder with an
 * `apps.py`, `shop/` or `apps/orders/`, named by its dotted path, as Django takes a test label).
 */
function djangoAppTests(root: string, files: readonly string[]): ModuleCheck | undefined {
  const apps = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); dir !== "." && dir !== "/" && dir !== ""; dir = dirname(dir)) {
      if (existsSync(join(root, dir, "apps.py"))) {
        apps.add(dir);
        break;
      }
    }
  }
  const labels = [...apps].sort().map((dir) => dir.split("/").join("."));
  if (labels.length === 0 || !labels.every((l) => /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(l))) return undefined;
  return { run: `python3 manage.py test ${labels.join(" ")}`, from: `${[...apps].sort()[0]}/apps.py` };
}

/** `make test` (or `make check`, autotools' name) where the Makefile has that target; a project of no other runner. */
function makeRunner(has: (f: string) => boolean, read: (f: string) => string): Runner | undefined {
  // GNU make's own order of names.
  const makefile = ["GNUmakefile", "makefile", "Makefile"].find(has);
  if (!makefile) return undefined;
  const text = read(makefile);
  // A rule's line: `test:`, `check test: all`, `test::`; never `test := x` nor `.PHONY: test`.
  const target = ["test", "check"].find((t) => new RegExp(`^(?:[\\w.-]+[ \\t]+)*${t}(?:[ \\t]+[\\w.-]+)*[ \\t]*::?(?!=)`, "m").test(text));
  return target ? { system: `make ${target}`, from: `${makefile} (${target}:)` } : undefined;
}


function pytestImportable(root: string): boolean {
  const result = spawnSync("python3", ["-c", "import pytest"], { cwd: root, stdio: "ignore", timeout: 10_000 });
  return result.status === 0;
}

function hasPythonTests(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => /^test.*\.py$/.test(f));
  } catch {
    return false;
  }
}

/** Whether the folder, or a folder under it, holds a file whose name matches. */
function hasFiles(dir: string, name: RegExp): boolean {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).some((f) => name.test(basename(f)));
  } catch {
    return false;
  }
}

