import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { readCapped } from "../read-capped.js";

/** What an Nx workspace runs for the whole project and for one module. */
export interface NxTests {
  system: string;
  from: string;
  moduleOf: (files: readonly string[]) => { run: string; from: string } | undefined;
}

/** A runner's configuration in a project's folder, from which Nx's plugins infer its `test` target. */
const RUNNER_CONFIG = /^(?:jest|vitest|vite)\.config\.[cm]?[jt]s$/;
const PROJECT_BYTES = 256 * 1024;

/**
 * `npx nx run-many -t test` where `nx.json` is at the root, and for a module whose files are all in
 * one Nx project that has a `test` target (in its project.json, or inferred from a jest or vite
 * config beside it), `npx nx test <project>`: Nx builds what the project depends on and runs its
 * own runner, so no test file needs picking out of a root script.
 */
export function nxTests(root: string): NxTests | undefined {
  if (!existsSync(join(root, "nx.json"))) return undefined;
  return { system: "npx nx run-many -t test", from: "nx.json", moduleOf: (files) => projectTest(root, files) };
}

function projectTest(root: string, files: readonly string[]): { run: string; from: string } | undefined {
  const dirs = new Set(files.map((f) => projectOf(root, f)));
  const [dir] = dirs;
  if (dirs.size !== 1 || !dir) return undefined;
  const project = readProject(join(root, dir, "project.json"));
  if (!project) return undefined;
  const name = project.name ?? dir.split("/").at(-1)!;
  if (!/^[\w.@/-]+$/.test(name)) return undefined;
  if (!project.test && !readdirSync(join(root, dir)).some((f) => RUNNER_CONFIG.test(f))) return undefined;
  return { run: `npx nx test ${name}`, from: `${dir}/project.json` };
}

/** The folder below the root of the project.json nearest a file; "" when none is. */
function projectOf(root: string, file: string): string {
  for (let dir = dirname(file); dir !== "." && dir !== "/" && dir !== ""; dir = dirname(dir)) if (existsSync(join(root, dir, "project.json"))) return dir;
  return "";
}

/** A project.json's `name` and whether it declares a `test` target; undefined when it is not JSON. */
function readProject(path: string): { name?: string; test: boolean } | undefined {
  try {
    const json = JSON.parse(readCapped(path, PROJECT_BYTES)?.text ?? "") as { name?: unknown; targets?: Record<string, unknown> };
    return { ...(typeof json.name === "string" && json.name ? { name: json.name } : {}), test: typeof json.targets === "object" && json.targets !== null && "test" in json.targets };
  } catch {
    return undefined;
  }
}
