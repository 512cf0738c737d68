import { readFileSync } from "node:fs";

/** Files larger than this are not source anyone edits by hand (bundles, data): skipped. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A generator's notice in a comment at the top: Go's `// Code generated ... DO NOT EDIT.`, protoc's,
 * and the `@generated` of Relay, Thrift and GraphQL codegen. Such a file is rewritten, not edited.
 */
export const GENERATED = /^[ \t]*(?:\/\/|#|\/?\*+)[^\n]*(?:\bDO NOT EDIT\b|@generated\b)/im;
/** How far into a file the generator's notice is looked for: its first lines. */
export const GENERATED_HEAD = 500;

/** Lines with something other than white space on them. */
export function codeLines(code: string): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 10) {
      if (!blank) count++;
      blank = true;
    } else if (c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  return blank ? count : count + 1;
}

/** A source file's text with `\n` line ends; undefined for one that cannot be read, is binary or is over 1 MB. */
export function readSource(path: string): string | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) return undefined;
    return bytes.toString("utf8").replace(/\r\n?/g, "\n");
  } catch {
    return undefined;
  }
}
