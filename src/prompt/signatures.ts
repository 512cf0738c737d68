import { pathUnder } from "../path-under.js";
import { readCapped } from "../read-capped.js";
import { insideProject } from "../inside-project.js";
import { statFile, type FileStats } from "../file-stats.js";
import { styleOfFile } from "../validate/source.js";
import { pythonSignatures } from "./signatures-py.js";
import { typescriptSignatures } from "./signatures-ts.js";
import { rustSignatures } from "./signatures-rs.js";

/** The signatures of one implemented file. */
export interface FileSignatures {
  file: string;
  signatures: string[];
}

const MAX_FILE_BYTES = 1024 * 1024;
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|spec)\/|(?:^|\/)test_[^/]*$|_test\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/;

const cache = new Map<string, { key: string; signatures: string[] }>();
/** The last text parsed for each file of the tree, by its path in the tree: a worktree's copy of an unchanged file is not parsed again. */
const parsed = new Map<string, { text: string; signatures: string[] }>();
type Style = "python" | "js" | "rust";
const sources = new WeakMap<readonly string[], { root: string; found: { file: string; style: Style; path: string }[] }>();

/**
 * The files of a list that can have signatures, with their paths under `root`: found once
 * per list and root, since a module's list is read for each of its dependents.
 */
function sourcesOf(root: string, files: readonly string[]): { file: string; style: Style; path: string }[] {
  let known = sources.get(files);
  if (known?.root !== root) {
    const found = files.flatMap((file) => {
      const style: Style | undefined = file.includes("*") || TEST_FILE.test(file) ? undefined : file.endsWith(".rs") ? "rust" : styleOfFile(file);
      return style ? [{ file, style, path: pathUnder(root, file) }] : [];
    });
    sources.set(files, (known = { root, found }));
  }
  return known.found;
}

/**
 * The public signatures of a module's files that exist on disk (Python, TS/JS and Rust; test
 * files, folders, globs and other languages skipped). Each file is parsed once per
 * content: the cache is keyed by size and mtime, so every dependent of a module reuses it, and a
 * file whose text is the one last parsed under its tree path (the same file in another
 * attempt's worktree) is not parsed again. `stats`: a run's stats of the tree (src/file-stats.ts).
 */
export function moduleSignatures(root: string, files: readonly string[], stats?: FileStats): FileSignatures[] {
  const out: FileSignatures[] = [];
  const found = sourcesOf(root, files);
  // By index: asked for each dependency of every prompt, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per file.
  for (let i = 0; i < found.length; i++) {
    const { file, style, path } = found[i]!;
    // Not written yet: the dependency's Provides is all there is. Asked without a throw, since
    // before an agent writes them most files are missing and an ENOENT error costs ten times the stat.
    const stat = stats ? stats.of(path) : statFile(path);
    if (!stat?.isFile) continue;
    const key = `${stat.size}:${stat.mtimeMs}`;
    let entry = cache.get(path);
    if (entry?.key !== key) {
      const text = insideProject(root, path) ? readCapped(path, MAX_FILE_BYTES)?.text : undefined;
      if (text === undefined) continue;
      const last = parsed.get(file);
      const signatures = last?.text === text ? last.signatures : parse(style, text, file);
      parsed.set(file, { text, signatures });
      entry = { key, signatures };
      cache.set(path, entry);
    }
    if (entry.signatures.length) out.push({ file, signatures: entry.signatures });
  }
  return out;
}

function parse(style: Style, text: string, file: string): string[] {
  return style === "python" ? pythonSignatures(text) : style === "rust" ? rustSignatures(text) : typescriptSignatures(text, file);
}
