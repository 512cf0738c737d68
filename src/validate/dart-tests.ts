import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix, join } from "node:path";
import { readPubspec } from "../spec/dart-packages.js";

/** What a Dart or Flutter project runs for the whole project and for a module's test files. */
export interface DartTests {
  system: string;
  from: string;
  tests: (tests: readonly string[]) => string | undefined;
}

/**
 * A pub package's tests, from its root pubspec.yaml: `dart test`, or `flutter test` for a package on
 * the Flutter SDK, each run in its package's folder (a workspace's members, from the root's `workspace:`
 * list or melos.yaml's `packages:` globs, each with a `test/` folder: `(cd packages/pantry_core && dart test) && ...`).
 * A module's tests by path, in the package each is in. Undefined without a pubspec.yaml.
 */
export function dartTests(root: string): DartTests | undefined {
  const pubspec = read(join(root, "pubspec.yaml"));
  if (pubspec === undefined) return undefined;
  const tool = (dir: string) => (readPubspec(dir, read(join(root, dir, "pubspec.yaml")) ?? "")?.flutter ? "flutter test" : "dart test");
  const members = workspaceMembers(root, pubspec).filter((dir) => existsSync(join(root, dir, "test")));
  const runs = members.map((dir) => `(cd ${dir} && ${tool(dir)})`);
  if (existsSync(join(root, "test")) || runs.length === 0) runs.unshift(tool(""));
  const from = members.length ? (/^workspace:/m.test(pubspec) ? "pubspec.yaml workspace" : "melos.yaml packages") : "pubspec.yaml";
  return { system: runs.length === 1 ? runs[0]!.replace(/^\((.*)\)$/, "$1") : runs.join(" && "), from, tests: (tests) => moduleRun(root, tests, tool) };
}

/** `dart test <files>` in each package holding some of them (the nearest folder above with a pubspec.yaml). */
function moduleRun(root: string, tests: readonly string[], tool: (dir: string) => string): string | undefined {
  const byPackage = new Map<string, string[]>();
  for (const t of tests) {
    if (!t.endsWith("_test.dart")) continue;
    let dir = posix.dirname(t);
    while (dir !== "." && !existsSync(join(root, dir, "pubspec.yaml"))) dir = posix.dirname(dir);
    const pkg = dir === "." ? "" : dir;
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), pkg ? t.slice(pkg.length + 1) : t]);
  }
  const runs = [...byPackage].map(([dir, files]) => `${dir ? `cd ${dir} && ` : ""}${tool(dir)} ${files.join(" ")}`);
  if (runs.length <= 1) return runs[0];
  return runs.map((r) => (r.startsWith("cd ") ? `(${r})` : r)).join(" && ");
}

/** The root pubspec.yaml's `workspace:` folders, else melos.yaml's `packages:` globs (`packages/*`, `apps/**`) read one folder deep. */
function workspaceMembers(root: string, pubspec: string): string[] {
  const workspace = yamlList(pubspec, "workspace");
  if (workspace.length) return workspace.filter((d) => existsSync(join(root, d, "pubspec.yaml")));
  const melos = read(join(root, "melos.yaml"));
  const globs = melos === undefined ? [] : yamlList(melos, "packages");
  return globs.flatMap((g) => {
    const base = g.replace(/\/\*+$/, "");
    if (base === g) return existsSync(join(root, g, "pubspec.yaml")) ? [g] : [];
    return folders(join(root, base)).map((d) => `${base}/${d}`).filter((d) => existsSync(join(root, d, "pubspec.yaml")));
  });
}

/** A top-level YAML key's list of plain items (`workspace:` then `  - packages/pantry_core`). */
function yamlList(text: string, key: string): string[] {
  const block = new RegExp(`^${key}:[ \\t]*(?:#.*)?\\n((?:[ \\t]+-[^\\n]*\\n?|[ \\t]*(?:#[^\\n]*)?\\n)*)`, "m").exec(text)?.[1] ?? "";
  return [...block.matchAll(/^[ \t]+-[ \t]*["']?([^"'#\n]+?)["']?[ \t]*(?:#.*)?$/gm)].map((e) => e[1]!.replace(/^\.\//, "").replace(/\/+$/, ""));
}

function folders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
