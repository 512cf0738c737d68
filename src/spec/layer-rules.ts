import type { Warning } from "./types.js";
import type { LayerNames } from "./layer-names.js";
import { splitFrontMatter } from "./front-matter-split.js";
import { tableLayerRules, type LayerRule } from "./layer-rule-tables.js";
import { englishRule } from "./layer-rule-words.js";
import { PLAIN_BLOCK, blockLayerRules } from "./layer-rule-blocks.js";

export type { LayerRule } from "./layer-rule-tables.js";

export interface LayerRuleReading {
  rules: LayerRule[];
  /** Sentences that look like rules between layers but could not be read: `LAYER_RULE_NOT_READ`. */
  unread: Warning[];
  /** `a` may depend on `b` (`a → b` allowed, or under a heading of dependencies): an order of layers. */
  arrows: { from: string; to: string; line: number }[];
}

const ARROW = /\s*(?:-x->|-\/->|↛|-->|->|=>|→|⟶|⇒)\s*/;
// A bold field on a line of its own (`**Must not import**: infra`): a text of its own, as a list item is.
const FIELD = /^\s*(?=(?:\*\*|__)[^*_\n]+?:?(?:\*\*|__)\s*:?)/;
const DEPENDS = /\b(?:depend(?:s|encies|ency)?|imports?)\b/i;
const NEGATIVE_ARROW = /-x->|-\/->|↛/;
const NOTHING_END = /^\W*(?:nothing|none|no other layers?)\W*$|^\s*[—–∅]\s*$/i;
const NO = /❌|✗|✘|🚫|⛔|\b(?:forbidden|prohibited|not allowed|never|disallowed)\b/i;
const YES = /✅|✓|✔|\b(?:allowed|permitted|only|ok)\b/i;
const VERB = String.raw`(?:import(?:s|ed|ing)?(?:\s+from)?|depend(?:s|ed|ing)?(?:\s+(?:up)?on)?|use[sd]?|call(?:s|ed)?|reference[sd]?|access(?:es|ed)?|knows?\s+(?:about|of)|talks?\s+to|reach(?:es)?\s+into)`;
const MODAL = String.raw`(?:(?:must|may|should|shall|can|could|will|is|are)\s+(?:(?:not|never|only)\s+)*(?:be\s+)?(?:(?:allowed|permitted|forbidden)\s+to\s+)?|(?:cannot|can't|mustn't|shouldn't|won't|never|only)\s+)`;
const RULE = new RegExp(String.raw`^(.*?)\b(${MODAL})(${VERB})\b(.*)$`, "i");
// "domain imports nothing from other layers", "core depends on nothing": a rule without a modal.
const NOTHING = new RegExp(String.raw`^(.*?)\b(${VERB})\s+(nothing|no other layers?|only)\b(.*)$`, "i");
const NEGATED = /\b(?:not|never|cannot|can't|mustn't|shouldn't|won't|forbidden)\b/i;
const ANY = /\b(?:anything|any(?:\s+other)?\s+layers?|(?:the\s+)?other\s+layers|nothing|no other layers?)\b/i;
const EXCEPT = /\b(?:except(?:\s+for)?|other than|apart from|besides|but)\b/i;
// Says something of layers' dependencies, whether or not it could be read.
const LOOKS_LIKE = new RegExp(String.raw`\b(?:must|may|should|shall|can|cannot|can't|never|only)\b.*(?:\b${VERB}\b|\bpoint\b|\bflows?\b)`, "i");

/** The rules between layers `source` (a system or layer spec) writes; `own`: the layer a layer spec is, "this layer". */
export function readLayerRules(file: string, source: string, names: LayerNames, own?: string): LayerRuleReading {
  const reading: LayerRuleReading = { rules: [], unread: [], arrows: [] };
  if (names.ids.length < 2) return reading;
  const split = splitFrontMatter(source);
  const skip = typeof split === "object" ? source.slice(0, source.length - split.body.length).split("\n").length - 1 : 0;
  const lines = source.split(/\r?\n/);
  let fenced = false;
  let heading = "";
  // A paragraph wrapped over lines is one text: a sentence may go on to the next line.
  let para: { text: string; line: number; heading: string } | undefined;
  const flush = () => {
    if (para) readParagraph(para.text, para.line, para.heading, file, names, own, reading);
    para = undefined;
  };
  // A plain code block's lines, read at its end as a table of what each layer may depend on (spec/layer-rule-blocks.ts).
  let block: { start: number; lines: string[] } | undefined;
  for (let i = skip; i < lines.length; i++) {
    const raw = lines[i]!;
    const fence = /^\s{0,3}(?:```|~~~)\s*([^\s`]*)/.exec(raw);
    if (fence) {
      flush();
      fenced = !fenced;
      if (fenced) block = PLAIN_BLOCK.test(fence[1]!) ? { start: i + 2, lines: [] } : undefined;
      else if (block) readBlock(file, block, names, reading);
      continue;
    }
    if (fenced) block?.lines.push(raw);
    if (fenced || raw.includes("|") || !raw.trim()) {
      flush();
      continue;
    }
    const h = /^\s{0,3}#{1,6}\s+(.*)$/.exec(raw);
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/.exec(raw) ?? FIELD.exec(raw);
    if (h || item || !para) {
      flush();
      // A heading is read as a rule too (`### Domain → Infra: forbidden`), but is no heading of its own.
      para = { text: h ? h[1]! : item ? raw.slice(item[0].length) : raw.trim(), line: i + 1, heading: h ? "" : heading };
      if (h) heading = h[1]!;
      if (h) flush();
    } else para.text += `\n${raw.trim()}`;
  }
  flush();
  reading.rules.push(...tableLayerRules(file, source, names));
  return reading;
}

function readBlock(file: string, block: { start: number; lines: string[] }, names: LayerNames, reading: LayerRuleReading): void {
  const read = blockLayerRules(file, block.lines, block.start, names);
  reading.rules.push(...read.rules);
  for (const u of read.unread) unread(reading, file, u.line, u.said, names, u.why);
}

function readParagraph(text: string, line: number, heading: string, file: string, names: LayerNames, own: string | undefined, reading: LayerRuleReading): void {
  // A sentence ends at `.`, `;`, `!` or `?` before a space: `__init__.py` and `e.g` go on.
  for (const m of text.matchAll(/(?:[^.;!?]|[.;!?]+(?!\s|$))+(?:[.;!?]+|$)/g)) {
    if (!m[0].trim()) continue;
    // The line its first word is on.
    const start = m.index + (m[0].length - m[0].trimStart().length);
    readSentence(m[0].trim().replace(/\s*\n\s*/g, " "), line + (text.slice(0, start).match(/\n/g)?.length ?? 0), heading, file, names, own, reading);
  }
}

function readSentence(sentence: string, line: number, heading: string, file: string, names: LayerNames, own: string | undefined, reading: LayerRuleReading): void {
  const said = sentence.replace(/[.;]$/, "").trim();
  if (ARROW.test(said) && arrowRule(said, line, heading, file, names, reading)) return;
  // Read in English words ("El dominio no debe importar la infraestructura"), quoted as written.
  const text = englishRule(said, names) ?? said;
  const rule = RULE.exec(text);
  const nothing = rule ? undefined : NOTHING.exec(text);
  if (!rule && !nothing) {
    if (LOOKS_LIKE.test(text) && mentionsLayers(text, names)) unread(reading, file, line, said, names, "names no layer it is about");
    return;
  }
  const [subjectText, modal, verb, objectText] = rule ? [rule[1]!, rule[2]!, rule[3]!, rule[4]!] : [nothing![1]!, "", nothing![2]!, `${nothing![3]} ${nothing![4]}`];
  // "app must never be imported by domain": the importer is after "by".
  const passive = /\bby\b/i.test(objectText.slice(0, 6)) && /ed$|^used$/i.test(verb.trim());
  const [fromText, toText] = passive ? [objectText.replace(/^\s*by\b/i, ""), subjectText] : [subjectText, objectText];
  // In a layer's spec, "This layer must not import api" and a field `**May import**: domain` are the layer's own.
  const thisLayer = own && (/^\W*(?:this|the)\s+layer\b|^\W*(?:it|here|modules?\s+here)\W*$/i.test(fromText) || !/[a-z0-9]/i.test(fromText)) ? [own] : [];
  const from = [...thisLayer, ...names.named(fromText)];
  // A rule's subject is a layer, said in a few words ("The domain layer", "Nothing in app", "**api**:"): a longer one is a sentence about something else.
  const short = fromText.trim().split(/\s+/).length <= 6;
  if (from.length !== 1 || !short) {
    // "Inner layers must never know about outer layers": about layers, but which? A rule between modules ("A module may import ...") is no concern here.
    if (short && /\blayers\b|\b(?:inner|outer|upper|lower|higher|top|bottom)\s+layers?\b/i.test(fromText)) unread(reading, file, line, said, names, from.length > 1 ? `names ${from.length} layers before "${verb.trim()}", not one` : "names no layer it is about");
    return;
  }
  // "core imports nothing": only the layer before the verb, not a sentence that happens to end so.
  if (nothing && /[a-z0-9]/i.test(names.strip(fromText))) return;
  const subject = from[0]!;
  const [main, exceptText] = splitExcept(toText);
  const others = names.ids.filter((id) => id !== subject);
  const to = names.named(main, true).filter((id) => id !== subject);
  const all = ANY.test(main) || /^\s*(?:nothing|no other)/i.test(objectText) ? others : [];
  const except = exceptText === undefined ? [] : names.named(exceptText).filter((id) => id !== subject);
  const negative = NEGATED.test(modal) || /^\W*(?:nothing|no)\b/i.test(subjectText) || /^\s*(?:nothing|no other)/i.test(nothing?.[3] ?? "");
  const only = /\bonly\b/i.test(modal) || /^only$/i.test(nothing?.[3] ?? "");
  const permits = only || /^(?:may|can|is allowed|are allowed|is permitted|are permitted)\b/i.test(modal.trim());
  const targets = to.length ? to : all;
  if (targets.length === 0) {
    if (/\blayers?\b/i.test(main)) unread(reading, file, line, said, names, `names no layer after "${verb.trim()}"`);
    return;
  }
  if (negative) {
    if (except.length) reading.rules.push({ from: subject, kind: "allowed", to: except, file, line, said });
    else reading.rules.push({ from: subject, kind: "forbidden", to: targets, file, line, said });
  } else if (permits) {
    reading.rules.push({ from: subject, kind: "allowed", to: targets, file, line, said });
  }
}

/** `a → b → c only`, `❌ a → b`, `a -x-> b`, `### a → b: forbidden`: false when it names no layer at each end. */
function arrowRule(said: string, line: number, heading: string, file: string, names: LayerNames, reading: LayerRuleReading): boolean {
  const parts = said.split(ARROW);
  const layers = parts.map((p) => names.named(p));
  const negative = NEGATIVE_ARROW.test(said) || NO.test(said) || (!YES.test(said) && NO.test(heading));
  const positive = !negative && (YES.test(said) || YES.test(heading));
  // One layer to a list, `api → app, domain`, or to nothing, `domain → (nothing)`: what it may depend on, as a code block's line says.
  if (parts.length === 2 && layers[0]!.length === 1 && (layers[1]!.length > 1 || NOTHING_END.test(parts[1]!))) {
    const from = layers[0]![0]!;
    const to = layers[1]!.length > 1 ? layers[1]!.filter((id) => id !== from) : names.ids.filter((id) => id !== from);
    const forbids = negative || layers[1]!.length <= 1;
    if (forbids) reading.rules.push({ from, kind: "forbidden", to, file, line, said });
    else if (positive) reading.rules.push({ from, kind: "allowed", to, file, line, said });
    if (!forbids && (positive || DEPENDS.test(said) || DEPENDS.test(heading))) for (const t of to) reading.arrows.push({ from, to: t, line });
    return true;
  }
  if (parts.length < 2 || layers.some((l) => l.length !== 1)) return false;
  const chain = layers.map((l) => l[0]!);
  for (let k = 0; k + 1 < chain.length; k++) {
    const [from, to] = [chain[k]!, chain[k + 1]!];
    if (from === to) continue;
    if (negative) {
      reading.rules.push({ from, kind: "forbidden", to: [to], file, line, said });
      continue;
    }
    if (positive) reading.rules.push({ from, kind: "allowed", to: [to], file, line, said });
    // An arrow alone may be a build order (`**Layers**: DATA → CORE → ENGINE`): it says "depends on" only where a word says so.
    if (positive || DEPENDS.test(said) || DEPENDS.test(heading)) reading.arrows.push({ from, to, line });
  }
  return true;
}

function splitExcept(text: string): [string, string | undefined] {
  const m = EXCEPT.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, undefined];
}

function mentionsLayers(text: string, names: LayerNames): boolean {
  return /\b(?:layers?|inwards?|outwards?|downwards?|upwards?)\b/i.test(text) || names.named(text).length > 0;
}

function unread(reading: LayerRuleReading, file: string, line: number, said: string, names: LayerNames, why: string): void {
  reading.unread.push({
    code: "LAYER_RULE_NOT_READ",
    message: `"${said}" looks like a rule between layers, but ${why}: write it as "<layer> must not import <layer>" or "<layer> may only import <layer>, <layer>" with the layers' names (${names.ids.join(", ")}), so the architecture gate enforces it`,
    file,
    line,
  });
}
