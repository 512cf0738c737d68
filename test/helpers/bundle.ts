import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const inputs = new Map<string, Record<string, string[]>>();

/**
 * The modules of dist/ that loaded URLs stand for: a file of the CLI's bundle (dist/bundle/,
 * scripts/build-cli.mjs) stands for the modules bundled into it, as the build's
 * dist/bundle/inputs.json lists them; any other URL stands for itself. So tests of what a
 * command loads name modules, bundled or not. `root` is the package's folder.
 */
export function unbundled(urls: readonly string[], root = ROOT): string[] {
  const bundle = `${pathToFileURL(join(root, "dist", "bundle")).href}/`;
  let holds = inputs.get(root);
  if (!holds) inputs.set(root, (holds = JSON.parse(readFileSync(join(root, "dist", "bundle", "inputs.json"), "utf8")) as Record<string, string[]>));
  return urls.flatMap((url) => {
    if (!url.startsWith(bundle)) return [url];
    const files = holds[url.slice(bundle.length)];
    if (!files) throw new Error(`dist/bundle/inputs.json has no entry for ${url}`);
    return files.map((file) => pathToFileURL(join(root, file)).href);
  });
}
