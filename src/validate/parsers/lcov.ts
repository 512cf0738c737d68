/**
 * Line coverage of an lcov tracefile (`lcov.info`): the sum of `LH:` (lines hit) over the
 * sum of `LF:` (lines found) across all `SF:` records. Undefined when no line was found.
 */
export function readLcov(text: string): number | undefined {
  let found = 0;
  let hit = 0;
  for (const [, key, n] of text.matchAll(/^(LF|LH):(\d+)\s*$/gm)) {
    if (key === "LF") found += Number(n);
    else hit += Number(n);
  }
  return found === 0 ? undefined : (hit / found) * 100;
}

export const looksLikeLcov = (text: string): boolean => /^(?:SF|LF|end_of_record)\b/m.test(text);
