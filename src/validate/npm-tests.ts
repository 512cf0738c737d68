import { existsSync } from "node:fs";
import { extname, isAbsolute, join, posix, relative, sep } from "node:path";
import { lazyPackage } from "../lazy-package.js";
import { commonFolder } from "../common-folder.js";

type TypeScript = typeof import("typescript");
const typescript = lazyPackage<TypeScript>("typescript");

/**
 * A module's gate from a package.json's test script, read as a person reads it to run one
 * module's tests: `tsc && node --test dist/test/` builds, then runs the compiled tests, so a
 * module's is `tsc && node --test dist/test/money.test.js`, never the `.ts` file appended to
 * the whole script. `module` is undefined where the script's shape gives no such command;
 * `why` then says so, and the system gate alone runs the tests.
 */
export interface ScriptGate {
  module?: (tests: readonly string[]) => string | undefined;
  /** Why a module may have no gate from this script. */
  why?: string;
}

/** Runners that take test files (or filters of their paths) as their words, and whether they load TypeScript themselves. */
const RUNNERS: Record<string, { ts: boolean; values: ReadonlySet<string> }> = {
  node: { ts: false, values: new Set(["--test-reporter", "--test-reporter-destination", "--test-name-pattern", "--test-skip-pattern", "--test-concurrency", "--test-timeout", "--test-shard", "--import", "--require", "-r", "--loader", "--experimental-loader", "--conditions", "-C", "--env-file"]) },
  tsx: { ts: true, values: new Set(["--test-reporter", "--test-name-pattern", "--tsconfig", "--import", "--require", "-r", "--env-file"]) },
  vitest: { ts: true, values: new Set(["--config", "-c", "--project", "--reporter", "--environment", "--pool", "--dir", "--root", "-r", "--mode", "-t", "--testNamePattern", "--shard", "--outputFile", "--coverage.reporter"]) },
  jest: { ts: true, values: new Set(["--config", "-c", "--reporters", "--maxWorkers", "-w", "--selectProjects", "--testNamePattern", "-t", "--coverageReporters", "--rootDir", "--roots", "--testTimeout", "--shard"]) },
  mocha: { ts: false, values: new Set(["--require", "-r", "--reporter", "-R", "--timeout", "-t", "--config", "--extension", "--ui", "-u", "--grep", "-g", "--file", "--ignore", "--loader", "--import", "--node-option", "-n", "--slow", "-s", "--retries", "--jobs", "-j", "--reporter-option", "-O"]) },
  ava: { ts: false, values: new Set(["--match", "-m", "--concurrency", "-c", "--timeout", "-T", "--node-arguments"]) },
};

/** Words before a runner that only set its environment or measure it: `NODE_ENV=test`, `cross-env`, `c8 --reporter lcov`. */
const WRAPPERS = new Set(["cross-env", "c8", "nyc", "dotenv", "--"]);

/** A loader that lets node or mocha run TypeScript: `--require ts-node/register`, `--import tsx`, `--loader ts-node/esm`. */
const TS_LOADER = /ts-node|^tsx|@swc-node|esbuild-register|@babel\/register|--experimental-(?:strip|transform)-types/;

const TS_FILE = /\.[cm]?tsx?$/;

/** A test command as the words of its steps: `tsc && node --test dist/test/` is `[["tsc"], ["node", "--test", "dist/test/"]]`. */
type Steps = string[][];

export function scriptGate(root: string, scripts: Readonly<Record<string, unknown>>): ScriptGate {
  const script = scripts["test"];
  if (typeof script !== "string") return {};
  const steps = expand(script, scripts, 0);
  const last = steps?.at(-1);
  const runner = last && runnerOf(last);
  if (!steps || !runner) return { why: `its test script \`${script}\` is not one a module's tests can be picked out of (node --test, vitest, jest, mocha, ava, tsx --test)` };
  const before = steps.slice(0, -1);
  const pretest = typeof scripts["pretest"] === "string" ? [["npm", "run", "pretest"]] : [];
  const loadsTs = runner.ts || runner.options.some((o) => TS_LOADER.test(o)) || (runner.head.at(-1) === "node" && nodeStripsTypes());
  const builds = [...pretest, ...before];
  // Read with the first TypeScript test: TypeScript's config reader is large to load, and walks the config's files.
  let compiled: ((test: string) => string | undefined) | undefined | null = null;
  const compile = (test: string) => (compiled === null ? (compiled = outputs(root, [...builds, ...expandAll(builds, scripts)])) : compiled)?.(test);
  // A script the files can be appended to as they are (`vitest run`, `jest --coverage`, `tsc && vitest run`): `npm test -- <files>`, as a person runs it.
  const appendable = runner.paths.length === 0 && !scriptCalled(stepsOf(script)!.at(-1)!, scripts);
  return {
    module: (tests) => {
      const ts = tests.some((t) => TS_FILE.test(t));
      if (appendable && (loadsTs || !ts)) return `npm test -- ${tests.join(" ")}`;
      const files = loadsTs ? [...tests] : tests.map((t) => (TS_FILE.test(t) ? compile(t) : t));
      if (files.some((f) => f === undefined)) return undefined;
      const run = [...runner.head, ...runner.options, ...(files as string[])];
      const all = [...pretest, ...before, run];
      const line = all.map((words) => words.map(quote).join(" ")).join(" && ");
      // Only node itself is on PATH outside npm's scripts: `tsc`, `vitest` are found through `npm exec`, as `npm test` finds them.
      return all.length === 1 && run[0] === "node" ? line : `npm exec -c ${quote(line)}`;
    },
    ...(loadsTs ? {} : { why: `its test script \`${script}\` runs JavaScript, and no \`tsc\` step with an \`outDir\` says where a module's .ts tests compile to` }),
  };
}

/** Whether the node running this strips TypeScript's types itself (22.18, 23.6 and later), as the gate's node then does too. */
function nodeStripsTypes(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

/** The steps of a script, `npm run build && npm run test:unit` with its last step's script written out (what it runs last is the test runner). */
function expand(script: string, scripts: Readonly<Record<string, unknown>>, depth: number): Steps | undefined {
  const steps = stepsOf(script);
  if (!steps || depth > 4) return steps;
  const called = scriptCalled(steps.at(-1)!, scripts);
  if (!called) return steps;
  const inner = expand(called, scripts, depth + 1);
  return inner && [...steps.slice(0, -1), ...inner];
}

/** Every step of the scripts these steps call, to find the build among them (`npm run build` running `tsc -p tsconfig.build.json`). */
function expandAll(steps: Steps, scripts: Readonly<Record<string, unknown>>, depth = 0): Steps {
  if (depth > 4) return [];
  return steps.flatMap((s) => {
    const called = scriptCalled(s, scripts);
    const inner = called ? stepsOf(called) : undefined;
    return inner ? [...inner, ...expandAll(inner, scripts, depth + 1)] : [];
  });
}

/** The script a step runs by name, with no words added: `npm run build`, `pnpm build`, `yarn run test:unit`. */
function scriptCalled(step: readonly string[], scripts: Readonly<Record<string, unknown>>): string | undefined {
  const [tool, ...rest] = step;
  if (tool !== "npm" && tool !== "pnpm" && tool !== "yarn") return undefined;
  const args = rest[0] === "run" || rest[0] === "run-script" ? rest.slice(1) : tool === "npm" ? [] : rest;
  const named = args.length === 1 ? scripts[args[0]!] : undefined;
  return typeof named === "string" ? named : undefined;
}

/** A script's steps, split at `&&`; undefined for any other shell syntax (a pipe, `||`, `;`, a redirect, a substitution). */
function stepsOf(script: string): Steps | undefined {
  const words = shellWords(script);
  if (!words) return undefined;
  const steps: Steps = [[]];
  for (const w of words) {
    if (w === "&&") steps.push([]);
    else steps.at(-1)!.push(w);
  }
  return steps.every((s) => s.length > 0) ? steps : undefined;
}

/** A script's words, quotes taken off; `&&` a word of its own; undefined where it has other shell syntax. */
function shellWords(script: string): string[] | undefined {
  const words: string[] = [];
  const re = /\s*(?:(&&)|'([^']*)'|"([^"$`\\]*)"|([^\s'"&|;<>()$`\\]+))/y;
  let word: string | undefined;
  let at = 0;
  while (at < script.length) {
    re.lastIndex = at;
    const m = re.exec(script);
    if (!m) return /^\s*$/.test(script.slice(at)) ? (word === undefined ? words : [...words, word]) : undefined;
    // Parts with no space between are one word: `--spec='test/**'`.
    const joined = at > 0 && !/\s/.test(script[at]!) && word !== undefined;
    if (m[1]) {
      if (word !== undefined) words.push(word);
      words.push("&&");
      word = undefined;
    } else {
      const part = m[2] ?? m[3] ?? m[4]!;
      if (joined) word += part;
      else {
        if (word !== undefined) words.push(word);
        word = part;
      }
    }
    at = re.lastIndex;
  }
  return word === undefined ? words : [...words, word];
}

interface RunnerStep {
  /** The words up to the runner's own: env assignments, wrappers, the runner and its subcommand (`vitest run`). */
  head: string[];
  options: string[];
  /** What it was given to run: folders, files, globs. */
  paths: string[];
  ts: boolean;
}

function runnerOf(step: readonly string[]): RunnerStep | undefined {
  let i = 0;
  while (i < step.length && !RUNNERS[step[i]!]) {
    const w = step[i]!;
    if (!(/^\w+=/.test(w) || WRAPPERS.has(w) || (i > 0 && WRAPPERS.has(step[0]!)))) return undefined;
    i++;
  }
  const name = step[i];
  const known = name === undefined ? undefined : RUNNERS[name];
  if (!known) return undefined;
  const head = step.slice(0, i + 1);
  const rest = step.slice(i + 1);
  if ((name === "node" || name === "tsx") && !rest.includes("--test")) return undefined;
  if (name === "vitest" && (rest[0] === "run" || rest[0] === "watch")) head.push(rest.shift()!);
  const options: string[] = [];
  const paths: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const w = rest[j]!;
    if (!w.startsWith("-")) paths.push(w);
    else {
      options.push(w);
      if (known.values.has(w) && j + 1 < rest.length) options.push(rest[++j]!);
    }
  }
  return { head, options, paths, ts: known.ts };
}

/**
 * Where the build puts a TypeScript test's compiled file, from the config a `tsc` step builds
 * (`tsc -p tsconfig.build.json`, else tsconfig.json): `test/money.test.ts` -> `dist/test/money.test.js`
 * under `outDir`, relative to `rootDir` (else to the common folder of its files, as tsc takes it).
 * Undefined when no step runs tsc or its config has no `outDir`.
 */
function outputs(root: string, steps: Steps): ((test: string) => string | undefined) | undefined {
  const tsc = steps.map((s) => (s[0] === "npx" ? s.slice(1) : s)).find((s) => s[0] === "tsc");
  if (!tsc) return undefined;
  const flag = tsc.findIndex((w) => w === "-p" || w === "--project" || w === "-b" || w === "--build");
  const named = flag >= 0 ? tsc[flag + 1] : undefined;
  const config = named === undefined || named.startsWith("-") ? "tsconfig.json" : existsSync(join(root, named, "tsconfig.json")) ? join(named, "tsconfig.json") : named;
  const ts = typescript();
  const path = join(root, config);
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, posix.dirname(path.split(sep).join("/")), undefined, path);
  const { outDir } = parsed.options;
  if (!outDir) return undefined;
  const project = (p: string) => relative(root, isAbsolute(p) ? p : join(root, p)).split(sep).join("/");
  const rootDir = parsed.options.rootDir ? project(parsed.options.rootDir) : commonFolder(parsed.fileNames.filter((f) => !f.endsWith(".d.ts")).map(project));
  const out = project(outDir);
  return (test) => {
    const inRoot = rootDir === "" ? test : test.startsWith(`${rootDir}/`) ? test.slice(rootDir.length + 1) : undefined;
    if (inRoot === undefined || inRoot.startsWith("..")) return undefined;
    const ext = extname(inRoot);
    return `${out}/${inRoot.slice(0, -ext.length)}${ext.replace(/tsx?$/, "js")}`;
  };
}

/** A word as the shell reads it back: quoted when it holds anything but plain path characters (a glob, a space). */
function quote(word: string): string {
  return /^[\w./@=:,+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
