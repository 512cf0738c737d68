import { readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { lazyPackage } from "../lazy-package.js";
import { foldersUp } from "./folders-up.js";

type TypeScript = typeof import("typescript");
const typescript = lazyPackage<TypeScript>("typescript");

/**
 * The names of the config files that declare import aliases, the one that applies in a folder
 * first: Nx keeps a monorepo's `paths` in a root `tsconfig.base.json` with no `tsconfig.json` beside it.
 */
export const ALIAS_CONFIGS = ["tsconfig.json", "jsconfig.json", "tsconfig.base.json"];

/** One config's `compilerOptions.paths` and `baseUrl`, as project-relative folders. */
export interface AliasConfig {
  /** The config's folder ("" for the project root): it applies to the files under it. */
  dir: string;
  /** The folder bare imports are also looked up in (`baseUrl`), when the config sets one. */
  baseUrl?: string;
  /** `paths` entries, longest prefix first: `@app/*` with its targets (`src/app/*`), project-relative. */
  paths: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

/**
 * The `paths` and `baseUrl` of a `tsconfig.json` or `jsconfig.json` (`config`, relative to
 * `root`), read by TypeScript's own reader: comments, trailing commas and `extends` (a local
 * file or a package's config) as the compiler reads them. A config that declares neither has
 * no aliases (and shadows the configs above it); undefined when the file cannot be read.
 */
export function readAliasConfig(root: string, config: string): AliasConfig | undefined {
  const path = join(root, config);
  const dir = posix.dirname(config) === "." ? "" : posix.dirname(config);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  // TypeScript is large to load: only for a config that could declare aliases.
  if (!/"(?:paths|baseUrl|extends)"/.test(text)) return { dir, paths: [] };
  const ts = typescript();
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error || typeof read.config !== "object" || read.config === null) return undefined;
  // No file listing: only the options are wanted, and `include` could walk a whole tree.
  const host = { useCaseSensitiveFileNames: true, readDirectory: () => [], fileExists: ts.sys.fileExists, readFile: ts.sys.readFile };
  const { options } = ts.parseJsonConfigFileContent(read.config, host, posix.dirname(path), undefined, path);
  const project = (absolute: string) => relative(root, absolute).split(sep).join("/");
  const baseUrl = options.baseUrl === undefined ? undefined : project(options.baseUrl);
  // Targets are relative to `baseUrl`, else to the folder of the config that declared them.
  const pathsBase = baseUrl ?? project(typeof options.pathsBasePath === "string" ? options.pathsBasePath : posix.dirname(path));
  const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
    const star = pattern.indexOf("*");
    return {
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? "" : pattern.slice(star + 1),
      wildcard: star >= 0,
      targets: targets.map((t) => posix.normalize(posix.join(pathsBase, t))).map((t) => (t === "." ? "" : t)),
    };
  });
  paths.sort((a, b) => b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  return { dir, ...(baseUrl !== undefined ? { baseUrl } : {}), paths };
}

/**
 * Project paths (without extension, as written after the alias) a bare import may load,
 * through the config nearest above the importing file: the `paths` entry with the longest
 * matching prefix, then `baseUrl`. Empty when no config applies or nothing matches.
 */
export function aliasBases(configs: readonly AliasConfig[], from: string, specifier: string): string[] {
  const config = configs.filter((c) => c.dir === "" || from.startsWith(`${c.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!config) return [];
  const bases: string[] = [];
  for (const p of config.paths) {
    const hit = p.wildcard ? specifier.length >= p.prefix.length + p.suffix.length && specifier.startsWith(p.prefix) && specifier.endsWith(p.suffix) : specifier === p.prefix;
    if (!hit) continue;
    const star = p.wildcard ? specifier.slice(p.prefix.length, specifier.length - p.suffix.length) : "";
    bases.push(...p.targets.map((t) => t.replace("*", star)));
    break;
  }
  if (config.baseUrl !== undefined) bases.push(config.baseUrl ? `${config.baseUrl}/${specifier}` : specifier);
  return bases;
}

/**
 * The alias configs of a project whose files sit in `dirs` (project-relative folders): a
 * config in any of them or a folder above, found by stat. TypeScript is loaded only when one exists.
 */
export function findAliasConfigs(root: string, dirs: Iterable<string>): AliasConfig[] {
  const configs: AliasConfig[] = [];
  for (const dir of foldersUp(dirs)) {
    for (const name of ALIAS_CONFIGS) {
      const config = dir ? `${dir}/${name}` : name;
      if (!statSync(join(root, config), { throwIfNoEntry: false })?.isFile()) continue;
      const read = readAliasConfig(root, config);
      if (read) configs.push(read);
      // A folder's tsconfig.json is the one that applies there, beside a jsconfig.json.
      break;
    }
  }
  return configs.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
