import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The module path the project's root `go.mod` declares (`github.com/acme/shop`); undefined without one. */
export function readGoModule(root: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, "go.mod"), "utf8");
  } catch {
    return undefined;
  }
  return /^module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
}
