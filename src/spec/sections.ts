import type { Block } from "./markdown.js";
import type { ImportRule } from "./types.js";
import { sectionsStartingWith } from "./markdown.js";

const FIELD = /^\s*\*\*([^*]+?):?\*\*\s*:?\s*(.*)$/;
const BACKTICKED = /`([^`]+)`/g;

export interface Field {
  key: string;
  value: string;
  line: number;
  /** List items right below a field with no value (`**Related Files**:` then a list). */
  items: { text: string; codespans: string[]; line: number }[];
}

/** Every `**Key**: value` line outside lists and code, in document order. */
export function boldFields(blocks: Block[]): Field[] {
  const fields: Field[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== "text" || block.item) return;
    block.text.split("\n").forEach((text, offset) => {
      const m = FIELD.exec(text);
      if (!m) return;
      const field: Field = { key: m[1]!.trim(), value: m[2]!.trim(), line: block.line + offset, items: [] };
      if (!field.value) field.items = itemsAfter(blocks, index);
      fields.push(field);
    });
  });
  return fields;
}

function itemsAfter(blocks: Block[], index: number): Field["items"] {
  const items: Field["items"] = [];
  for (let i = index + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== "text" || !b.item) break;
    items.push({ text: b.text, codespans: b.codespans, line: b.line });
  }
  return items;
}

export function backticked(text: string): string[] {
  return [...text.matchAll(BACKTICKED)].map((m) => m[1]!.trim());
}

/** The reference an item names: its first backticked span, else its first word. */
export function itemReference(item: { text: string; codespans: string[] }): string | undefined {
  const first = item.codespans[0] ?? /^\s*([\w./@-]+)/.exec(item.text.replace(/^\*+|\*+$/g, ""))?.[1];
  return first?.trim() || undefined;
}

/** Entries of "Allowed Imports" / "Forbidden Imports" lists, under headings or bold fields. */
export function importRules(blocks: Block[], fields: Field[], file: string, which: "allowed" | "forbidden"): ImportRule[] {
  const heading = which === "allowed" ? /^allowed(?: imports?)?\b/i : /^(?:forbidden|prohibited|disallowed)(?: imports?)?\b/i;
  const rules: ImportRule[] = [];
  const add = (pattern: string | undefined, line: number) => {
    if (pattern && !/^(?:none|n\/a|-)$/i.test(pattern)) rules.push({ pattern, file, line });
  };
  for (const section of sectionsStartingWith(blocks, heading)) {
    for (const b of section.blocks) if (b.kind === "text" && b.item) add(itemReference(b), b.line);
  }
  for (const field of fields) {
    if (!heading.test(field.key)) continue;
    for (const span of backticked(field.value)) add(span, field.line);
    for (const item of field.items) add(itemReference(item), item.line);
  }
  return rules;
}
