import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { RustCrates } from "../spec/rust-paths.js";
import { moduleTestFiles } from "./test-files.js";
import { ownProject, visitProjectFolders } from "./project-folders.js";
import { cargoTest } from "./compiled-module-tests.js";
import { freshCrateTest } from "./fresh-crate.js";
import { TEST_SOURCES, testRunner, type Runner } from "./test-runner.js";
import type { DiscoveredCheck, DiscoverySpec } from "./discover.js";
import type { CheckConfig } from "./types.js";

/** `notes`: where a runner's module gates could not be found, why (once per project). */
export function discoverChecks(root: string, spec: DiscoverySpec, notes: string[]): DiscoveredCheck[] {
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
      const cargo = crates && (cargoTest(crates, files) ?? freshCrateTest(files, (f) => existsSync(join(at, f))));
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
