import { copyFile, mkdir, readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { git } from "./git.js";

/** Kept out of the replay: its text is the attempt's summary (a recorded diagnosis). */
export const DIAGNOSIS_FILE = "diagnosis.md";
/** Kept out of the replay too: the attempt's summary, for recordings that are not diagnoses. */
export const SUMMARY_FILE = "summary.md";

export interface Replay {
  /** Files written, relative to the project, sorted. */
  files: string[];
  /** Text of `<replayDir>/<moduleId>/diagnosis.md`, when recorded. */
  diagnosis?: string;
}

const kind = (path: string) =>
  stat(path).then(
    (s) => (s.isDirectory() ? "dir" : s.isFile() ? "file" : "other"),
    () => "missing",
  );

async function listFiles(root: string, sub = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, rel)));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}

async function copyTree(from: string, to: string): Promise<string[]> {
  const files = (await listFiles(from)).filter((file) => file !== DIAGNOSIS_FILE && file !== SUMMARY_FILE);
  for (const file of files) {
    const target = join(to, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(from, file), target);
  }
  return files;
}

/** `git apply --numstat -z`: `add\tdel\tpath\0`, or `add\tdel\t\0old\0new\0` for a rename. */
export function parseNumstat(output: string): string[] {
  const tokens = output.split("\0");
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const fields = tokens[i]!.split("\t");
    if (fields.length < 3) continue;
    const path = fields.slice(2).join("\t");
    if (path !== "") paths.push(path);
    else paths.push(tokens[++i] ?? "", tokens[++i] ?? "");
  }
  return paths.filter((path) => path !== "");
}

/**
 * Applies a unified patch with `git apply`, paths relative to `cwd`. The ceiling stops
 * git from finding a repository above cwd (it would then read paths from that root and
 * skip the rest); in cwd's own repository, or none, git apply works on the files alone.
 * All or nothing: git apply changes no file when any hunk fails.
 */
export async function applyPatch(patch: string, cwd: string): Promise<string[]> {
  const env = { ...process.env, GIT_CEILING_DIRECTORIES: dirname(await realpath(cwd)) };
  const name = basename(patch);
  const listed = await git(["apply", "--numstat", "-z", patch], cwd, env);
  if (listed.code !== 0) throw new Error(`${name} is not a patch git can read: ${listed.stderr.trim()}`);
  const applied = await git(["apply", "--whitespace=nowarn", patch], cwd, env);
  if (applied.code !== 0) throw new Error(`${name} did not apply: ${applied.stderr.trim()}`);
  return parseNumstat(listed.stdout);
}

/** The names in a recordings folder; a missing folder has none. */
export type ListRecordings = (base: string) => Promise<ReadonlySet<string>>;

export const listRecordings: ListRecordings = async (base) => new Set(await readdir(base).catch(() => [] as string[]));

/**
 * `listRecordings`, each folder listed once: an agent's recordings are read when its first
 * attempt starts, not once per attempt (a readdir per attempt was a fifth of the CPU of a
 * 1,000-module simulated run).
 */
export function listRecordingsOnce(): ListRecordings {
  const listings = new Map<string, Promise<ReadonlySet<string>>>();
  return (base) => {
    let listing = listings.get(base);
    if (!listing) listings.set(base, (listing = listRecordings(base)));
    return listing;
  };
}

/**
 * Replays the recorded change of one module into the project: every file under
 * `<replayDir>/<moduleId>/` copied to the same relative path, then
 * `<replayDir>/<moduleId>.patch` applied. A recording named `<moduleId>@<attempt>`
 * (this attempt only: a first attempt that breaks a rule, say) or `<moduleId>@<kind>`
 * (`@analyze` for a debug diagnosis, `@fix`) is applied on top, the same way, so it
 * records only what differs. `diagnosis.md` or `summary.md` in the most specific
 * recording is the attempt's summary, not copied. With `readOnly`, only that is read.
 */
export async function replayModule(cwd: string, replayDir: string, moduleId: string, readOnly: boolean, attempt?: number, attemptKind?: string, list: ListRecordings = listRecordings): Promise<Replay> {
  const base = resolve(cwd, replayDir);
  // One listing of the recordings instead of a stat per candidate: attempts are many, recordings few.
  const recorded = await list(base);
  const has = (name: string) => recorded.has(name) || recorded.has(`${name}.patch`);
  const specific = [attempt === undefined ? "" : `${moduleId}@${attempt}`, attemptKind ? `${moduleId}@${attemptKind}` : ""].find((c) => c && has(c));
  const layers = [moduleId, ...(specific ? [specific] : [])].filter(has);
  if (layers.length === 0) return { files: [] };
  const read = (name: string, file: string) => readFile(join(base, name, file), "utf8").catch(() => undefined);
  const top = layers.at(-1)!;
  const diagnosis = (await read(top, DIAGNOSIS_FILE)) ?? (await read(top, SUMMARY_FILE));
  const summary = diagnosis === undefined ? {} : { diagnosis };
  if (readOnly) return { files: [], ...summary };
  const files = new Set<string>();
  for (const name of layers) {
    if (recorded.has(name) && (await kind(join(base, name))) === "dir") for (const file of await copyTree(join(base, name), cwd)) files.add(file);
    if (recorded.has(`${name}.patch`) && (await kind(join(base, `${name}.patch`))) === "file") for (const file of await applyPatch(join(base, `${name}.patch`), cwd)) files.add(file);
  }
  return { files: [...files].sort(), ...summary };
}
