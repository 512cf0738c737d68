import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * Why the build in dist/ cannot be tested, or undefined when every src/ file has a
 * compiled counterpart at least as new as itself, and the CLI's bundle is as new as those.
 */
export function buildProblem(root = ROOT): string | undefined {
  const src = join(root, "src");
  // The dashboard's page is bundled into one file rather than compiled file by file.
  const page = join(src, "dashboard", "app");
  const bundle = join(root, "dist", "dashboard", "assets", "app.js");
  let newest = { mtimeMs: 0, shown: "" };
  for (const file of sources(src)) {
    if (file.startsWith(page)) {
      if (!existsSync(bundle)) return "dist/ has no bundle of the dashboard's page";
      if (statSync(bundle).mtimeMs < statSync(file).mtimeMs) return `dist/dashboard/assets/app.js is older than ${relative(root, file)}`;
      continue;
    }
    const built = join(root, "dist", relative(src, file).replace(/\.ts$/, ".js"));
    const shown = relative(root, file);
    if (!existsSync(built)) return `dist/ has no build of ${shown}`;
    const { mtimeMs } = statSync(built);
    if (mtimeMs < statSync(file).mtimeMs) return `dist/ is older than ${shown}`;
    if (mtimeMs > newest.mtimeMs) newest = { mtimeMs, shown: relative(root, built) };
  }
  // The CLI's bundle (scripts/build-cli.mjs) is built from dist/ after tsc: the bin runs it.
  const cli = join(root, "dist", "bundle", "cli.js");
  if (!existsSync(cli)) return "dist/ has no bundle of the CLI";
  if (statSync(cli).mtimeMs < newest.mtimeMs) return `dist/bundle/cli.js is older than ${newest.shown}`;
  return undefined;
}

/**
 * Tests that spawn the built CLI or the agents' MCP server run dist/, not src/: a missing
 * or stale build fails them with the fix (`npm test` builds first), rather than skipping
 * them or testing yesterday's code.
 */
export function requireBuild(): void {
  const problem = buildProblem();
  if (problem) throw new Error(`${problem}: run \`npm run build\` before the integration tests (npm test does)`);
}
