import { hash } from "node:crypto";
import { parseBlocks, sectionsStartingWith } from "./markdown.js";

/** What a plan derives from a spec's text by parsing it again: the purpose and the benchmark. */
export interface DerivedFacts {
  /** The first sentence of the Purpose (or Overview, Summary) section that is not about the agent itself. */
  purpose?: string;
  /** The first command of the first shell block under a heading starting with "Performance". */
  benchmark?: string;
}

/**
 * Derived facts by the sha256 digest of the text they come from. Deriving parses the spec's
 * markdown a second time (1.9 s for 10,000 specs); the spec cache (cache.ts) fills this
 * from disk so an unchanged spec is not parsed at all. Bounded: a long-lived server
 * planning many projects starts over rather than growing without end.
 */
const derived = new Map<string, DerivedFacts>();
const MAX_REMEMBERED = 100_000;

export function rememberFacts(specDigest: string, facts: DerivedFacts): void {
  if (derived.size >= MAX_REMEMBERED) derived.clear();
  derived.set(specDigest, factsWith(facts.purpose, facts.benchmark));
}

/** The facts of `specText` (whose digest is `specDigest`), remembered or derived now. */
export function derivedFacts(specText: string, specDigest = digest(specText)): DerivedFacts {
  const known = derived.get(specDigest);
  if (known) return known;
  const facts = factsOf(parseBlocks(specText.replace(/\r\n?/g, "\n")));
  rememberFacts(specDigest, facts);
  return facts;
}

/** The facts of a spec from its blocks, for a caller that parsed it already (spec/module.ts). */
export function factsOf(blocks: Blocks): DerivedFacts {
  return factsWith(purposeOf(blocks), benchmarkOf(blocks));
}

/** The facts with the keys that have a value, set one by one: see src/extend.ts for why not by spreading. */
function factsWith(purpose: string | undefined, benchmark: string | undefined): DerivedFacts {
  const facts: DerivedFacts = {};
  if (purpose) facts.purpose = purpose;
  if (benchmark) facts.benchmark = benchmark;
  return facts;
}

/**
 * Digests by text: a spec's body is digested when parsed, when cached and when planned,
 * always the same string, so a lookup (V8 keeps a string's hash) replaces the sha256.
 */
const digests = new Map<string, string>();
/** It holds the texts themselves: enough for a tree of 10,000 specs, small enough for a long-lived server. */
const MAX_DIGESTS = 20_000;

/**
 * Digests of spec bodies by spec file, each with the body it is the digest of: what `digests` keeps
 * by text, without hashing the text to find it. A Map hashes every character of a string key once,
 * and each load makes its bodies anew: 30-45 ms of a load of 10,000 specs, cold or from the cache.
 */
const specDigests = new Map<string, { body: string; digest: string }>();

/** Drops the digests known by text, whose keys (and values) hold the texts: see spec/load.ts `forgetTextMemos`. */
export function forgetDigests(): void {
  digests.clear();
  specDigests.clear();
}

/** Records the digest of `body`, the body of the spec file `specFile`, known from where it was computed (the spec cache). */
export function rememberSpecDigest(specFile: string, body: string, bodyDigest: string): void {
  if (specDigests.size >= MAX_DIGESTS) specDigests.clear();
  specDigests.set(specFile, { body, digest: bodyDigest });
}

/**
 * `digest(m.body)`, found by the spec file when its body is the one recorded for it: the same
 * string (compared by identity first, else by content, so any body gets its own digest).
 */
export function bodyDigest(m: { specFile: string; body: string }): string {
  const known = specDigests.get(m.specFile);
  return known !== undefined && known.body === m.body ? known.digest : digest(m.body);
}

/** The digest of a text whose sha256 (hex) is `sha256Hex`. */
export function digestOfHash(sha256Hex: string): string {
  return sha256Hex.slice(0, 16);
}

/** Records the digest of `text`, known from where it was computed before (the spec cache). */
export function rememberDigest(text: string, textDigest: string): void {
  if (digests.size >= MAX_DIGESTS) digests.clear();
  digests.set(text, textDigest);
}

/** sha256 of `text`, first 16 hex digits. */
export function digest(text: string): string {
  let known = digests.get(text);
  if (known === undefined) {
    known = digestOfHash(hash("sha256", text, "hex"));
    if (digests.size >= MAX_DIGESTS) digests.clear();
    digests.set(text, known);
  }
  return known;
}

type Blocks = ReturnType<typeof parseBlocks>;

/** Where a sentence ends: a run of closing marks followed by white space or the end of the text. */
const SENTENCE_END = /[.!?]+(?=\s|$)/g;
const SPACES = /\s+/g;

/**
 * The sentences of a paragraph with its white space made single spaces, one at a time:
 * each up to closing marks followed by a space or the end, the last one the rest. Read
 * from the text as written, and only the sentences asked for made single-spaced: the
 * whole paragraph made over first was 30 MB of strings for 10,000 specs, which want
 * their first sentence (and the purpose kept the whole paragraph alive, as a slice of it).
 * The same sentences as matching `/.*?[.!?]+(?=\s|$)|\S.*$/g` on the single-spaced,
 * trimmed text (test/spec/derived.test.ts).
 */
export function* sentences(text: string): Generator<string> {
  for (let from = 0; from < text.length; ) {
    const to = sentenceEnd(text, from);
    const sentence = spaced(text, from, to);
    if (sentence) yield sentence;
    from = to;
  }
}

/** `sentences`' first sentence that `wanted` takes; a loop, not the generator: resuming one for each spec's purpose cost 0.5 % of a cold plan of 10,000. */
function firstSentence(text: string, wanted: (sentence: string) => boolean): string | undefined {
  for (let from = 0; from < text.length; ) {
    const to = sentenceEnd(text, from);
    const sentence = spaced(text, from, to);
    if (sentence && wanted(sentence)) return sentence;
    from = to;
  }
  return undefined;
}

/** Where the sentence of `text` starting at `from` ends: after its closing marks, or at the end of the text. */
function sentenceEnd(text: string, from: number): number {
  SENTENCE_END.lastIndex = from;
  const end = SENTENCE_END.exec(text);
  return end ? end.index + end[0].length : text.length;
}

function spaced(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(SPACES, " ").trim();
}

/** "Purpose", "🎯 Purpose", "1. Module Purpose", "Overview", "Summary". */
const PURPOSE_HEADING = /^[^a-z]*(?:module\s+)?(?:purpose|overview|summary)\b/i;
/**
 * A sentence about the agent, not the module: "I am the Events Module Agent", "As the
 * events agent, I own ...", "You are the ... agent". Changelogs and READMEs say what the
 * module does, so these are skipped.
 */
const PERSONA = /^(?:I|I'm|I am|My|You are|You're|Your)\b|^As (?:the|an?)\b[^,]*,\s*(?:I|you)\b/i;

/**
 * The first sentence of the module's own Purpose (or Overview, Summary) section that is
 * not a persona sentence: only the section's own text, never a subsection's, so a note
 * there about another module is not taken for this one's purpose.
 */
function purposeOf(blocks: Blocks): string | undefined {
  for (const section of sectionsStartingWith(blocks, PURPOSE_HEADING)) {
    for (const block of section.blocks) {
      if (block.kind === "heading") break;
      if (block.kind !== "text") continue;
      // Sentence by sentence, up to the first that is not about the agent: most paragraphs need only their first.
      const sentence = firstSentence(block.text, notPersona);
      if (sentence !== undefined) return sentence;
    }
  }
  return undefined;
}

function notPersona(sentence: string): boolean {
  return !PERSONA.test(sentence.replace(/^[*_]+/, ""));
}

function benchmarkOf(blocks: Blocks): string | undefined {
  for (const section of sectionsStartingWith(blocks, /^performance/i)) {
    const block = section.blocks.find((b) => b.kind === "code" && /^(?:bash|sh|shell|console)$/.test(b.lang));
    if (block?.kind === "code") return block.text.split("\n").map((l) => l.replace(/^\$\s*/, "")).find((l) => l.trim() && !l.trim().startsWith("#"));
  }
  return undefined;
}
