import type { TaskType } from "./types.js";

export type Intent = Exclude<TaskType, "general">;

/**
 * Keywords per task type, in base form; `inflects` adds the regular inflections
 * (fix -> fixes/fixed/fixing). Irregular and derived forms are listed. Phrases are
 * words separated by one space and count once. Left out on purpose:
 * - "issue": feature requests are filed as issues too ("issue #12: add export");
 * - "document": writing docs is the documentation stage's job, not a task type;
 * - "improve", "enhance", "polish": what is improved says the type ("improve the
 *   readability" is refactor, "improve response time" optimize); alone they are `general`;
 * - "describe", "summarize", "walk through", questions: they ask only at the head of a
 *   clause (`asking.ts`), not in "the describe command crashes".
 * An implement word in a past form describes what was done ("patients created at the
 * desk"), unless after "be" ("should be added").
 * - "debugger", "fixture", "prefix", "address", "readd": not inflections of any
 *   keyword, so they never match (whole words only).
 */
export const KEYWORDS: Readonly<Record<Intent, readonly string[]>> = {
  implement: [
    "implement", "implementation", "build", "built", "create", "add", "write", "wrote",
    "written", "develop", "scaffold", "introduce", "new feature", "set up", "wire up",
    "extend", "harden", "test coverage",
  ],
  debug: [
    "fix", "bugfix", "bug fix", "hotfix", "bug", "buggy", "debug", "error", "crash", "fail",
    "failure", "broken", "exception", "traceback", "stacktrace", "stack trace", "regression",
    "not work", "hang", "deadlock", "leak", "incorrect", "wrong", "nan", "throws", "segfault",
    "segmentation fault", "panic", "freeze", "infinite loop", "off by one", "blow up", "time out",
    "cannot", "can not", "unable to",
    "timeout",
    // Symptoms as people write them; "break" itself is left out: "break the module into two".
    "choke", "stop working", "breaks", "broke", "misbehave", "flaky", "flakiness",
    "out of memory", "oom",
    // A Cortex-M fault handler's name, as firmware people report a crash.
    "hardfault", "hard fault",
    // A bus or a device that stops answering, as "hang" and "freeze".
    "lock up",
  ],
  refactor: [
    "refactor", "restructure", "clean up", "cleanup", "tidy up", "rename", "extract",
    "simplify", "reorganize", "reorganise", "decouple", "modularize", "modularise",
    "deduplicate", "migrate", "dead code", "unify",
    // Better code that does the same. Left out, since as often they change what the code does:
    // "tidy" (the wording), "rewrite" (the error messages), "rework", "consolidate" (the invoices).
    "modernize", "modernise", "readability", "readable", "maintainability", "maintainable",
    "tech debt", "technical debt", "code smell", "duplication",
    // Annotations change no behaviour: "add type hints" is a refactor, not a feature.
    "type hint", "type annotation",
  ],
  analyze: [
    "analyze", "analyse", "analysis", "review", "audit", "inspect", "inspection", "assess",
    "assessment", "investigate", "investigation", "explain", "evaluate", "look into", "look at",
    "examine", "critique",
  ],
  optimize: [
    "optimize", "optimise", "optimization", "optimisation", "performance", "perf",
    "speed up", "sped up", "faster", "slow", "slower", "slowness", "slowdown", "latency",
    "memory usage", "throughput", "bottleneck", "profile", "profiler", "efficiency",
    "hot path", "quicker", "sluggish", "laggy", "inefficient", "efficient", "take forever", "took forever",
    // How long, in words rather than figures: "reindexing takes all night", "restore takes longer than a clean install".
    "take all night", "took all night", "take all day", "took all day", "take ages", "took ages", "take longer than", "took longer than",
    "take too long", "took too long", "startup time", "load time", "response time", "build time", "compile time", "cpu usage", "scalability",
    "reduce memory", "less memory", "too much memory", "memory footprint", "memory consumption",
    "parallelize", "parallelise",
    // Tail latency by its percentile: "p99 of /search went from 90 ms to 400 ms".
    "p50", "p90", "p95", "p99", "p999",
    "bandwidth", "gpu utilization", "cpu utilization", "gpu usage",
    // Falling behind is throughput: "the dataloader can't keep up" (before "can not" scores debug).
    "can not keep up", "cannot keep up", "unable to keep up", "fall behind", "fell behind",
    "payload size", "bundle size", "binary size",
    "choppy", "janky", "jank", "stutter",
    // Delay felt and memory churned: "the map lags with 2000 scooters", "GC alloc spikes every frame".
    "lags", "lagging", "gc alloc", "gc allocs", "gc allocation", "gc allocations", "gc pause", "gc pauses", "garbage collection", "frame rate", "framerate", "frame time",
    // What it costs to run: "make int_sessions cheaper", "the warehouse bill".
    "cheaper", "less expensive", "too expensive", "cost less",
    // A query per row where one would do ("N+1 queries when the feed asks for authors"): scoring reads "N+1" as "n 1".
    "n 1 query", "n 1 queries", "n 1 problem", "n 1 select", "n 1 selects",
  ],
};

/**
 * Keywords that are nouns: they name a kind of work or a problem without asking for
 * anything. A verb or a symptom anywhere in the request wins over them ("add max
 * drawdown duration to the performance report" is implement, "implement retries on
 * network errors" is implement); they decide only when the request has no verb or
 * symptom ("memory usage of the journal grows" is optimize).
 */
export const NOUNS: ReadonlySet<string> = new Set([
  "implementation", "new feature", "bug", "bugfix", "bug fix", "error", "exception", "traceback",
  "stacktrace", "stack trace", "regression", "failure", "cleanup", "analysis", "assessment",
  "inspection", "investigation", "optimization", "optimisation", "performance", "perf",
  "latency", "throughput", "bottleneck", "efficiency", "memory usage", "hot path", "slowness",
  "slowdown", "profiler", "leak", "deadlock", "timeout", "test coverage", "bandwidth", "gpu utilization", "cpu utilization", "gpu usage", "readability", "readable",
  "maintainability", "maintainable", "tech debt", "technical debt", "code smell", "duplication",
  "efficient", "startup time", "load time", "response time", "build time", "compile time", "cpu usage", "scalability", "less memory",
  "memory footprint", "memory consumption", "payload size", "bundle size", "binary size",
  "n 1 query", "n 1 queries", "n 1 problem", "n 1 select", "n 1 selects",
  "gc alloc", "gc allocs", "gc allocation", "gc allocations", "gc pause", "gc pauses", "garbage collection", "frame rate", "framerate", "frame time",
]);

/**
 * Phrases that name a thing rather than a problem or an action. Their words are used
 * up before scoring, so "add error handling" is implement, not a tie with debug.
 */
export const NEUTRAL: readonly string[] = [
  "error handling", "error handler", "error message", "error code", "error type",
  "error class", "exception handling", "exception handler", "fixed point", "fixed size",
  "fixed width", "fixed length", "fixed rate", "regression test", "performance test",
  "bug tracker", "bug report", "crash report", "user profile", "add on", "human readable", "machine readable",
  // Addressing review comments changes code: it is not a (read-only) analysis.
  "review comment", "review feedback",
  // Records and jobs named for an audit ask for none: "the audit log misses deletes", "charges posted twice when the night audit reruns".
  "audit log", "audit logs", "audit trail", "audit trails", "audit event", "audit events", "night audit", "review queue",
  // A log level or a build named for debugging asks for none: "log the raw values at debug level".
  "debug level", "debug logging", "debug log", "debug logs", "debug mode", "debug build", "debug output", "debug flag",
];

/**
 * Tie order. A request that mentions a bug is about the bug ("add a check for the
 * crash" is a fix); slowness is a defect of its own kind, so optimize comes next;
 * refactor beats implement because restructuring requests often say "add"/"create"
 * for the new pieces; analyze is last since review words accompany most other work.
 */
export const PRECEDENCE: readonly Intent[] = ["debug", "optimize", "refactor", "implement", "analyze"];

/**
 * Whole-word match with regular inflections: +s, +es, +d, +ed, +ing; a final e dropped
 * before -ing (optimize -> optimizing); y -> ies/ied (simplify); a final consonant
 * doubled after a short vowel (debug -> debugged, set -> setting). Nothing else, so
 * "fixture" is not "fix" and "debugger" is not "debug".
 */
export function inflects(word: string, stem: string): boolean {
  if (word === stem) return true;
  if (word.length <= stem.length || !word.startsWith(stem.slice(0, -1))) return false;
  const last = stem.slice(-1);
  const base = stem.slice(0, -1);
  const forms = ["s", "es", "d", "ed", "ing"].map((suffix) => stem + suffix);
  if (last === "e") forms.push(`${base}ing`);
  if (last === "y") forms.push(`${base}ies`, `${base}ied`);
  if (/(^|[^aeiou])[aeiou][bdgklmnprt]$/.test(stem)) forms.push(`${stem}${last}ed`, `${stem}${last}ing`);
  // "panic": panicked, panicking.
  if (last === "c") forms.push(`${stem}ked`, `${stem}king`);
  return forms.includes(word);
}

const IRREGULAR_PAST = new Set(["built", "wrote", "written"]);

/** True when the word is a past form of the keyword `stem` ("added", "created", "built"). */
export function isPastForm(word: string, stem: string): boolean {
  return IRREGULAR_PAST.has(word) || (word !== stem && word.endsWith("d") && inflects(word, stem));
}

/**
 * The stems `word` may be an inflection of, by `inflects`'s rules read backwards: the word itself
 * and the word less each suffix. A superset (`inflects` still decides): it lets a caller look a
 * word's stems up rather than try every keyword on every word of a 120 KB request.
 */
export function stemsOf(word: string): string[] {
  const stems = [word];
  for (const suffix of ["s", "es", "d", "ed", "ing"]) if (word.endsWith(suffix)) stems.push(word.slice(0, -suffix.length));
  // optimizing (a final e dropped); debugging, panicking (a letter added, as with -ed below).
  if (word.endsWith("ing")) stems.push(`${word.slice(0, -3)}e`, word.slice(0, -4));
  if (word.endsWith("ies") || word.endsWith("ied")) stems.push(`${word.slice(0, -3)}y`);
  // A doubled last consonant (debugged) or a `k` after a `c` (panicked): -ed and one letter more.
  if (word.endsWith("ed")) stems.push(word.slice(0, -3));
  return stems;
}

const SINGLE_KEYWORDS: ReadonlySet<string> = new Set(Object.values(KEYWORDS).flat().filter((entry) => !entry.includes(" ")));

/** True when the word is a single-word keyword of any type (used to shadow names). */
export function isKeyword(word: string): boolean {
  return stemsOf(word).some((stem) => SINGLE_KEYWORDS.has(stem) && inflects(word, stem));
}
