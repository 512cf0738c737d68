/**
 * A path as a spec writes it, in the form owned paths are kept: `/`-separated, without `./` or a
 * `:line` suffix. Its own file: the listing (spec/declared-modules.ts) needs it without the module parser.
 */
export function normalisePath(path: string): string {
  // Each step only where it can change something: most paths are plain `pkg/core/a.py`.
  let normal = path.trim();
  if (normal.includes("\\")) normal = normal.replace(/\\/g, "/");
  if (normal.startsWith("./")) normal = normal.slice(2);
  return normal.includes(":") ? normal.replace(/:\d+(?::\d+)?$/, "") : normal;
}
