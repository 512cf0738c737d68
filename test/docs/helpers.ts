import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/changelogs/", import.meta.url));

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, "utf8");
}

/**
 * True when `result` is `source` with lines inserted and none removed or changed:
 * every source line (terminator included) appears in `result`, in order.
 */
export function onlyInsertsLines(source: string, result: string): boolean {
  const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const wanted = lines(source);
  const got = lines(result);
  let at = 0;
  for (const line of got) {
    if (at < wanted.length && (line === wanted[at] || (at === wanted.length - 1 && line.startsWith(wanted[at] ?? "")))) at++;
  }
  return at === wanted.length;
}
