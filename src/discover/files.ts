import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import { ALIAS_CONFIGS } from "../spec/path-aliases.js";
import { DENO_CONFIGS } from "../spec/deno-config.js";
import { GRADLE_BUILDS, GRADLE_SETTINGS } from "../spec/gradle-settings.js";
import { BAZEL_BUILD_FILES } from "./bazel-deps.js";

export type Language = "python" | "js" | "go" | "rust" | "java" | "ruby" | "csharp" | "php" | "c" | "swift" | "elixir" | "dart";

export interface SourceFile {
  /** `/`-separated, relative to the project root. */
  path: string;
  language: Language;
  /** A test of some other file (by name or folder), attached to the module it tests. */
  test: boolean;
  /** Rust: the folder of the cargo package the file is in ("" for the root). */
  crate?: string;
  /** Rust: its cargo package's name as code writes it (`shop_core`). */
  crateName?: string;
  /** C#: the folder of the `.csproj` the file belongs to (the nearest above it; "" for the root). */
  project?: string;
  /** PHP: whether the file declares a namespace (a PSR-4 class file, grouped by folder as a Java package is). */
  namespaced?: boolean;
}

export interface Skipped {
  path: string;
  why: string;
}

export interface FileListing {
  files: SourceFile[];
  skipped: Skipped[];
  /** Package manifests (`package.json`, `pyproject.toml`, `setup.cfg`, `go.mod`, `Cargo.toml`, `Gemfile`, `*.gemspec`, Nx's `project.json`, `*.csproj`, `*.sln`, `composer.json`, `CMakeLists.txt`, `Package.swift`, `mix.exs`, `pubspec.yaml`, `deno.json`, `deno.jsonc`, Gradle's settings and build scripts, Bazel's BUILD files) and alias configs (`tsconfig.json`, `jsconfig.json`) among the project's own folders. */
  manifests: string[];
}

const MANIFEST = new Set(["package.json", "pyproject.toml", "setup.cfg", "go.mod", "Cargo.toml", "Gemfile", "project.json", "composer.json", "CMakeLists.txt", "Package.swift", "mix.exs", "pubspec.yaml", ...GRADLE_SETTINGS, ...GRADLE_BUILDS, ...BAZEL_BUILD_FILES, ...ALIAS_CONFIGS, ...DENO_CONFIGS]);
const MANIFEST_EXT = /\.(?:gemspec|csproj|sln)$/;

const LANGUAGE: Record<string, Language> = {
  ".py": "python", ".ts": "js", ".tsx": "js", ".vue": "js", ".svelte": "js", ".mts": "js", ".cts": "js", ".js": "js", ".jsx": "js", ".mjs": "js", ".cjs": "js", ".go": "go", ".rs": "rust", ".java": "java", ".kt": "java", ".scala": "java", ".rb": "ruby",
  ".cs": "csharp", ".php": "php", ".swift": "swift", ".ex": "elixir", ".exs": "elixir", ".dart": "dart", ".c": "c", ".h": "c", ".cc": "c", ".cpp": "c", ".cxx": "c", ".hpp": "c", ".hh": "c", ".hxx": "c",
};
/** Beside a `.csproj`, `bin/` and `obj/` are what `dotnet build` writes. */
const DOTNET_OUTPUT = new Set(["bin", "obj"]);

/** Folders that hold no code of the project's own: installed, built, generated or vendored. */
const NOT_OURS: Record<string, string> = {
  node_modules: "installed packages",
  ".venv": "a virtual environment",
  venv: "a virtual environment",
  env: "a virtual environment",
  __pycache__: "compiled files",
  dist: "build output",
  build: "build output",
  out: "build output",
  target: "build output",
  coverage: "coverage output",
  ".next": "build output",
  vendor: "vendored code",
  vendored: "vendored code",
  third_party: "vendored code",
  thirdparty: "vendored code",
  external: "vendored code",
  generated: "generated code",
  __generated__: "generated code",
  // Each migration records one change to the schema once it ran: history, not a module to plan or rewrite.
  migrations: "database migrations",
  alembic: "database migrations",
  // Gradle compiles `buildSrc/` into the build itself: plugins and version constants, not the program.
  buildSrc: "Gradle build logic",
};

const TEST_NAME = /(?:^test_.*\.py$|_test\.py$|^tests\.py$|_test\.go$|\.(?:test|spec|cy)\.[cm]?[jt]sx?$|_test\.[cm]?[jt]sx?$|^test_.*\.rb$|_(?:test|spec)\.rb$|Tests?\.(?:cs|php|swift)$|^test_\w*\.(?:c|cc|cpp|cxx)$|_tests?\.(?:c|cc|cpp|cxx)$|_test\.exs$|_test\.dart$|(?:Spec|Suite|Test)\.scala$)/;
/**
 * Test folders; a .NET test project is named for what it tests (`Shop.Core.Tests`, `Shop.IntegrationTests`);
 * an end-to-end suite for its app (Nx's `apps/shop-e2e/`, Cypress's `cypress/`); SwiftPM's test targets are in `Tests/`.
 */
const TEST_DIR = /^(?:tests?|Tests|__tests__|spec|specs|e2e|cypress)$|^[\w.]+\.(?:\w*Tests?|Specs?)$|^[\w.-]+[-_]e2e$/;
/** `spec/` beside the code is RSpec's or Jasmine's tests; under a `src/` it is code of that name (a parser of specs, `src/spec/`). */
const CODE_SPEC_DIR = /^specs?$/;
/** A Gradle source set of tests beside `src/main/`: Android's `androidTest/`, `integrationTest/`, `testFixtures/`, `testDebug/`. */
const TEST_SOURCE_SET = /^(?:[a-z]\w*Test|test[A-Z]\w*)$/;
const GENERATED_NAME = /(?:_pb2(?:_grpc)?\.py|\.pb\.go|\.generated\.[jt]s|\.d\.[cm]?ts|\.min\.[cm]?js|\.(?:g|freezed|mocks|gr|config)\.dart)$/;
/** A build tool's configuration (`next.config.mjs`, `vite.config.ts`, `jest.config.js`, SwiftPM's `Package.swift`): the tool's input, not the project's code. */
const TOOL_CONFIG = /^[\w-]+\.config\.[cm]?[jt]s$|^Package(?:@swift-[\d.]+)?\.swift$|^mix\.exs$/;

/**
 * The project's source files (Python, TypeScript/JavaScript, Go, Rust, Java, Kotlin, Ruby, C#, PHP, C and C++, Swift, Elixir, Dart), sorted, with what was left
 * out and why: hidden folders, `.gitignore`d paths (every `.gitignore` on the way down),
 * installed, built, vendored and generated code.
 */
export function listSourceFiles(root: string): FileListing {
  const files: SourceFile[] = [];
  const skipped: Skipped[] = [];
  const manifests: string[] = [];
  const visit = (dir: string, rel: string, rules: { base: string; ig: Ignore }[], inTests: boolean) => {
    const here = rules.concat(readGitignore(join(root, dir), rel));
    const entries = readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const dotnet = entries.some((e) => e.name.endsWith(".csproj") && e.isFile());
    // Beside a build.sbt, `project/` holds sbt's own build definition (its plugins, `Dependencies.scala`).
    const sbt = entries.some((e) => e.name === "build.sbt" && e.isFile());
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) continue;
      if (ignored(here, path, isDir)) {
        if (isDir) skipped.push({ path: `${path}/`, why: "ignored by .gitignore" });
        continue;
      }
      if (isDir) {
        if (entry.name.startsWith(".")) continue;
        const why = NOT_OURS[entry.name] ?? (dotnet && DOTNET_OUTPUT.has(entry.name) ? "build output" : sbt && entry.name === "project" ? "sbt build definition" : undefined);
        if (why) {
          skipped.push({ path: `${path}/`, why });
          continue;
        }
        visit(join(dir, entry.name), path, here, inTests || (TEST_DIR.test(entry.name) && !(CODE_SPEC_DIR.test(entry.name) && /(?:^|\/)src(?:\/|$)/.test(rel))) || (/(?:^|\/)src$/.test(rel) && TEST_SOURCE_SET.test(entry.name)));
        continue;
      }
      if ((MANIFEST.has(entry.name) || MANIFEST_EXT.test(entry.name)) && entry.isFile()) manifests.push(path);
      const language = LANGUAGE[/\.[^.]+$/.exec(entry.name)?.[0] ?? ""];
      if (!language || !entry.isFile()) continue;
      if (TOOL_CONFIG.test(entry.name)) {
        skipped.push({ path, why: "a build tool's configuration" });
        continue;
      }
      if (GENERATED_NAME.test(entry.name)) {
        skipped.push({ path, why: /\.d\.[cm]?ts$/.test(entry.name) ? "type declarations" : /\.min\.[cm]?js$/.test(entry.name) ? "minified code" : "generated code" });
        continue;
      }
      const test = inTests || TEST_NAME.test(entry.name);
      // An Elixir script outside the tests (`config/runtime.exs`, `priv/repo/seeds.exs`) is run, not compiled into the program.
      if (!test && entry.name.endsWith(".exs")) {
        skipped.push({ path, why: "an Elixir script (configuration, seeds)" });
        continue;
      }
      files.push({ path, language, test });
    }
  };
  visit(".", "", [], false);
  return { files, skipped, manifests };
}

function readGitignore(abs: string, rel: string): { base: string; ig: Ignore }[] {
  let text: string;
  try {
    text = readFileSync(join(abs, ".gitignore"), "utf8");
  } catch {
    return [];
  }
  return [{ base: rel, ig: ignore().add(text) }];
}

/** Whether a `.gitignore` at or above the path ignores it (patterns are relative to their own folder). */
function ignored(rules: { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const local = base ? path.slice(base.length + 1) : path;
    if (ig.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}
