/**
 * The first path a spec's prose names (`owns everything matching src/wax/**\/*.ts`), for a spec that
 * names no files where files are read: its NO_FILES warning quotes it and its line, rather than
 * owning it on a guess (a path in a sentence may as well be one the module reads or must not touch).
 */

const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;
// A relative path with a folder in it, ending in a glob, a `/` or an extension: `src/wax/**/*.ts`, `lib/wax/`, `src\wax\a.cs`.
const PATH = /(?:^|[\s(`'"])((?:\.{0,2}[\w@*.-]+[/\\])+(?:[\w@*{},.-]*\*[\w@*{},.-]*|[\w@-]*\.[A-Za-z0-9]{1,8}|))(?=$|[\s),.;:`'"])/;

export function prosePath(source: string): { path: string; line: number } | undefined {
  let fenced = false;
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || !/[/\\]/.test(line)) continue;
    const m = PATH.exec(line.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ""));
    if (m) return { path: m[1]!, line: i + 1 };
  }
  return undefined;
}
