import { clauseWords } from "./asking.js";
import { isStopWord } from "./stem.js";
import { commandClauses } from "./symptom.js";

/**
 * Words that ask for the whole system: no fallback warning for these. "across the whole farm"
 * spans whatever the project calls itself; "the whole month" alone is no project; "audit the whole
 * thing" asks for all of it.
 */
const SYSTEM_WORDS = new RegExp(
  String.raw`\b(?:(?:whole|entire|full) (?:system|project|codebase|code base|repo|repository|app|application|platform)|the (?:whole|entire) (?:thing|stack|product)|all (?:the )?(?:modules|layers|code)|every (?:module|layer|file)|everything|everywhere|system|codebase|code base|project-wide|repo-wide|across the (?:project|codebase|code base|repo|board|app|application|product)|throughout the (?:project|codebase|code base|repo|app|application|product|system)|app-wide|(?<=\bacross (?:the |our )?)(?:whole|entire) [a-z]+|` +
  // German's and Spanish's: "prüfe die gesamte Pipeline", "revisa todo el proyecto".
  String.raw`(?:gesamten?|ganzen?|komplette[n]?) (?:system|projekt|code|codebasis|repo|anwendung|app|plattform|pipeline)|(?:todo el|toda la) (?:sistema|proyecto|código|repo|aplicación|plataforma|pipeline))(?![\p{L}])`,
  "giu",
);

/**
 * The units of code a project is made of, by their usual names: "upgrade every job", "all the
 * crates", "each service" ask for all of them, whatever the project calls its modules. A layer
 * or module named so is found by its name first ("all the jobs" in a tree with a `jobs` layer).
 */
const UNIT = "job|service|package|crate|component|endpoint|microservice|worker|script|library|handler|controller";
const UNITS = "jobs|services|packages|crates|components|endpoints|microservices|workers|scripts|libraries|handlers|controllers";
const ALL_UNITS = new RegExp(`\\b(?:(?:every|each) (?:single )?(?:${UNIT})|all (?:of )?(?:the |our )?(?:${UNITS}))\\b`, "gi");

/** Compounds in which "system" is not the project: "file system", "operating system". */
const NOT_THE_PROJECT = /\b(?:file|operating|type|build|ticket|plugin|design)[\s-]+$/i;

/**
 * The first words of `text` that ask for the whole system, lower-cased. A bare "system" that
 * qualifies the next word ("unhandled system error", "the system clock") or ends a compound
 * ("file system") names something else; "implement system", "review the system for leaks" ask for all.
 */
export function systemWords(text: string): string | undefined {
  const found: Array<{ at: number; words: string }> = [];
  for (const re of [SYSTEM_WORDS, ALL_UNITS]) {
    for (const m of text.matchAll(re)) {
      const words = m[0].toLowerCase();
      if (words === "system" && !standsAlone(text, m.index, m.index + m[0].length)) continue;
      found.push({ at: m.index, words });
      break;
    }
  }
  return found.sort((a, b) => a.at - b.at)[0]?.words;
}

function standsAlone(text: string, start: number, end: number): boolean {
  if (NOT_THE_PROJECT.test(text.slice(0, start))) return false;
  const next = /^[ \t]+([A-Za-z][A-Za-z0-9]*)/.exec(text.slice(end))?.[1]?.toLowerCase();
  return next === undefined || isStopWord(next);
}

/**
 * "every keystroke rechecks everything", "it pastes everything into A1": an "everything" after a
 * statement's verb tells what the fault touches, not where to work. In a command ("refactor
 * everything", "review everything for leaks") or as a subject ("everything is slow") it asks for all.
 */
export function everythingIsObject(text: string, phrase = "everything"): boolean {
  const words = clauseWords(text);
  const command = commandClauses(words);
  const wanted = phrase.split(" ");
  let inClause = 0;
  for (let k = 0; k < words.length; k++) {
    inClause = words[k]!.start ? 0 : inClause + 1;
    if (!wanted.every((w, i) => words[k + i]?.word === w)) continue;
    return !command[k] && inClause >= 2;
  }
  return false;
}

/**
 * Whether the words asking for the whole system stand after a statement's verb: "the loudness check
 * flags every file as too quiet" tells what the fault touches, as "it pastes everything into A1"
 * does; "upgrade every job", "every file is slow to open" still ask for all.
 */
export function systemIsObject(text: string, system: string): boolean {
  return /^(?:everything|every|each|all)\b/.test(system) && everythingIsObject(text, system);
}
