import type { Stats } from "node:fs";
import { readSpec } from "./listing.js";

/** A spec file as `readSpec` reads it: its text and the stat taken before reading it. */
export type SpecRead = ReturnType<typeof readSpec>;

/**
 * Characters of spec text read ahead at a time: their join is past V8's large-object size
 * (128 KB) whether the text is stored one or two bytes a character.
 */
const BATCH_CHARS = 256 * 1024;

/**
 * Reads the spec files `files`, asked for in this order, a batch ahead at a time, and hands
 * out each batch's texts as slices of one string of them all. A string that large is made
 * in V8's large-object space, which the young generation's collector never copies: texts
 * read one by one were each copied twice on their way to the old generation, 44 MB of the
 * 94 MB promoted in a cold `plan` of 10,000 specs. A file that cannot be read throws when
 * it is asked for, as reading it then would; a file asked for out of order is read then.
 */
export function readAhead(root: string, files: readonly string[]): (rel: string) => SpecRead {
  const ready = new Map<string, SpecRead | { error: unknown }>();
  let next = 0;
  return (rel) => {
    if (files[next] === rel) next = readBatch(root, files, next, ready);
    const found = ready.get(rel);
    if (!found) return readSpec(root, rel);
    ready.delete(rel);
    if ("error" in found) throw found.error;
    return found;
  };
}

/** Reads `files` from `from` into `ready`, up to `BATCH_CHARS` or a file that cannot be read; the index after the last one read. */
function readBatch(root: string, files: readonly string[], from: number, ready: Map<string, SpecRead | { error: unknown }>): number {
  const reads: { rel: string; stat: Stats }[] = [];
  const texts: string[] = [];
  let chars = 0;
  let at = from;
  while (at < files.length && chars < BATCH_CHARS) {
    const rel = files[at++]!;
    try {
      const { text, stat } = readSpec(root, rel);
      reads.push({ rel, stat });
      texts.push(text);
      chars += text.length;
    } catch (error) {
      ready.set(rel, { error });
      break;
    }
  }
  const joined = texts.join("");
  let start = 0;
  reads.forEach(({ rel, stat }, i) => {
    const end = start + texts[i]!.length;
    ready.set(rel, { text: joined.slice(start, end), stat });
    start = end;
  });
  return at;
}
