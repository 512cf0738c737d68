import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { readCapped } from "../read-capped.js";
import type { SpecTree } from "../spec/types.js";
import { RustCrates } from "../spec/rust-paths.js";
import { moduleTestFiles } from "./test-files.js";
import { ownProject, visitProjectFolders } from "./project-folders.js";
import { dotnetTests } from "./dotnet-tests.js";
import { phpTests } from "./php-tests.js";
import { BAZEL_ROOTS, bazelTests } from "./bazel-tests.js";
import { mixTests } from "./mix-tests.js";
import { sbtTests } from "./sbt-tests.js";
import { nxTests } from "./nx-tests.js";
import { scriptGate } from "./npm-tests.js";
import { cmakeTesting, CMAKE_BUILD_DIR, ctestFilter, ctestTests, type CtestTest } from "./cmake-tests.js";
import type { GatesConfig, GateLists } from "./config.js";
import { frontMatterRuns, sameTestsConfigured, type SpecGateRun } from "./same-tests.js";
import type { CheckConfig, GateLevel } from "./types.js";

/** A check found from the project's own files, and where it applies. */
export interface DiscoveredCheck {
  level: GateLevel;
  /** "system", a layer id, or a module id. */
  target: string;
  check: CheckConfig;
  /** What it was found from: "pyproject.toml [tool.pytest]", "tests/test_events.py". */
  from: string;
}

/** What validates a run: the gates configured, those discovered, and whether there is anything at all. */
export interface ValidationPlan {
  /** Gates as the run will use them: the configured ones with the discovered ones under them. */
  config: GatesConfig;
  configured: GateLevel[];
  discovered: DiscoveredCheck[];
  /** True when discovery is off (`gates: { discover: false }`). */
  discoveryOff: boolean;
  /** True when no gate at any level has a check: nothing will be validated. */
  none: boolean;
  /** Why discovery found no module gates where a runner was found: `npm test` runs a script no module's tests can be picked out of. */
  notes: string[];
}

export const NO_VALIDATION = "no validation configured";

/** What discovery reads of a spec tree: `plan` keeps it with a plan, to validate without loading the tree again. */
export interface DiscoverySpec {
  layers: string[];
  modules: { id: string; files: string[] }[];
  /** Some module's front matter sets `validation`. */
  frontMatterValidation: boolean;
  /** Some module's front matter `validation` holds a check. */
  frontMatterChecks: boolean;
  /** The command lines of those checks, by module: a discovered system gate running the same tests is left out. Absent: none. */
  frontMatterRuns?: SpecGateRun[];
  /** Some module or layer has import rules. */
  importRules: boolean;
  /** Some module owns a `.py` file: a Python project even without its build files. */
  ownsPython: boolean;
}

export function discoverySpec(spec: SpecTree): DiscoverySpec {
  const validation = spec.modules.map((m) => m.frontMatter["validation"]);
  return {
    layers: spec.layers.map((l) => l.id),
    modules: spec.modules.map((m) => ({ id: m.id, files: m.files })),
    frontMatterValidation: validation.some((v) => v !== undefined && v !== null),
    frontMatterChecks: validation.some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === "object" && v !== null)),
    frontMatterRuns: spec.modules.flatMap((m, i) => frontMatterRuns(validation[i]).map((run) => ({ module: m.id, run }))),
    importRules: [...spec.modules, ...spec.layers].some((x) => x.allowedImports.length + x.forbiddenImports.length > 0),
    ownsPython: spec.modules.some((m) => m.files.some((f) => f.endsWith(".py"))),
  };
}

/**
 * Gates from the project itself, for a project that configured none: its test runner as the
 * system gate, each module's own tests (found by name) as its module gate, and the
 * architecture check as each layer's gate. A level that is configured anywhere (config or a
 * module's `validation:` front matter) is left to the configuration, whole; and no system gate
 * is discovered that runs the tests a configured module or layer gate runs (`mvn test`).
 */
export function planValidation(root: string, spec: SpecTree, config: DiscoveryConfig): ValidationPlan {
  return validationOf(root, discoverySpec(spec), config);
}

type DiscoveryConfig = GatesConfig & { gates?: GateLists & { discover?: boolean } };

/** `planValidation` from what discovery reads of the tree. */
export function validationOf(root: string, spec: DiscoverySpec, config: DiscoveryConfig): ValidationPlan {
  const configured = configuredLevels(config, spec);
  const discoveryOff = config.gates?.discover === false;
  const notes: string[] = [];
  const discovered = discoveryOff ? [] : discoverChecks(root, spec, configured.includes("module") ? [] : notes).filter((d) => !configured.includes(d.level) && !sameTestsAsConfigured(d, config, spec.frontMatterRuns ?? [], notes));
  const merged: GatesConfig = { ...config, gates: { ...config.gates }, modules: { ...config.modules } };
  for (const d of discovered) {
    if (d.level === "system") (merged.gates!.system ??= []).push(d.check);
    else if (d.level === "layer") merged.gates!.layer ??= [d.check];
    else merged.modules![d.target] = { gates: { module: [...(merged.modules![d.target]?.gates?.module ?? []), d.check] } };
  }
  const anyConfigured = configured.length > 0 && hasChecks(config, spec);
  return { config: merged, configured, discovered, discoveryOff, none: !anyConfigured && discovered.length === 0, notes };
}

/** A discovered system gate running the tests a configured gate runs (src/validate/same-tests.ts): left out, and `notes` says why. */
function sameTestsAsConfigured(d: DiscoveredCheck, config: GatesConfig, specRuns: readonly SpecGateRun[], notes: string[]): boolean {
  const why = d.level === "system" && d.check.run ? sameTestsConfigured(d.check.run, config, specRuns) : undefined;
  if (why) notes.push(why);
  return why !== undefined;
}

/**
 * One line per fact, for the run's first lines, `plan` and the report. `modules`: those the run
 * covers (its plan's), when not every module of the tree: discovered module gates of others are not named.
 */
export function describeValidation(v: ValidationPlan, modules?: ReadonlySet<string>): string[] {
  if (v.none) return [`${NO_VALIDATION}: no gates in orchestrate.config.yaml${v.discoveryOff ? " and discovery is off (`gates.discover: false`)" : ", and no test runner found in the project"}; modules are done when their agent says so`];
  const lines: string[] = [];
  if (v.configured.length) lines.push(`gates configured: ${v.configured.join(", ")}`);
  const system = v.discovered.filter((d) => d.level === "system");
  for (const d of system) lines.push(`system gate discovered: \`${d.check.run}\` (from ${d.from})`);
  const own = v.discovered.filter((d) => d.level === "module" && (!modules || modules.has(d.target)));
  if (own.length) lines.push(`module gates discovered: ${own.map((d) => `${d.target} (${d.from})`).join(", ")}`);
  lines.push(...v.notes);
  if (v.discovered.some((d) => d.level === "layer")) lines.push("layer gates discovered: the architecture check of each layer's import rules");
  return lines;
}

function configuredLevels(config: GatesConfig, spec: DiscoverySpec): GateLevel[] {
  const levels: GateLevel[] = [];
  const layers = Object.values(config.layers ?? {});
  const modules = Object.values(config.modules ?? {});
  if (config.gates?.module || spec.frontMatterValidation || layers.some((l) => l.gates?.module) || modules.some((m) => m.gates?.module)) levels.push("module");
  if (config.gates?.layer || layers.some((l) => l.gates?.layer)) levels.push("layer");
  if (config.gates?.system) levels.push("system");
  return levels;
}

/** Whether any configured list holds a check (an empty list configures a level away). */
function hasChecks(config: GatesConfig, spec: DiscoverySpec): boolean {
  const lists = [config.gates, ...Object.values(config.layers ?? {}).map((l) => l.gates), ...Object.values(config.modules ?? {}).map((m) => m.gates)];
  if (lists.some((g) => (g?.module?.length ?? 0) + (g?.layer?.length ?? 0) + (g?.system?.length ?? 0) > 0)) return true;
  return spec.frontMatterChecks;
}

/** `notes`: where a runner's module gates could not be found, why (once per project). */
function discoverChecks(root: string, spec: DiscoverySpec, notes: string[]): DiscoveredCheck[] {
  const out: DiscoveredCheck[] = [];
  const atRoot = testRunner(root, spec);
  const subprojects = subprojectRunners(root, spec);
  const projects = atRoot ? [{ dir: "", runner: atRoot }, ...subprojects] : subprojects;
  // A module's gate is its own files' project's: `web/` of another toolchain than the root's go.mod or Makefile.
  // One of the root's own toolchain (an npm workspace's package, a Cargo workspace's crate) is the root's to run.
  const separate = atRoot ? subprojects.filter((p) => ownProject(p.dir, (f) => existsSync(join(root, f)))) : [];
  // The system gate: the root's runner and each separate project's; a root Makefile's target alone, which is there to run them all.
  const systemOf = (dir: string) => !atRoot || !dir || (!atRoot.system.startsWith("make ") && separate.some((p) => p.dir === dir));
  const projectOf = (files: readonly string[]) => {
    const dirs = new Set(files.map((f) => separate.find((p) => f.startsWith(`${p.dir}/`))?.dir ?? ""));
    return dirs.size === 1 ? [...dirs][0]! : "";
  };
  for (const { dir, runner } of projects) {
    const at = dir ? join(root, dir) : root;
    const command = (name: string, run: string): CheckConfig => ({ name, kind: "command", run: inFolder(dir, run), ...(runner.offline ? { offline: inFolder(dir, offlineRun(run, runner.offline)) } : {}) });
    if (systemOf(dir)) out.push({ level: "system", target: "system", check: command(dir ? `tests (${dir})` : "tests", runner.system), from: dir ? `${dir}/${runner.from}` : runner.from });
    if (atRoot && dir && !separate.some((p) => p.dir === dir)) continue;
    const crates = runner.system === "cargo test" ? new RustCrates(at) : undefined;
    let missed = !runner.module && !runner.classes && !runner.tests && !runner.moduleOf && !crates;
    const integrated: string[] = [];
    for (const m of spec.modules) {
      if (atRoot && projectOf(m.files) !== dir) continue;
      const files = dir ? filesUnder(m.files, dir) : m.files;
      if (files.length === 0) continue;
      if (runner.integration && files.some((f) => TEST_SOURCES.test(f) && runner.integration!.name.test(basename(f)))) integrated.push(m.id);
      const cargo = crates && cargoTest(crates, files);
      const own = cargo ?? runner.moduleOf?.(files);
      if (own) {
        out.push({ level: "module", target: m.id, check: command("tests", own.run), from: dir ? `${dir}/${own.from}` : own.from });
        continue;
      }
      // The tests it owns first (`init --from-code` attaches `tests/core/test_money.py` to `money`, which no name lookup finds), then those named for its files.
      // A module none of whose files exist yet is one to write: the tests its spec names are what its gate runs once written.
      const present = (f: string) => existsSync(join(at, f));
      const fresh = !files.some(present);
      const tests = runner.module || runner.classes || runner.tests ? moduleTestFiles(at, files).filter((f) => fresh || present(f)) : [];
      // A runner given paths or classes runs them all, as the agent is told they must all pass; another, the first.
      const run = runner.paths || runner.classes || runner.tests ? tests : tests.slice(0, 1);
      const line = run.length === 0 ? undefined : runner.tests ? runner.tests(run) : runner.classes ? runner.classes(run) : runner.module!(run.join(" "));
      if (line) out.push({ level: "module", target: m.id, check: command("tests", line), from: (dir ? `${dir}/${run[0]}` : run[0]!) + (run.length > 1 ? ` and ${run.length - 1} more` : "") });
      else if (run.length) missed = true;
    }
    if (missed && runner.why) notes.push(`module gates: none from ${dir ? `${dir}/${runner.from}` : runner.from}: ${runner.why}; the system gate runs the whole script`);
    if (integrated.length) notes.push(`module gates: ${runner.integration!.what} of ${integrated.join(", ")} are left out; \`${inFolder(dir, "mvn -B verify")}\` runs them`);
  }
  // The architecture check means something where there is a rule to break: import rules, or layers to keep in order.
  const rules = spec.layers.length > 1 || spec.importRules;
  if (rules) for (const layer of spec.layers) out.push({ level: "layer", target: layer, check: { name: "architecture", kind: "architecture" }, from: "the specs' layers and import rules" });
  return out;
}

/**
 * The test runners of the projects in a repository whose root has none: a `backend/` with its
 * manage.py beside a `frontend/` with its package.json, `services/billing/go.mod`. Each one's
 * tests run in its folder (`cd backend && python3 manage.py test`); a folder with a runner is
 * not looked into further.
 */
function subprojectRunners(root: string, spec: DiscoverySpec): { dir: string; runner: Runner }[] {
  const found: { dir: string; runner: Runner }[] = [];
  visitProjectFolders(root, (dir) => {
    if (dir === "") return true;
    const runner = testRunner(join(root, dir), specUnder(spec, dir));
    if (runner) found.push({ dir, runner });
    return !runner;
  });
  return found;
}

/** The paths of `files` under `dir`, relative to it. */
function filesUnder(files: readonly string[], dir: string): string[] {
  const prefix = `${dir}/`;
  return files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}

/** What discovery reads of the tree, for the project in `dir`: its modules' files there, relative to it. */
function specUnder(spec: DiscoverySpec, dir: string): DiscoverySpec {
  const modules = spec.modules.map((m) => ({ id: m.id, files: filesUnder(m.files, dir) })).filter((m) => m.files.length > 0);
  return { ...spec, modules, ownsPython: modules.some((m) => m.files.some((f) => f.endsWith(".py"))) };
}

/** `mvn -B test` with `flag` after the program: `mvn -o -B test`. */
function offlineRun(run: string, flag: string): string {
  const space = run.indexOf(" ");
  return space < 0 ? `${run} ${flag}` : `${run.slice(0, space)} ${flag}${run.slice(space)}`;
}

/** `command` run in the project's folder `dir` ("" for the root). */
function inFolder(dir: string, command: string): string {
  return dir ? `cd ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`} && ${command}` : command;
}

interface Runner {
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

interface ModuleCheck {
  run: string;
  from: string;
}

/** The project's test runner, from its build files; undefined when none is found. */
function testRunner(root: string, spec: DiscoverySpec): Runner | undefined {
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
  if (has("go.mod")) return { system: "go test ./...", from: "go.mod", module: (f) => `go test ./${dirname(f) === "." ? "" : `${dirname(f)}/`}` };
  if (has("Cargo.toml")) return { system: "cargo test", from: "Cargo.toml" };
  if (has("pom.xml")) return { system: "mvn -B test", from: "pom.xml", classes: (tests) => `mvn -B test -Dtest=${[...new Set(tests.map(testClass))].join(",")} -Dsurefire.failIfNoSpecifiedTests=false`, offline: "-o", integration: FAILSAFE };
  const gradle = ["build.gradle.kts", "build.gradle"].find(has);
  if (gradle) {
    const run = has("gradlew") ? "./gradlew" : "gradle";
    return { system: `${run} test`, from: gradle, tests: (tests) => gradleTests(run, tests, has), why: "Android's instrumented tests (src/androidTest/) run on a device, not in a gate", offline: "--offline" };
  }
  if (has("Package.swift")) return { system: "swift test", from: "Package.swift", tests: swiftTests };
  if (has("build.sbt")) return { system: "sbt test", from: "build.sbt", tests: (tests) => sbtTests(read("build.sbt"), tests) };
  if (has("mix.exs")) return { system: "mix test", from: "mix.exs", tests: (tests) => mixTests(root, tests) };
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
const TEST_SOURCES = /(?:^|\/)src\/test\//;
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
function gradleTests(run: string, tests: readonly string[], has: (f: string) => boolean): string | undefined {
  const byTask = new Map<string, Set<string>>();
  for (const t of tests) {
    const set = /(?:^|\/)src\/([a-z]\w*Test|test[A-Z]\w*)\//.exec(t)?.[1] ?? "test";
    if (set.startsWith("androidTest") || set === "testFixtures") continue;
    const task = `${gradleProject(t, has)}${set}`;
    byTask.set(task, (byTask.get(task) ?? new Set()).add(testClass(t)));
  }
  if (byTask.size === 0) return undefined;
  return `${run} ${[...byTask].map(([task, classes]) => `${task} ${[...classes].map((c) => `--tests ${c}`).join(" ")}`).join(" ")}`;
}

/**
 * The Gradle subproject a test file is in, as a task path's prefix: `:core:` for `core/src/test/...` beside
 * `core/build.gradle.kts` (its folder's path, Gradle's default); "" in the root project. A bare `test --tests X`
 * runs every subproject's tests with the filter, and fails in each whose tests none match it.
 */
function gradleProject(test: string, has: (f: string) => boolean): string {
  for (let dir = dirname(test); dir !== "." && dir !== ""; dir = dirname(dir)) {
    if (has(`${dir}/build.gradle.kts`) || has(`${dir}/build.gradle`)) return `:${dir.split("/").join(":")}:`;
  }
  return "";
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

/**
 * CMake's configure and build in `build/`, CMake's usual folder. A `build/` git does not ignore
 * gets a `.gitignore` of `*` when the gate makes it (as Meson does for its build folders), so that
 * an attempt's commit never takes in the build's output.
 */
function cmakeBuild(root: string): string {
  const dir = CMAKE_BUILD_DIR;
  const build = `cmake -S . -B ${dir} && cmake --build ${dir}`;
  return gitIgnores(root, `${dir}/`) ? build : `{ test -d ${dir} || { mkdir ${dir} && echo '*' >${dir}/.gitignore; }; } && ${build}`;
}

function gitIgnores(root: string, path: string): boolean {
  return spawnSync("git", ["check-ignore", "-q", "--", path], { cwd: root, stdio: "ignore", timeout: 10_000 }).status === 0;
}

const C_SOURCE = /\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx)$/;
const C_TEST = /(?:^test_\w*|_tests?)\.(?:c|cc|cpp|cxx)$/;
const C_TEST_EXTS = [".c", ".cc", ".cpp", ".cxx"];

/**
 * A C/C++ module's ctest tests: those whose executable is built from a test file the module owns
 * (`tests/test_uart.c`, attached by `init --from-code`) or one found by name from its sources
 * (`src/uart.c` -> `tests/test_uart.c`, `tests/uart_test.cpp`), or named as that file is; run
 * with `ctest -R '^(test_uart)$'` after the build.
 */
function ctestModule(root: string, files: readonly string[], ctest: string, all: readonly CtestTest[]): ModuleCheck | undefined {
  const testFiles = new Set(files.filter((f) => C_TEST.test(basename(f))));
  for (const file of files) {
    if (!C_SOURCE.test(file) || C_TEST.test(basename(file))) continue;
    const stem = basename(file, extname(file));
    const dir = dirname(file);
    for (const ext of C_TEST_EXTS) {
      const names = [`test_${stem}${ext}`, `${stem}_test${ext}`, `${stem}_tests${ext}`];
      for (const folder of ["tests", "test", dir, join(dir, "tests"), join(dir, "test")]) {
        for (const name of names) if (existsSync(join(root, folder, name))) testFiles.add(join(folder, name));
      }
    }
  }
  if (testFiles.size === 0) return undefined;
  const stems = new Set([...testFiles].map((f) => basename(f, extname(f))));
  const tests = all.filter((t) => t.sources.some((s) => testFiles.has(s)) || stems.has(t.name));
  if (tests.length === 0) return undefined;
  const first = [...testFiles].find((f) => tests.some((t) => t.sources.includes(f) || t.name === basename(f, extname(f))))!;
  return { run: `${ctest} -R ${ctestFilter([...new Set(tests.map((t) => t.name))])}`, from: first };
}

/**
 * A Rust module's tests: `cargo test -p <package>` for the one cargo package its files are in;
 * a module that is a part of its crate (not its `lib.rs`/`main.rs`) filters by its module path
 * (`cargo test -p shop-core cart::`), which its unit tests' names start with, and runs the crate's
 * integration tests it owns by target (`&& cargo test -p shop-core --test cart_flow`), whose names do not.
 */
function cargoTest(crates: RustCrates, files: readonly string[]): { run: string; from: string } | undefined {
  const rust = files.filter((f) => f.endsWith(".rs"));
  const found = new Set(rust.map((f) => crates.crateOf(f)));
  const crate = found.size === 1 ? [...found][0] : undefined;
  if (!crate) return undefined;
  const from = crate.dir ? `${crate.dir}/Cargo.toml` : "Cargo.toml";
  const src = crate.dir ? `${crate.dir}/src/` : "src/";
  // Its integration tests (`tests/posting.rs`, as `init --from-code` attaches them), each a test target of its own.
  const tests = crate.dir ? `${crate.dir}/tests/` : "tests/";
  const targets = rust.flatMap((f) => (f.startsWith(tests) ? (/^(\w+)\.rs$/.exec(f.slice(tests.length))?.[1] ?? []) : []));
  const code = rust.filter((f) => f.startsWith(src));
  const whole = { run: `cargo test -p ${crate.name}`, from };
  if (code.length + targets.length < rust.length || code.some((f) => f === crate.lib || f === crate.main)) return whole;
  const tops = new Set(code.map((f) => f.slice(src.length).split("/")[0]!.replace(/\.rs$/, "")));
  const top = tops.size === 1 ? [...tops][0]! : undefined;
  if (!top || !/^\w+$/.test(top)) return whole;
  const integration = targets.length ? ` && cargo test -p ${crate.name} ${targets.map((t) => `--test ${t}`).join(" ")}` : "";
  return { run: `cargo test -p ${crate.name} ${top}::${integration}`, from };
}

const BUILD_FILE_BYTES = 1024 * 1024;

/** A build file's text; "" when it is missing, a folder, over 1 MB or a pipe nobody writes to. */
function readBuildFile(path: string): string {
  try {
    return readCapped(path, BUILD_FILE_BYTES)?.text ?? "";
  } catch {
    return "";
  }
}

/** Whether a package.json declares npm workspaces (`"workspaces": ["packages/*"]`, or Yarn's `{ "packages": [...] }`). */
function hasWorkspaces(text: string): boolean {
  try {
    const workspaces = (JSON.parse(text) as { workspaces?: unknown }).workspaces;
    return Array.isArray(workspaces) || (typeof workspaces === "object" && workspaces !== null && Array.isArray((workspaces as { packages?: unknown }).packages));
  } catch {
    return false;
  }
}

/**
 * The module gate of a module of an npm workspace: its package's own tests (`npm test -w
 * packages/ledger`), when all its files are in one package that has a test script. The root's
 * `npm test -- <file>` would hand the file to every workspace's script, which it is not theirs.
 * Turborepo's is `npx turbo run test --filter=<name>`, pnpm's `pnpm --filter <name> test`, by the package's name.
 */
function workspaceTest(root: string, files: readonly string[], tool: "npm" | "turbo" | "pnpm" = "npm"): ModuleCheck | undefined {
  const packages = new Set(files.map((f) => packageOf(root, f)));
  const [dir] = packages;
  const text = dir ? readBuildFile(join(root, dir, "package.json")) : "";
  if (packages.size !== 1 || !dir || !npmTest(scriptsOf(text))) return undefined;
  const from = `${dir}/package.json scripts.test`;
  if (tool !== "npm") {
    const name = packageName(text);
    if (!name || !/^[\w./@-]+$/.test(name)) return undefined;
    return { run: tool === "turbo" ? `npx turbo run test --filter=${name}` : `pnpm --filter ${name} test`, from };
  }
  return { run: `npm test -w ${/^[\w./@-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`}`, from };
}

/** package.json's `name`; undefined when it has none or is not JSON. */
function packageName(text: string): string | undefined {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === "string" && name ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The folder below the root of the package.json nearest a file; "" for the root's own. */
function packageOf(root: string, file: string): string {
  for (let dir = dirname(file); dir !== "." && dir !== "/" && dir !== ""; dir = dirname(dir)) if (existsSync(join(root, dir, "package.json"))) return dir;
  return "";
}

/** `scripts` of package.json; empty when it has none or is not JSON. */
function scriptsOf(text: string): Record<string, unknown> {
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    return typeof scripts === "object" && scripts !== null ? (scripts as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `scripts.test` of package.json's `scripts`, unless it is npm's placeholder that only fails. */
function npmTest(scripts: Record<string, unknown>): string | undefined {
  const test = scripts["test"];
  return typeof test === "string" && test.trim() && !/no test specified/.test(test) ? test : undefined;
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
