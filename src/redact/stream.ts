import { redactKeyBlocks } from "./keys.js";

/** Redacts text that arrives in pieces: whole lines at a time, so a secret cut between two pieces is still found. */
export interface StreamRedactor {
  /** The redacted text of the lines completed by this piece (may be empty). */
  push(piece: string): string;
  /** The rest, redacted; call once at the end. */
  end(): string;
}

/**
 * A line longer than this is let through in parts (a child that prints megabytes without
 * a newline must not grow memory without bound); a token cut at such a part's end may
 * escape, which no line-free output can avoid without holding all of it.
 */
const MAX_PENDING = 64 * 1024;

export function createStreamRedactor(redactText: (text: string) => string): StreamRedactor {
  let pending = "";
  // Inside a private-key block begun on an earlier line: its lines are dropped until END.
  let inKey = false;
  const flush = (text: string): string => {
    const keys = redactKeyBlocks(text, inKey);
    inKey = keys.inKey;
    return redactText(keys.text);
  };
  return {
    push(piece) {
      pending += piece;
      const cut = pending.lastIndexOf("\n");
      if (cut < 0 && pending.length < MAX_PENDING) return "";
      const upTo = cut < 0 ? pending.length : cut + 1;
      const lines = pending.slice(0, upTo);
      pending = pending.slice(upTo);
      return flush(lines);
    },
    end() {
      const rest = pending;
      pending = "";
      return rest ? flush(rest) : "";
    },
  };
}
