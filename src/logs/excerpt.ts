import { logLines } from "./lines.js";
import type { LogError } from "./types.js";

/** @default 80 */
export const EXCERPT_LINES = 80;
// Lines kept before a Node stack: Node prints the throwing source line and a caret there.
const NODE_CONTEXT = 4;
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

  const blocks = blocksOf(errors);
  const sizes = choose(blocks, max - 1); // one line kept for the closing note
  const out: string[] = [];
  let previous = 0;
  for (const block of blocks) {
    const size = sizes.get(block);
    if (size === undefined) continue;
    if (block.start > previous) out.push("…");
    out.push(...trim(lines.slice(block.start, block.end), size));
    previous = block.end;
  }
  const left = blocks.length - sizes.size;
  if (left > 0) out.push(`… ${left} more error${left === 1 ? "" : "s"} not shown`);
  else if (previous < lines.length) out.push("…");
  return out.join("\n");
}

/** One block per error, in log order; a Node stack takes a few lines before it not already taken. */
function blocksOf(errors: readonly LogError[]): Block[] {
  const blocks: Block[] = [];
  let taken = 0;
  for (const error of [...errors].sort((a, b) => a.line - b.line)) {
    const stack = error.format !== "line";
    const start = Math.max(taken, error.line - 1 - (error.format === "node" ? NODE_CONTEXT : 0));
    blocks.push({ start, end: Math.max(start, error.endLine), stack });
    taken = Math.max(taken, error.endLine);
  }
  return blocks.filter((block) => block.end > block.start);
}

/**
 * Lines granted to each block within `budget`: stacks first, then the rest, each in log
 * order and given an even share of what is left, counting the `…` line before any block
 * that does not follow a chosen one.
 */
function choose(blocks: Block[], budget: number): Map<Block, number> {
  const sizes = new Map<Block, number>();
  let left = budget;
  // Each block's place, known once: looking each up in the list was quadratic (30,000 errors in a log took seconds).
  const places = new Map(blocks.map((block, index) => [block, index]));
  for (const group of [blocks.filter((b) => b.stack), blocks.filter((b) => !b.stack)]) {
    group.forEach((block, k) => {
      const before = blocks[places.get(block)! - 1];
      const follows = block.start === 0 || (before !== undefined && sizes.has(before) && before.end === block.start);
      const marker = follows ? 0 : 1;
      const share = Math.max(MIN_BLOCK, Math.floor(left / (group.length - k)));
      const size = Math.min(block.end - block.start, share, left - marker);
      // A stack cut to a few lines says little; leave the room to the next one.
      if (size < Math.min(block.end - block.start, 3)) return;
      sizes.set(block, size);
      left -= size + marker;
    });
  }
  return sizes;
}

/** Head and tail of a long block: the header and the innermost frames are at either end. */
function trim(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...lines.slice(0, head), `… ${lines.length - head - tail} lines …`, ...lines.slice(lines.length - tail)];
}
