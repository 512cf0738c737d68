import { idOf, namesOf, pathsOf, plain, type TableRow } from "./module-cells.js";

// `## Module: watering`, `### Module — \`weather\``, `## **Module:** Billing`.
const MODULE_HEADING = /^(#{1,6})[ \t]+\**module\**[ \t]*(?::\**|[—–]|-(?=\s))[ \t]*(.+?)[ \t#]*$/i;
const HEADING = /^(#{1,6})[ \t]/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
// `Files: a.ts, b.ts`, `- **Owns**: \`src/x/\``, `Depends on: plants`: the fields a section's lines give.
const FIELD = /^[ \t]*(?:[-*+][ \t]+)?\**(files?|owns|owned files|paths?|location|depends on|dependencies|uses|requires|layer)\**[ \t]*:\**[ \t]*(.*)$/i;
const ITEM = /^[ \t]*[-*+][ \t]+(.*)$/;

/**
 * The modules a layer spec declares in sections of their own (`## Module: watering`, then its
 * purpose and `Files:` / `Depends on:` lines, or lists below them), as rows of a table of modules
 * are read (spec/layer-modules.ts). Sections in code blocks declare nothing.
 */
export function sectionRows(source: string): TableRow[] {
  // Most layer specs have no such section: their text is not split for it.
  if (!/^#{1,6}[ \t]+\**module\**[ \t]*[:—–-]/im.test(source)) return [];
  const lines = source.split("\n");
  const rows: TableRow[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)?.[1];
    if (open && (fence === undefined || open.startsWith(fence))) fence = fence === undefined ? open : undefined;
    const heading = fence === undefined && !open ? MODULE_HEADING.exec(lines[i]!) : null;
    if (!heading) continue;
    const name = plain(heading[2]!);
    const id = idOf(name);
    if (!id) continue;
    const end = sectionEnd(lines, i, heading[1]!.length);
    // A `Layer:` line is the system spec's to read (spec/system-sections.ts): in a layer spec, the module is that layer's.
    const { files, dependsOn, purpose } = sectionFields(lines.slice(i + 1, end));
    rows.push({ name, id, line: i + 1, files, dependsOn, purpose, allowedImports: [], forbiddenImports: [], declaredAs: `its section \`${lines[i]!.trim()}\`` });
  }
  return rows;
}

/** The index of the line ending the section whose heading (of `level`) is at `at`: the next heading as high, outside code. */
function sectionEnd(lines: string[], at: number, level: number): number {
  let fence: string | undefined;
  for (let j = at + 1; j < lines.length; j++) {
    const open = FENCE.exec(lines[j]!)?.[1];
    if (open && (fence === undefined || open.startsWith(fence))) fence = fence === undefined ? open : undefined;
    const h = fence === undefined && !open ? HEADING.exec(lines[j]!) : null;
    if (h && h[1]!.length <= level) return j;
  }
  return lines.length;
}

/** A section's files, dependencies (a field's value, or the list right below it), purpose (its first line of prose) and `Layer:`. */
export function sectionFields(body: string[]): Pick<TableRow, "files" | "dependsOn" | "purpose" | "layer"> {
  const files: string[] = [];
  const dependsOn: string[] = [];
  let purpose = "";
  let layer: string | undefined;
  for (let k = 0; k < body.length; k++) {
    const field = FIELD.exec(body[k]!);
    if (!field) {
      if (!purpose && body[k]!.trim() && !HEADING.test(body[k]!) && !ITEM.test(body[k]!)) purpose = plain(body[k]!);
      continue;
    }
    if (/^layer$/i.test(field[1]!)) {
      layer ??= plain(field[2]!) || undefined;
      continue;
    }
    const values = [field[2]!];
    for (let item; k + 1 < body.length && (item = ITEM.exec(body[k + 1]!)) && !FIELD.test(body[k + 1]!); k++) values.push(item[1]!);
    const isFiles = /^(?:files?|owns|owned files|paths?|location)$/i.test(field[1]!);
    for (const value of values) (isFiles ? files : dependsOn).push(...(isFiles ? pathsOf(value) : namesOf(value)));
  }
  return { files: [...new Set(files)], dependsOn: [...new Set(dependsOn)], purpose, ...(layer ? { layer } : {}) };
}
