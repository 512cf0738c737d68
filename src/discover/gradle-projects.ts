import { posix } from "node:path";
import type { DeclaredDependency } from "./declared.js";
import { defaultDir, settingsProjects, stripComments, type GradleScript } from "../spec/gradle-settings.js";

/**
 * A configuration of tests (`testImplementation`, `androidTestImplementation`, `testFixturesApi`): a
 * test's need, not the program's; its tests attach to the modules they import.
 */
const TEST_CONFIGURATION = /test/i;

/**
 * The project dependencies of a Gradle multi-project build: a subproject's
 * `implementation(project(":core"))` (Groovy's `implementation project(':core')`, `project(path: ':core')`,
 * a type-safe accessor `implementation(projects.ledgerCore)`), in any configuration but a test's,
 * each the folder of the project it names: its `projectDir` as settings set it
 * (`project(":core").projectDir = file("libs/core")`), else its path's (`:feature:maps` is `feature/maps/`).
 */
export function gradleDependencies(settings: readonly GradleScript[], builds: readonly GradleScript[]): DeclaredDependency[] {
  const roots = [...settings].sort((a, b) => b.dir.length - a.dir.length);
  const found: DeclaredDependency[] = [];
  for (const build of builds) {
    const at = roots.find((s) => within(build.dir, s.dir));
    // The root script's `dependencies` often sit in `subprojects { }` or `allprojects { }`, for other projects than its own.
    if (!at || build.dir === at.dir) continue;
    const projects = settingsProjects(at);
    const pathOf = (dir: string) => [...projects].find(([, d]) => d === dir)?.[0] ?? `:${posix.relative(at.dir || ".", dir).split("/").join(":")}`;
    const self = pathOf(build.dir);
    for (const path of projectReferences(stripComments(build.text), projects)) {
      const on = projects.get(path) ?? defaultDir(at.dir, path);
      if (on !== build.dir) found.push({ dir: build.dir, on, by: "Gradle's project dependency", names: [self, path] });
    }
  }
  return found;
}

/** The project paths a build script's dependencies name, test configurations aside. */
function projectReferences(text: string, projects: Map<string, string>): string[] {
  const paths: string[] = [];
  for (const m of text.matchAll(/\b(\w+)\s*\(?\s*project\s*\(\s*(?:path\s*[:=]\s*)?["']([:\w.-]+)["']/g)) {
    if (!TEST_CONFIGURATION.test(m[1]!) && m[1] !== "project") paths.push(m[2]!.startsWith(":") ? m[2]! : `:${m[2]!}`);
  }
  // Type-safe project accessors: `projects.ledgerCore` is `:ledger-core`, `projects.feature.maps` is `:feature:maps`.
  const byAccessor = new Map([...projects.keys()].map((path) => [path.slice(1).split(":").map(camel).join("."), path]));
  for (const m of text.matchAll(/\b(\w+)\s*\(?\s*projects\.([\w.]+)/g)) {
    const path = byAccessor.get(m[2]!);
    if (path && !TEST_CONFIGURATION.test(m[1]!)) paths.push(path);
  }
  return [...new Set(paths)];
}

function within(dir: string, root: string): boolean {
  return root === "" || dir === root || dir.startsWith(`${root}/`);
}

/** `ledger-core` or `ledger_core` as Gradle's accessor writes it: `ledgerCore`. */
function camel(name: string): string {
  return name.replace(/[-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}
