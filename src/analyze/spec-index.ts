import type MiniSearch from "minisearch";
import { lazyPackage } from "../lazy-package.js";
import { extractSummary } from "../spec/purpose.js";
import { frontMatterName } from "../spec/names.js";
import type { ModuleSpec } from "../spec/types.js";
import { indexWords, joinedVerbs, sameAs, term } from "./stem.js";
import type { EvidenceSource } from "./types.js";
import { ownText } from "./own-text.js";
import { compoundParts, glosses } from "./glossary.js";

/** Index fields, by the evidence source they report. */
const FIELDS = ["id", "provides", "title", "purpose", "files", "spec"] as const satisfies readonly EvidenceSource[];
type Field = (typeof FIELDS)[number];

/**
 * Field weights: a word of the module's name or of a name it provides says more than
 * the same word in its prose. Tuned on the routing test set (test/analyze/quality.test.ts).
 */
const BOOST: Record<Field, number> = { id: 6, provides: 3, title: 2, purpose: 1.5, files: 2, spec: 1 };

/** One module's match: its BM25+ score and, per query word, the fields it was found in. */
export interface Ranked {
  id: string;
  score: number;
  /** Query words as written (lower-cased) -> fields. */
  matches: Map<string, Field[]>;
}

export interface SpecIndex {
  /** Modules sharing a word with `words`, best first. */
  search(words: readonly string[]): Ranked[];
  /** Modules sharing a word's beginning or a near spelling (`drawdwn`, `sharp`): for a fallback's nearest modules only. */
  near(words: readonly string[]): string[];
  /** Whether any spec uses the word (or another form of it): the project's own vocabulary, never a misspelling. */
  knows(word: string): boolean;
}

type Doc = Record<Field, string> & { key: number };

/** Share of the specs a word may appear in and still tell modules apart. */
const COMMON = 0.5;

/**
 * How much of a spec's prose the `spec` field holds. Real specs run to 10-25 KB; what
 * a module is about is said in its first sections (purpose, ownership, responsibilities),
 * while testing, pitfalls and targets read alike in every spec. The cap keeps the index
 * of a 1,000-module tree within the planning budget.
 */
const SPEC_CHARS = 3000;

/**
 * A spec's text as its distinct terms: each word counts once. BM25 saturates a word's
 * count quickly anyway, and a module is not more about "order" for saying it ten
 * times; indexing each word once halves the build of a large tree.
 */
function distinct(text: string): string {
  const seen = new Set<string>();
  for (const word of withParts(indexWords(text))) {
    const t = term(word);
    if (t !== null) seen.add(t);
  }
  return [...seen].join(" ");
}

/** Words with the parts of the German compounds among them (`Urlaubsanträge` is also urlaub, anträge), as requests write them apart. */
function withParts(words: string[]): string[] {
  const out = words;
  for (let i = 0, n = words.length; i < n; i++) for (const part of compoundParts(words[i]!)) out.push(part);
  return out;
}

function prose(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, " ").slice(0, SPEC_CHARS);
}

function terms(text: string): string[] {
  return indexWords(text).map(term).filter((t): t is string => t !== null);
}

/** Built only for a request that names no module outright: a run of "implement system" never loads it. */
const miniSearch = lazyPackage<typeof MiniSearch>("minisearch");

/**
 * A full-text index over the module specs (MiniSearch, BM25+): name parts
 * (`schwab_fetcher` -> schwab, fetcher; also of a front matter `name`), title, purpose (with
 * a front matter `description`), Provides names split by case
 * (`SharpeRatio` -> sharpe, ratio), owned paths and the spec text. Built once per
 * spec tree (see `contextOf`).
 */
export function buildIndex(modules: readonly ModuleSpec[]): SpecIndex {
  const search = new (miniSearch())<Doc>({
    idField: "key",
    fields: [...FIELDS],
    // The spec text comes in as its distinct terms, already processed (see `distinct`).
    tokenize: (text, field) => (field === "spec" ? text.split(" ") : withParts(indexWords(text))),
    processTerm: (word, field) => (field === "spec" ? word || null : term(word)),
  });
  search.addAll(
    modules.map((m, key) => {
      const { title, purpose: written } = extractSummary(m.body);
      // A Claude Code subagent's front matter says what the module is for (`description:`) and names it (`name:`).
      const description = typeof m.frontMatter.description === "string" ? m.frontMatter.description : "";
      const purpose = description ? `${description} ${written}` : written;
      return {
        key,
        id: [m.id, frontMatterName(m)].filter(Boolean).join(" "),
        provides: m.provides.join(" "),
        title,
        // "log in", "signs out" as one word, as requests are read (see `joinedVerbs`).
        purpose: joinedVerbs(purpose),
        files: m.files.join(" "),
        spec: distinct(joinedVerbs(prose(ownText(m)))),
      };
    }),
  );
  return {
    near(words) {
      const stems = [...new Set(words.flatMap((w) => terms(w)))];
      if (stems.length === 0) return [];
      const results = search.search(stems.join(" "), { boost: BOOST, combineWith: "OR", prefix: true, fuzzy: 0.25, tokenize: (text: string) => text.split(" "), processTerm: (t: string) => t });
      return results.map((r) => modules[r.id as number]!.id);
    },
    knows(word) {
      const exact = { prefix: false, fuzzy: false, tokenize: (text: string) => [text], processTerm: (t: string) => t };
      return terms(word).some((t) => search.search(t, exact).length > 0);
    },
    search(words) {
      const byStem = new Map<string, string>();
      for (const word of words) for (const t of terms(word)) if (!byStem.has(t)) byStem.set(t, word.toLowerCase());
      // Other words for the same thing ("login" for a spec's "sign in", "auth"), after the words as written.
      for (const word of words) for (const other of sameAs(word.toLowerCase())) for (const t of terms(other)) if (!byStem.has(t)) byStem.set(t, word.toLowerCase());
      // The same thing in the spec's language, and a German compound's words ("Rechnungsexport": invoice, export).
      for (const word of words) for (const other of glosses(word.toLowerCase())) for (const t of terms(other)) if (!byStem.has(t)) byStem.set(t, word.toLowerCase());
      // A word in most specs is the project's own vocabulary ("ledger" in a ledger): it names no module.
      const options = { prefix: false, fuzzy: false, tokenize: (text: string) => [text], processTerm: (t: string) => t };
      if (modules.length >= 4) {
        for (const t of [...byStem.keys()]) {
          if (search.search(t, { ...options, fields: ["spec"] }).length > COMMON * modules.length) byStem.delete(t);
        }
      }
      if (byStem.size === 0) return [];
      const results = search.search([...byStem.keys()].join(" "), {
        boost: BOOST,
        combineWith: "OR",
        prefix: false,
        fuzzy: false,
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term,
      });
      return results.map((r) => {
        const matches = new Map<string, Field[]>();
        for (const [term, fields] of Object.entries(r.match)) {
          const word = byStem.get(term) ?? term;
          matches.set(word, [...new Set([...(matches.get(word) ?? []), ...(fields as Field[])])]);
        }
        return { id: modules[r.id as number]!.id, score: r.score, matches };
      });
    },
  };
}
