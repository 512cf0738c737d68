import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Warning } from "./types.js";
import { parseBlocks, sectionsStartingWith } from "./markdown.js";
import { backticked, itemReference, leadingPhrase, linksAsTargets } from "./sections.js";
import { squashName } from "./names.js";
import { readFrontMatter } from "./frontmatter.js";
import { agentFileOf } from "./unread.js";
import { MODULES_HEADING } from "./links.js";


/**
 * The modules a system spec lists under a "Modules" heading (a table's first column, or a
 * list's items) that have no spec: `MODULE_WITHOUT_SPEC` warnings with their lines. A person
 * reading the list expects each to be planned; it is not, having no spec to give its agent.
 * A name matches a module or a layer in any case and with any separators (`Order Service`,
 * `ORDER_SERVICE_AGENT`, a link to `ORDER_SERVICE_AGENT.md`). A section none of whose items
 * names a module is taken to list something else, and is not warned about.
 */
export function modulesWithoutSpec(specFile: string, source: string, known: { ids: string[]; names: string[]; layers: string[] }): Warning[] {
  // Most system specs have no such heading: their text is not parsed for it.
  if (!/^#{1,6}[^\n]*\b(?:modules?|agents?|components?)\b/im.test(source)) return [];
  const { body, bodyLine } = readFrontMatter(source, specFile);
  const sections = sectionsStartingWith(parseBlocks(body, bodyLine, specFile), MODULES_HEADING);
  if (sections.length === 0) return [];
  const squashed = new Set([...known.ids, ...known.names, ...known.layers].map(squashName));
  const warnings: Warning[] = [];
  for (const section of sections) {
    const missing: Warning[] = [];
    let listsModules = false;
    for (const b of section.blocks) {
      if (b.kind !== "text" || !b.item) continue;
      const name = listedName(b);
      if (!name) continue;
      const stem = name.split("/").pop()!.replace(/(?:[._-]?agent)?(?:\.md)?$/i, "");
      // `api.v2` lists `api_v2`: a dot separates as `_` does.
      const key = squashName(stem).replace(/\./g, "");
      if (!key) continue;
      if (squashed.has(key)) {
        listsModules = true;
        continue;
      }
      const file = agentFileOf(stem);
      missing.push({
        code: "MODULE_WITHOUT_SPEC",
        message: `The system spec lists module \`${name}\` under "${section.heading.text}", but no module spec is named for it: add .claude/layers/<layer>/modules/${file}, or it is not planned`,
        file: specFile,
        line: b.line,
      });
    }
    // A section none of whose items names a module or layer lists something else (conventions, say).
    if (listsModules) warnings.push(...missing);
  }
  return warnings;
}

/**
 * The module an item or a table row names, when it names one plainly: its first cell, a code
 * span, a link, or a display name of up to four words (`**Order Service** — takes orders`).
 * Undefined for a sentence.
 */
function listedName(item: { text: string; codespans: string[] }): string | undefined {
  const text = linksAsTargets(item.text);
  const cell = text.includes(" | ") ? text.slice(0, text.indexOf(" | ")) : text;
  const spans = backticked(cell);
  if (spans.length) return spans[0];
  const bare = cell.replace(/\*\*|__/g, "").trim();
  if (/^[\w./@-]+$/.test(bare)) return bare;
  const phrase = leadingPhrase(cell);
  if (phrase) return phrase;
  const first = itemReference({ text: cell, codespans: [] });
  // One word before a dash or a colon (`ledger — the books`): a sentence names no module.
  return first && new RegExp(`^\\W*${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\W*\\s*(?:[—–:(]|-\\s)`).test(cell) ? first : undefined;
}

/** The names of Claude Code's subagents, `.claude/agents/<name>.md` that are not module specs (`code-reviewer`). */
export function subagentNames(root: string): string[] {
  try {
    return readdirSync(join(root, ".claude", "agents"))
      .filter((n) => /\.md$/i.test(n) && !/(?:_AGENT|\.agent)\.md$/i.test(n))
      .map((n) => n.replace(/\.md$/i, ""));
  } catch {
    return [];
  }
}
