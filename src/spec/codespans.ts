const BACKTICK = 96;

/**
 * The code spans of a paragraph's text, trimmed: what `/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g`
 * finds, by a scan instead of that pattern, whose backreference made it most of a spec's
 * inline reading. A span opens at a backtick and closes at the first later run of exactly as
 * many backticks; an opening run that never closes is tried again one backtick later, with
 * one backtick fewer, as the pattern backtracks (test/spec/codespans.test.ts compares both).
 */
export function codespans(text: string): string[] {
  const spans: string[] = [];
  let from = text.indexOf("`");
  while (from >= 0) {
    let runEnd = from;
    while (text.charCodeAt(runEnd) === BACKTICK) runEnd++;
    // The content starts after the whole run, at a character that is no backtick, and is never empty.
    let closedAt = -1;
    for (let open = from; open < runEnd && closedAt < 0 && runEnd < text.length; open++) closedAt = closing(text, runEnd, runEnd - open, spans);
    from = text.indexOf("`", closedAt >= 0 ? closedAt : runEnd);
  }
  return spans;
}

/** Where the first run of exactly `length` backticks after `start` ends, with the span it closes added to `spans`; -1 when none does. */
function closing(text: string, start: number, length: number, spans: string[]): number {
  for (let at = text.indexOf("`", start + 1); at >= 0; ) {
    let end = at;
    while (text.charCodeAt(end) === BACKTICK) end++;
    if (end - at === length) {
      spans.push(text.slice(start, at).trim());
      return end;
    }
    at = text.indexOf("`", end);
  }
  return -1;
}
