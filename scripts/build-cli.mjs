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
import { build } from "esbuild";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = "dist/bundle";
const absOut = `${root}${outdir}`;

/** Rewrites `import.meta.url` in our modules to the URL their tsc output has. */
const ownUrls = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      if (!text.includes("import.meta.url")) return { contents: text, loader: "js", resolveDir: dirname(path) };
      const own = relative(absOut, path).split(sep).join("/");
      const url = `new URL(${JSON.stringify(own)}, import.meta.url).href`;
      return { contents: text.replace(/\bimport\.meta\.url\b/g, url), loader: "js", resolveDir: dirname(path) };
    });
  },
};

await rm(absOut, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: "dist/cli/main.js" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunk-[hash]",
  sourcemap: "linked",
  metafile: true,
  plugins: [ownUrls],
  logLevel: "warning",
});

const inputs = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith(".js")) inputs[relative(outdir, file)] = Object.keys(output.inputs);
}
await writeFile(`${absOut}/inputs.json`, `${JSON.stringify(inputs, null, 1)}\n`);
