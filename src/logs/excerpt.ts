import { logLines } from "./lines.js";
import type { LogError } from "./types.js";

/** @default 80 */
export const EXCERPT_LINES = 80;
// Lines kept before a stack: Node prints the throwing source line and a caret there.
const CONTEXT_BEFORE = 4;
const MAX_LINE_LENGTH = 400;
const MIN_BLOCK = 12;

interface Block {
  start: number; // 0-based, inclusive
  end: number; // exclusive
  stack: boolean;
}

/**
 * The lines of `text` that hold `errors`, for a prompt: at most `max` lines, errors with
 * frames before bare `ERROR` lines when not all fit (a crash is worth more than the
 * hundredth warning), shown in log order with `…` where lines were left out. Without
 * errors, the log's last `max` lines, since a crash is usually at the end.
 */
export function excerptLog(text: string, errors: readonly LogError[], max = EXCERPT_LINES): string {
  const lines = logLines(text).map((line) => (line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line));
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  if (errors.length === 0) return lines.slice(-max).join("\n");

  const blocks = merge(errors.map((error) => blockOf(error)));
  const perBlock = Math.max(MIN_BLOCK, Math.floor(max / blocks.length));
  const byPriority = [...blocks].sort((a, b) => Number(b.stack) - Number(a.stack) || a.start - b.start);
  const chosen = new Set<Block>();
  let used = 0;
  for (const block of byPriority) {
    const size = Math.min(block.end - block.start, perBlock);
    if (used + size > max) break;
    chosen.add(block);
    used += size;
  }

  const out: string[] = [];
  let previous = 0;
  for (const block of blocks.filter((b) => chosen.has(b))) {
    if (block.start > previous) out.push("…");
    out.push(...trim(lines.slice(block.start, block.end), perBlock));
    previous = block.end;
  }
  const left = blocks.length - chosen.size;
  if (left > 0) out.push(`… ${left} more error${left === 1 ? "" : "s"} not shown`);
  else if (previous < lines.length) out.push("…");
  return out.join("\n");
}

function blockOf(error: LogError): Block {
  const stack = error.format !== "line";
  const start = Math.max(0, error.line - 1 - (stack ? CONTEXT_BEFORE : 0));
  return { start, end: error.endLine, stack };
}

/** Joins overlapping or touching blocks (a logged `ERROR` line and its traceback). */
function merge(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of [...blocks].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && block.start <= last.end) {
      last.end = Math.max(last.end, block.end);
      last.stack ||= block.stack;
    } else {
      merged.push({ ...block });
    }
  }
  return merged;
}

/** Head and tail of a long block: the header and the innermost frames are at either end. */
function trim(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...lines.slice(0, head), `… ${lines.length - head - tail} lines …`, ...lines.slice(lines.length - tail)];
}
