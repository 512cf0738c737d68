// Bundles the dashboard's page (src/dashboard/app, Preact + elkjs) into dist/dashboard/assets/:
// the server ships with every byte the browser loads, so the dashboard works offline.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { app: "src/dashboard/app/main.tsx" },
  outdir: "dist/dashboard/assets",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  jsx: "automatic",
  jsxImportSource: "preact",
  tsconfig: "src/dashboard/app/tsconfig.json",
  legalComments: "linked",
  logLevel: "warning",
});
