/** The conflicting regions of a file git wrote with conflict markers, at most `max` characters of them. */
export function conflictHunks(text: string, max = 4000): string {
  const hunks: string[] = [];
  const lines = text.split("\n");
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (start < 0 && line.startsWith("<<<<<<< ")) start = i;
    else if (start >= 0 && line.startsWith(">>>>>>> ")) {
      hunks.push(`line ${start + 1}:\n${lines.slice(start, i + 1).join("\n")}`);
      start = -1;
    }
  }
  const joined = hunks.join("\n\n");
  return joined.length > max ? `${joined.slice(0, max)}\n… (${joined.length - max} more characters)` : joined;
}
