import { join, posix } from "node:path";
import { readJsPackage, type JsPackage } from "./packages.js";
import { ALIAS_CONFIGS, readAliasConfig, type AliasConfig } from "../spec/path-aliases.js";
import { readPsr4, type Psr4 } from "../spec/php-autoload.js";
import { cmakeIncludeDirs } from "../spec/c-includes.js";
import { cmakeTargets, type CmakeTarget } from "../spec/cmake.js";
import { swiftTargets, type SwiftTarget } from "../spec/swift-package.js";
import type { Unit } from "./group.js";
import { readSource } from "./source-text.js";
import { pyprojectName } from "./project-name.js";
import { readPubspec, type DartPackage } from "../spec/dart-packages.js";
import { referencedProjects } from "./ts-references.js";
import { nxDependencies, readNxImplicit, readNxLayerTags, type NxImplicit } from "./nx-implicit.js";
import type { DeclaredDependency } from "./declared.js";
import { BAZEL_BUILD_FILES, bazelDependencies } from "./bazel-deps.js";
import { projectReferences } from "./dotnet-references.js";
import { gradleDependencies } from "./gradle-projects.js";
import { GRADLE_BUILDS, GRADLE_SETTINGS, type GradleScript } from "../spec/gradle-settings.js";
import { DENO_CONFIGS, isMember, readDenoConfig, workspaceAliases, type DenoConfig } from "../spec/deno-config.js";

/**
 * The project's own JS packages by name, its Go modules by path, the folders a Python manifest's packages are in (its own and its `src/`; the root's `src/`), its Ruby projects' folders, its import aliases,
 * and the folders of its workspace packages below the root (a package.json's, Nx project.json's, pyproject.toml's, setup.cfg's or deno.json's, and a deno.json `workspace`'s members); a deno.json's import map is an alias config (a workspace member's with its root's); Nx projects' `implicitDependencies` and `type:` tags, Gradle subprojects' `project(...)` dependencies, Bazel packages' `deps` and .csproj `ProjectReference`s.
 */
export function manifests(root: string, paths: string[]): { packages: JsPackage[]; goModules: { path: string; dir: string }[]; pythonSources: string[]; rubyProjects: string[]; aliases: AliasConfig[]; workspaces: { dir: string; name?: string }[]; csharpProjects: string[]; psr4: Psr4[]; cIncludeDirs: string[]; cmakeTargets: CmakeTarget[]; swiftTargets: SwiftTarget[]; dartPackages: DartPackage[]; declared: DeclaredDependency[]; declaredProjects: string[]; layerTags: { dir: string; names: string[] }[] } {
  const dartPackages: DartPackage[] = [];
  const csharpProjects = new Set<string>();
  const psr4: Psr4[] = [];
  const cIncludeDirs: string[] = [];
  const cmakeLists: { dir: string; text: string }[] = [];
  const swift: SwiftTarget[] = [];
  const packages: JsPackage[] = [];
  const workspaces = new Map<string, string | undefined>();
  const rubyProjects: string[] = [];
  const aliases: AliasConfig[] = [];
  const goModules: { path: string; dir: string }[] = [];
  const pythonSources = new Set(["src"]);
  const referenced: string[] = [];
  const denoConfigs: { dir: string; config: DenoConfig }[] = [];
  const nxImplicit: NxImplicit[] = [];
  const layerTags: { dir: string; names: string[] }[] = [];
  const gradle = { settings: [] as GradleScript[], builds: [] as GradleScript[] };
  const bazel: { dir: string; text: string }[] = [];
  const references: DeclaredDependency[] = [];
  for (const path of paths) {
    const dir = posix.dirname(path) === "." ? "" : posix.dirname(path);
    const name = posix.basename(path);
    if (name === "project.json") {
      // Nx names its projects (`orders-feature` for `libs/orders/feature/`).
      const text = readSource(join(root, path)) ?? "";
      if (dir) workspaces.set(dir, readJsPackage(dir, text)?.name ?? workspaces.get(dir));
      const json = dir ? parseJson(text) : undefined;
      const implicit = dir ? readNxImplicit(dir, json) : undefined;
      if (implicit) nxImplicit.push(implicit);
      const tags = dir ? readNxLayerTags(dir, json) : undefined;
      if (tags) layerTags.push(tags);
      continue;
    }
    if (name === "pyproject.toml" || name === "setup.cfg") {
      // A flat layout's packages sit beside the manifest, a src layout's under src/.
      if (dir) pythonSources.add(dir);
      if (dir && !workspaces.get(dir)) workspaces.set(dir, name === "pyproject.toml" ? pyprojectName(readSource(join(root, path)) ?? "") : undefined);
      pythonSources.add(dir ? `${dir}/src` : "src");
      continue;
    }
    if (name === "Gemfile" || name.endsWith(".gemspec")) {
      rubyProjects.push(dir);
      continue;
    }
    if (name.endsWith(".csproj")) {
      csharpProjects.add(dir);
      references.push(...projectReferences(path, readSource(join(root, path)) ?? ""));
      continue;
    }
    if (name.endsWith(".sln")) continue;
    if (ALIAS_CONFIGS.includes(name)) {
      // A folder's tsconfig.json applies there, not a jsconfig.json or tsconfig.base.json beside it.
      const shadowed = ALIAS_CONFIGS.slice(0, ALIAS_CONFIGS.indexOf(name)).some((first) => paths.includes(dir ? `${dir}/${first}` : first));
      const config = shadowed ? undefined : readAliasConfig(root, path);
      if (config) aliases.push(config);
      if (name === "tsconfig.json") referenced.push(...referencedProjects(dir, readSource(join(root, path)) ?? ""));
      continue;
    }
    const text = readSource(join(root, path));
    if (text === undefined) continue;
    if (BAZEL_BUILD_FILES.includes(name)) {
      // Bazel reads a package's BUILD.bazel where it has both.
      if (name === BAZEL_BUILD_FILES[0] || !paths.includes(dir ? `${dir}/${BAZEL_BUILD_FILES[0]}` : BAZEL_BUILD_FILES[0]!)) bazel.push({ dir, text });
      continue;
    }
    if (GRADLE_SETTINGS.includes(name) || GRADLE_BUILDS.includes(name)) {
      // Kotlin's script is read where both are, as Gradle does.
      const kind = GRADLE_SETTINGS.includes(name) ? "settings" : "builds";
      if (name.endsWith(".kts") || !paths.includes(`${dir ? `${dir}/` : ""}${name}.kts`)) gradle[kind].push({ dir, text });
      continue;
    }
    if (name === "go.mod") {
      const module = /^module\s+(\S+)/m.exec(text)?.[1];
      if (module) goModules.push({ path: module, dir });
      continue;
    }
    if (DENO_CONFIGS.includes(name)) {
      // Deno reads a folder's deno.json before its deno.jsonc.
      const deno = name === "deno.json" || !paths.includes(dir ? `${dir}/deno.json` : "deno.json") ? readDenoConfig(dir, text) : undefined;
      if (!deno) continue;
      // A workspace member imported by its `name` (`@app/core`), through its `exports`, as an npm workspace's package is.
      if (deno.name) packages.push({ dir, name: deno.name, ...(deno.exports !== undefined ? { exports: deno.exports } : {}) });
      if (deno.name && dir && !workspaces.get(dir)) workspaces.set(dir, deno.name);
      // A glob (`packages/*`) is each folder of a manifest it matches.
      const folders = deno.members.flatMap((m) => (m.includes("*") ? paths.map((p) => posix.dirname(p)).filter((d) => isMember(m, d)) : [m]));
      for (const member of new Set(folders)) if (!workspaces.has(member)) workspaces.set(member, undefined);
      denoConfigs.push({ dir, config: deno });
      continue;
    }
    if (name === "composer.json") {
      psr4.push(...readPsr4(text, dir));
      continue;
    }
    if (name === "mix.exs") {
      // An umbrella's apps (`apps/shop_core/mix.exs`) are its packages, named by their `app:`.
      if (dir && !workspaces.get(dir)) workspaces.set(dir, /\bapp:\s*:(\w+)/.exec(text)?.[1]);
      continue;
    }
    if (name === "pubspec.yaml") {
      // A pub workspace's or melos repository's packages (`packages/pantry_core/`), named by their `name:`, which `package:` URIs use.
      const pkg = readPubspec(dir, text);
      if (pkg) dartPackages.push(pkg);
      if (pkg && dir && !workspaces.get(dir)) workspaces.set(dir, pkg.name);
      continue;
    }
    if (name === "Package.swift") {
      swift.push(...swiftTargets(dir, text));
      continue;
    }
    if (name === "CMakeLists.txt") {
      cIncludeDirs.push(...cmakeIncludeDirs(text, dir));
      cmakeLists.push({ dir, text });
      continue;
    }
    const pkg = readJsPackage(dir, text);
    if (pkg) packages.push(pkg);
    if (pkg && dir && !workspaces.get(dir)) workspaces.set(dir, pkg.name);
    // Nx reads a package.json's `nx` field as a project.json beside it; the project.json wins.
    const nx = dir && name === "package.json" && !paths.includes(`${dir}/project.json`) ? parseJson(text) : undefined;
    const implicit = nx ? readNxImplicit(dir, nx, "nx") : undefined;
    if (implicit) nxImplicit.push(implicit);
    const tags = nx ? readNxLayerTags(dir, nx, "nx") : undefined;
    if (tags) layerTags.push(tags);
  }
  aliases.push(...workspaceAliases(denoConfigs));
  // A solution of TypeScript projects (tsconfig.json `references`, two or more) is a monorepo of them, whatever has a package.json.
  const projects = [...new Set(referenced)];
  if (projects.length >= 2) for (const dir of projects) if (!workspaces.has(dir)) workspaces.set(dir, undefined);
  // A file belongs to the deepest .csproj above it.
  const dotnet = [...csharpProjects].sort((a, b) => b.length - a.length);
  psr4.sort((a, b) => b.prefix.length - a.prefix.length);
  const workspaceList = [...workspaces].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dir, name]) => (name ? { dir, name } : { dir }));
  const declared = [...nxDependencies(nxImplicit, workspaceList), ...gradleDependencies(gradle.settings, gradle.builds), ...bazelDependencies(bazel), ...references];
  // The folders of the projects a build declares, each a project of its own whether or not it declares a dependency.
  const declaredProjects = [...new Set([...workspaceList.map((w) => w.dir), ...gradle.builds.map((b) => b.dir), ...bazel.map((b) => b.dir), ...csharpProjects])];
  return { dartPackages, declared, declaredProjects, layerTags, csharpProjects: dotnet, psr4, cIncludeDirs: [...new Set(cIncludeDirs)], cmakeTargets: cmakeTargets(cmakeLists), swiftTargets: swift, packages, goModules, pythonSources: [...pythonSources], rubyProjects, aliases, workspaces: workspaceList };
}

/** A Go module's last word (`example.com/tool/v2` is `tool`). */
export function goModuleName(module: { path: string } | undefined): string | undefined {
  return module?.path.split("/").filter((w) => !/^v\d+$/.test(w)).at(-1);
}

/**
 * The package at a nested Go module's root (`go/main.go` beside `go/go.mod` of `example.com/prices`) is
 * named for its module, as the project root's is, not for a folder named for the language. Whether any was.
 */
export function labelGoModuleRoots(units: Unit[], goModules: { path: string; dir: string }[]): boolean {
  let labelled = false;
  for (const u of units) {
    const name = u.language === "go" && !u.label && u.folder ? goModuleName(goModules.find((m) => m.dir && m.dir === u.folder)) : undefined;
    if (!name) continue;
    u.label = [name];
    labelled = true;
  }
  return labelled;
}

/** A JSON file's value, undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
