/** A Markdown table: its header's cells and its rows' cells as written, each row with its 1-based line. */
export interface MarkdownTable {
  header: string[];
  rows: { cells: string[]; line: number }[];
}

const FENCE = /^[ \t]{0,3}(?:```|~~~)/;
// GitHub's tables take one dash a column (`|:--|`); a delimiter row without a `|` is a heading's underline.
const DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * The tables of a Markdown text, as GitHub reads them: a header row, a delimiter row of dashes,
 * then the rows up to the first line without a `|`. Tables in fenced code blocks are not read.
 */
export function markdownTables(text: string): MarkdownTable[] {
  const lines = text.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i]!)) fenced = !fenced;
    const next = lines[i + 1] ?? "";
    if (fenced || !next.includes("|") || !DELIMITER.test(next) || !lines[i]!.includes("|")) continue;
    const table: MarkdownTable = { header: tableCells(lines[i]!), rows: [] };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.includes("|"); j++) table.rows.push({ cells: tableCells(lines[j]!), line: j + 1 });
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

/** A table row's cells, split on `|` outside code spans (`` `a|b` `` is one cell) and not escaped (`a \| b`), trimmed. */
export function tableCells(line: string): string[] {
  const found: string[] = [];
  let cell = "";
  let code = false;
  const row = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === "`") code = !code;
    // `\|` is a `|` in the cell, as GitHub reads it (`a \| b`, `string \| null`).
    if (ch === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (ch === "|" && !code) {
      found.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  found.push(cell.trim());
  return found;
}
