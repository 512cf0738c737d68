import { readdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { readCapped } from "../read-capped.js";

/** What `dotnet test` runs for the whole project and for one module. */
export interface DotnetTests {
  system: string;
  from: string;
  moduleOf: (files: readonly string[]) => { run: string; from: string } | undefined;
}

const SKIPPED = new Set(["bin", "obj", "node_modules", ".git", ".orchestrate", "packages", "artifacts"]);
const MAX_DEPTH = 5;
const MAX_PROJECTS = 500;
const PROJECT = /\.(?:csproj|fsproj|vbproj)$/;
const SOLUTION = /\.slnx?$/;
// The test frameworks' packages (and MSTest's SDK), or the property the test SDK sets.
const TEST_PROJECT = /<PackageReference\s+Include="(?:xunit|xunit\.v3|NUnit|MSTest|MSTest\.TestFramework|Microsoft\.NET\.Test\.Sdk|TUnit)"|Sdk="MSTest\.Sdk|<IsTestProject>\s*true/i;
const TEST_NAME = /[.](?:\w*Tests?|Specs?)\.(?:csproj|fsproj|vbproj)$/;

/**
 * `dotnet test` where the project has test projects (a `*.Tests.csproj`, or one referencing
 * xunit, NUnit, MSTest or the test SDK): plain where the root holds one solution or project
 * file, naming the solution where it holds more, else each test project in turn. Undefined
 * when there is no test project.
 */
export function dotnetTests(root: string, ownsDotnet: boolean): DotnetTests | undefined {
  // The tree is walked only for a project that is .NET by its root or its modules' files.
  if (!ownsDotnet && !rootEntries(root).some((f) => SOLUTION.test(f) || PROJECT.test(f))) return undefined;
  const projects = findProjects(root);
  const tests = projects.filter((p) => TEST_NAME.test(p) || TEST_PROJECT.test(read(join(root, p)) ?? ""));
  if (tests.length === 0) return undefined;
  const top = rootEntries(root).filter((f) => SOLUTION.test(f) || PROJECT.test(f)).sort();
  const solutions = top.filter((f) => SOLUTION.test(f));
  const system = top.length === 1 ? "dotnet test" : solutions.length ? `dotnet test ${solutions[0]}` : tests.map((t) => `dotnet test ${t}`).join(" && ");
  const from = top.length === 1 || solutions.length ? `${top.length === 1 ? top[0] : solutions[0]} (test projects: ${listed(tests.map((t) => basename(t, extname(t))))})` : listed(tests);
  return { system, from, moduleOf: (files) => moduleTests(root, projects, tests, files) };
}

/**
 * A module's tests: the test files it owns in a test project (`init --from-code` attaches them)
 * and those found by name in the test project named for its own (`src/Shop.Domain/Money.cs` ->
 * `tests/Shop.Domain.Tests/MoneyTests.cs`), each test project run once, filtered to those
 * classes: `dotnet test tests/Shop.Domain.Tests/Shop.Domain.Tests.csproj --filter FullyQualifiedName~Shop.Domain.Tests.MoneyTests.`
 */
function moduleTests(root: string, projects: readonly string[], tests: readonly string[], files: readonly string[]): { run: string; from: string } | undefined {
  const testDirs = tests.map(folderOf);
  const found = new Set<string>();
  for (const file of files.filter((f) => f.endsWith(".cs"))) {
    if (ownerOf(file, testDirs)) {
      found.add(file);
      continue;
    }
    const project = ownerOf(file, projects.map(folderOf));
    if (project === undefined) continue;
    const rest = dirname(file).slice(project.length).replace(/^\//, "");
    const stem = basename(file, ".cs");
    for (const dir of testDirs.filter((d) => basename(d).startsWith(`${basename(project)}.`))) {
      for (const name of [`${stem}Tests.cs`, `${stem}Test.cs`]) {
        const candidate = join(dir, rest, name);
        if (read(join(root, candidate)) !== undefined) found.add(candidate);
      }
    }
  }
  const byProject = new Map<string, string[]>();
  for (const file of found) {
    const dir = ownerOf(file, testDirs)!;
    const project = tests.find((t) => folderOf(t) === dir)!;
    byProject.set(project, [...(byProject.get(project) ?? []), file]);
  }
  const runs = [...byProject].map(([project, classFiles]) => {
    const names = classFiles.map((f) => className(root, f)).filter((n): n is string => n !== undefined);
    if (names.length < classFiles.length) return `dotnet test ${project}`;
    const filter = names.map((n) => `FullyQualifiedName~${n}.`).join("|");
    return `dotnet test ${project} --filter ${names.length > 1 ? `'${filter}'` : filter}`;
  });
  return runs.length ? { run: runs.join(" && "), from: [...found][0]! } : undefined;
}

/** `Shop.Domain.Tests.MoneyTests` from the file's namespace and name; undefined for a name a filter cannot hold. */
function className(root: string, file: string): string | undefined {
  const namespace = /^\s*namespace\s+([\w.]+)/m.exec(read(join(root, file)) ?? "")?.[1];
  const name = namespace ? `${namespace}.${basename(file, ".cs")}` : basename(file, ".cs");
  return /^[\w.]+$/.test(name) ? name : undefined;
}

/** The deepest of the folders holding the file ("" is the root). */
function ownerOf(file: string, dirs: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const dir of dirs) {
    if ((dir === "" || file.startsWith(`${dir}/`)) && (best === undefined || dir.length > best.length)) best = dir;
  }
  return best;
}

/** `a, b, c and 4 more`: a long list kept to one line. */
function listed(names: readonly string[]): string {
  return names.length > 4 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
}

/** The folder of a project-relative path, "" at the root. */
const folderOf = (path: string): string => (dirname(path) === "." ? "" : dirname(path));

function findProjects(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_PROJECTS) return;
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.isFile() && PROJECT.test(e.name)) out.push(path);
      else if (e.isDirectory() && depth < MAX_DEPTH && !SKIPPED.has(e.name) && !e.name.startsWith(".")) walk(path, depth + 1);
    }
  };
  walk("", 0);
  return out.sort();
}

function rootEntries(root: string): string[] {
  try {
    return readdirSync(root);
  } catch {
    return [];
  }
}

function read(path: string): string | undefined {
  try {
    return readCapped(path, 1024 * 1024)?.text;
  } catch {
    return undefined;
  }
}
