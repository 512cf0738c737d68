import { posix } from "node:path";
import { parseJsonc } from "../spec/jsonc.js";

/**
 * The folders a tsconfig.json's project `references` name (`{ "path": "./packages/core" }`, or a
 * config file in one, `./packages/core/tsconfig.build.json`), project-relative: TypeScript's own word
 * for the projects a repository is built of. A reference to a config beside it (Vite's
 * `tsconfig.app.json` and `tsconfig.node.json`), or to a folder above names no package (one of tests holds none of the code, so it is no module either).
 */
export function referencedProjects(dir: string, text: string): string[] {
  let json: unknown;
  try {
    json = parseJsonc(text);
  } catch {
    return [];
  }
  const references = json && typeof json === "object" ? (json as { references?: unknown }).references : undefined;
  if (!Array.isArray(references)) return [];
  const found: string[] = [];
  for (const r of references) {
    const path = r && typeof r === "object" ? (r as { path?: unknown }).path : undefined;
    if (typeof path !== "string") continue;
    let target = posix.normalize(posix.join(dir || ".", path)).replace(/\/+$/, "");
    if (target.endsWith(".json")) target = posix.dirname(target);
    if (target === "." || target === (dir || ".") || target.startsWith("../") || (dir && !target.startsWith(`${dir}/`))) continue;
    found.push(target);
  }
  return found;
}
