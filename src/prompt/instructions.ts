import { join } from "node:path";
import { readCapped } from "../read-capped.js";
import { insideProject } from "../inside-project.js";
import { statFile, type FileStat, type FileStats } from "../file-stats.js";

/** Where coding agents' project instructions are kept: Claude Code's files, then the AGENTS.md other agents read. */
export const INSTRUCTION_FILES = ["CLAUDE.md", ".claude/CLAUDE.md", "AGENTS.md"] as const;

const NONE: readonly string[] = [];

/** Far more than a prompt's budget holds: a larger file is not read at all. */
const MAX_BYTES = 64 * 1024;

/** The project's instructions for coding agents, and the files they come from. */
export interface Instructions {
  /** The files' texts, each under its name when there are several. */
  text: string;
  files: string[];
}

/**
 * Reads the project's CLAUDE.md, .claude/CLAUDE.md and AGENTS.md (the first two are what
 * Claude Code reads as a project's instructions, the last what Codex and others read).
 * A file whose text is another's (AGENTS.md as a link to CLAUDE.md) is read once.
 * `skip`: files the agent reads itself, left out (the agent would see them twice).
 * Undefined when there are none. `stats`: a run's stats of the tree, taken again only when it may have changed.
 */
export function readInstructions(root: string, skip: readonly string[] = NONE, stats?: FileStats): Instructions | undefined {
  const all = readFiles(root, stats);
  // The same files read as for the last attempt, the same left out: the same instructions.
  const last = made.get(all);
  if (last?.skip === skip) return last.instructions;
  const found = all.filter((f) => !skip.includes(f.file));
  const instructions = found.length === 0 ? undefined : { text: found.length === 1 ? found[0]!.text : found.map((f) => `From \`${f.file}\`:\n${f.text}`).join("\n\n"), files: found.map((f) => f.file) };
  made.set(all, { skip, instructions });
  return instructions;
}

const made = new WeakMap<readonly { file: string; text: string }[], { skip: readonly string[]; instructions: Instructions | undefined }>();

/** Which of `files` the project has (as instruction files with some text). */
export function presentInstructionFiles(root: string, files: readonly string[]): string[] {
  return readFiles(root).map((f) => f.file).filter((f) => files.includes(f));
}

function readFiles(root: string, cache?: FileStats): { file: string; text: string }[] {
  // Asked for by every attempt: the files are read again only when one of them changed.
  const known = read.get(root);
  const paths = known?.paths ?? INSTRUCTION_FILES.map((file) => join(root, file));
  // The very stats of the last read (a run's, kept): nothing to compare.
  if (known && cache && paths.every((path, i) => cache.of(path) === known.stats[i])) return known.found;
  const stats = paths.map((path) => (cache ? cache.of(path) : statFile(path)));
  const signature = stats.map((s) => (s?.isFile ? `${s.size}:${s.mtimeMs}:${s.ino}` : "-")).join("|");
  if (known?.signature === signature) {
    known.stats = stats;
    return known.found;
  }
  const found: { file: string; text: string }[] = [];
  INSTRUCTION_FILES.forEach((file, i) => {
    if (!stats[i]?.isFile || !insideProject(root, paths[i]!)) return;
    let text: string | undefined;
    try {
      text = readCapped(paths[i]!, MAX_BYTES)?.text.trim();
    } catch {
      return; // unreadable: no instructions
    }
    if (text && !found.some((f) => f.text === text)) found.push({ file, text });
  });
  if (read.size >= 64) read.clear();
  read.set(root, { paths, signature, stats, found });
  return found;
}

/** The last read of each project root (an attempt's worktree is a root of its own). */
const read = new Map<string, { paths: string[]; signature: string; stats: (FileStat | undefined)[]; found: { file: string; text: string }[] }>();
