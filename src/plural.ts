/** A count and its word, plural unless the count is one: `1 dependency`, `2 dependencies`, `0 modules`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
