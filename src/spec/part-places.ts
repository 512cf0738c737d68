// Where a module's lines come from when its spec links parts (spec/spec-parts.ts). Kept apart from the
// parts' reading: the run and a kept plan map lines and list spec files without loading the spec parser.

/** Where a part starts in the module's lines: line `line + n` is line `n` of `file`. */
export interface PartPlace {
  file: string;
  line: number;
}

/** The file and line of line `line` of module `m`: in a part of its spec (`m.parts`) or in its spec file. */
export function placeOf(m: { specFile: string; parts?: readonly PartPlace[] }, line: number): { file: string; line: number } {
  if (m.parts) {
    for (let i = m.parts.length - 1; i >= 0; i--) {
      const part = m.parts[i]!;
      if (line > part.line) return { file: part.file, line: line - part.line };
    }
  }
  return { file: m.specFile, line };
}

/** The spec files of module `m`: its spec and its parts. */
export function specFilesOf(m: { specFile: string; parts?: readonly PartPlace[] }): string[] {
  return [m.specFile, ...(m.parts ?? []).map((p) => p.file)];
}
