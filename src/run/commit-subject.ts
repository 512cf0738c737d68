/**
 * A summary's first line as the subject of the module's commit: at most 72 characters, as git's
 * tools show a subject; a longer one is cut at a word with "…" ("… O(n log n)" was cut to "… (O(n l").
 */
export function commitSubject(summary: string): string {
  const line = (summary.split("\n", 1)[0] ?? "").trim();
  if (line.length <= 72) return line;
  // The last space at index 71 or before: the words before it and "…" make at most 72 characters.
  const space = line.lastIndexOf(" ", 71);
  return `${(space >= 40 ? line.slice(0, space) : line.slice(0, 71)).trimEnd()}…`;
}
