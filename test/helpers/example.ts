import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeProject } from "./project.js";

export const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));

/** A fresh copy of the example project, with `config` (YAML) as its orchestrate.config.yaml when given. */
export function exampleCopy(config?: string): string {
  const root = makeProject({});
  cpSync(EXAMPLE, root, { recursive: true, filter: (src) => !/[/\\](?:\.orchestrate|__pycache__)(?:[/\\]|$)/.test(src) });
  if (config !== undefined) writeFileSync(join(root, "orchestrate.config.yaml"), config);
  return root;
}
