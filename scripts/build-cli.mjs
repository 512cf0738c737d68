// Bundles the CLI (dist/cli/main.js and every module of ours it loads) into dist/bundle/, so a
// command loads a few dozen files rather than ~200: Node 20 resolves, reads and compiles each
// ES module on every start. Run by `npm run build` right after tsc, from tsc's output in dist/.
//
// - Packages in node_modules stay external: loaded from node_modules as before.
// - ESM splitting keeps lazy loading lazy: each dynamic `import()` of our own code is a chunk of
//   its own, loaded when the tsc output would have loaded that module.
// - `import.meta.url` in each of our modules is rewritten to the URL of its tsc output
//   (dist/spec/cache-files.js, ...), so paths found from it (package.json, templates/, the
//   dashboard's assets, the agent MCP server's entry, the code hashed for code stamps) are
//   those of the unbundled build. Code stamps (src/code-stamp.ts, ...) hash dist/*.js: that is
//   exactly the code bundled here, built from the same sources in the same `npm run build`.
// - dist/bundle/inputs.json maps each output file to the dist/ modules in it: the tests that
//   check which modules a command loads (test/cli/startup.int.test.ts) read it.
//
// `run` and `resume` have a bundle of their own, dist/bundle/run/ (entry dist/cli/run-main.js;
// bin/orchestrate.js picks it by the command's name, so a process loads one bundle or the
// other, never both: one copy of each module, of each error class). Splitting makes each
// module shared by a different set of lazily loaded modules a chunk, and the CLI's ~120 lazy
// imports cut a run's modules into ~100 chunks: 0.8 ms a chunk to resolve, read and link on
// Node 20, ~45 ms of a 10-module run's 0.37 s CPU. In the run's bundle our modules come in
// statically, in ~35 files, except those that stay lazy because they bring a package a run
// does not always load (zod, js-yaml, hono, the MCP SDK, ...), are one choice of several
// (the agent: only the chosen one's code loads) or are named in RUN_LAZY.
import { build } from "esbuild";
import { readFile, rm, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = "dist/bundle";

/** Packages every run loads: a module bringing no other stays eager in the run's bundle. */
const RUN_PACKAGES = new Set(["better-sqlite3", "commander", "picocolors"]);
/** Modules whose lazy imports are alternatives, one of which a run loads: they stay lazy. */
const CHOOSERS = new Set(["dist/agents/load.js"]);
/**
 * Lazy imports that stay lazy in the run's bundle although they bring no package. Planning a
 * request anew (plan/request.js: its analysis, analyze/ and logs/, 213 KB of the run's 1.1 MB of
 * modules): a run whose plan `plan` or an earlier run kept needs none of it, and compiling it
 * cost every run ~10-15 ms of CPU. Each such import splits the modules it shares with the rest
 * into chunks of their own (+3 files here, ~0.8 ms each): the run's other lazy imports (its
 * `--json` status, the planner's lines, command checks' parsers, ...) together saved less than
 * their extra chunks cost (measured: 0.25 s -> 0.24 s to load the run's bundle with this one
 * alone, back to 0.25 s with seven more).
 */
const RUN_LAZY = new Set(["dist/plan/request.js"]);

const options = (out, entry, plugins) => ({
  absWorkingDir: root,
  entryPoints: { cli: entry },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunk-[hash]",
  sourcemap: "linked",
  metafile: true,
  plugins,
  logLevel: "warning",
});

/** Loads our modules: `import.meta.url` rewritten to their tsc output's URL, and `eager` dynamic imports made static. */
function ownModules(out, eager = () => false) {
  const absOut = `${root}${out}`;
  return {
    name: "own-modules",
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
        let text = await readFile(path, "utf8");
        const resolveDir = dirname(path);
        if (text.includes("import.meta.url")) {
          const own = relative(absOut, path).split(sep).join("/");
          text = text.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(own)}, import.meta.url).href`);
        }
        const heads = [];
        text = text.replace(/\bimport\(("\.\.?\/[^"\n]+\.js")\)/g, (call, specifier) => {
          if (!eager(relative(root, path), relative(root, resolve(resolveDir, JSON.parse(specifier))))) return call;
          const name = `__eager${heads.length}`;
          heads.push(`import * as ${name} from ${specifier};`);
          return `Promise.resolve(${name})`;
        });
        return { contents: heads.length ? `${heads.join("\n")}\n${text}` : text, loader: "js", resolveDir };
      });
    },
  };
}

/** Whether a dynamic import is made static in the run's bundle, from the static imports of `graph` (an esbuild metafile's inputs). */
function runEagerness(graph) {
  const bringsPackage = new Map();
  /** Whether `module` or a module it imports statically imports a package other than RUN_PACKAGES. */
  const brings = (module) => {
    if (bringsPackage.has(module)) return bringsPackage.get(module);
    const seen = new Set([module]);
    const todo = [module];
    let found = false;
    while (todo.length && !found) {
      for (const i of graph[todo.pop()]?.imports ?? []) {
        if (i.kind !== "import-statement") continue;
        if (i.external) found ||= !isBuiltin(i.path) && !RUN_PACKAGES.has(packageOf(i.path));
        else if (!seen.has(i.path)) todo.push(i.path), seen.add(i.path);
      }
    }
    bringsPackage.set(module, found);
    return found;
  };
  return (importer, target) => !CHOOSERS.has(importer) && !RUN_LAZY.has(target) && !brings(target);
}

function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

await rm(`${root}${outdir}`, { recursive: true, force: true });
const cli = await build(options(outdir, "dist/cli/main.js", [ownModules(outdir)]));
const runOut = `${outdir}/run`;
const graph = (await build({ ...options(runOut, "dist/cli/run-main.js", [ownModules(runOut)]), write: false, logLevel: "silent" })).metafile.inputs;
const run = await build(options(runOut, "dist/cli/run-main.js", [ownModules(runOut, runEagerness(graph))]));

const inputs = {};
for (const result of [cli, run]) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith(".js")) inputs[relative(outdir, file).split(sep).join("/")] = Object.keys(output.inputs);
  }
}
await writeFile(`${root}${outdir}/inputs.json`, `${JSON.stringify(inputs, null, 1)}\n`);
