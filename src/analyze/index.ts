import { UsageError } from "../errors.js";
import type { SpecTree } from "../spec/types.js";
import { contextOf } from "./context.js";
import { matchHints } from "./hints.js";
import { findMentions } from "./mentions.js";
import { nounOrOther } from "./noun.js";
import { findAllNames, isLoose, layerWordsAsModules, type NameHit } from "./names.js";
import { rankModules } from "./rank.js";
import { parseScopeOption } from "./scope-option.js";
import { resolveScope, type ScopeResult } from "./scope.js";
import { systemIsObject, systemWords } from "./system-words.js";
import { mask, maskAsWord, spanHolding, type Span } from "./text.js";
import { detectType } from "./type.js";
import { typeWordsInEnglish } from "./german.js";
import { withoutUsedNames } from "./used.js";
import { withoutWordsBesideCode } from "./beside-code.js";
import { withoutOptionNames } from "./option-names.js";
import { withoutModifierNames } from "./modifier-name.js";
import { withoutVersionedNames } from "./versioned-name.js";
import { TASK_TYPES, type Evidence, type Scope, type TaskAnalysis, type TaskType } from "./types.js";
import { misspelledModule } from "./spelling.js";
import { exceptScope } from "./except.js";
import { withDependents } from "./dependents.js";
import { withoutCircumstance } from "./circumstance.js";
import { describedLayer } from "./layer-words.js";
import { layerAsObject } from "./layer-object.js";
import { memberOfNamedLayer } from "./layer-member.js";
import { flowScope } from "./flow.js";
import { withoutDomainLayerWords } from "./layer-domain-word.js";
import { withoutDomainModuleWords } from "./module-domain-word.js";
import { phraseOwners } from "./phrase-owner.js";
import { productHits } from "./product-name.js";
import { withNumberedLayers } from "./numbered-layer.js";
import { stackUpgrade } from "./upgrade.js";
import { withoutWorkingParts } from "./not-there.js";
import { opensAtLine, pastedTrace, type PastedTrace } from "./trace.js";
import { reviewOfAll } from "./review-place.js";
import type { MappedFrame } from "../logs/types.js";

export interface AnalyzeOptions {
  /** Task type given with `--type`; skips keyword scoring. @default scored from the request */
  type?: TaskType;
  /**
   * Scope given with `--scope`: `system`, `layer/x` or `module/a,module/b`; the request's
   * words then decide the type only. @default read from the request
   */
  scope?: string;
  /**
   * A log given with `--log`: its stack traces will decide the scope, so a request that
   * names no module is not looked up in the spec index. @default the log the request names
   */
  log?: string;
}

/**
 * Reads a request such as "fix bug in the order book, see logs/error.log" against the
 * spec tree: task type, scope, the words that decided both, how sure the scope is, and
 * the log file named. Pure: the log is returned as a path, never read.
 *
 * Each pass masks what it used, so a word serves one purpose: explicit tokens and
 * paths first (`logs/error.log` says nothing about type), then layer and module names
 * (a module called `errors` is not a debug keyword), then keywords. The scope comes
 * from, in turn: `--scope`; explicit tokens, paths and names; the words that ask for the
 * whole system; the project's routing hints; the full-text index of the specs. When none
 * of these finds a module, the scope is the system and `nearest` says so.
 *
 * @throws UsageError for an empty request, `layer/x` or `module/x` naming no layer or
 * module, an unknown `type`, or a bad `scope`.
 */
export function analyzeTask(request: string, spec: SpecTree, options: AnalyzeOptions = {}): TaskAnalysis {
  if (request.trim() === "") {
    throw new UsageError('Expected a request (what to do, e.g. "fix the crash in the importer"), got an empty one');
  }
  // Control characters alone (`\x1b[31m`, a stray paste) ask nothing: no word of them routes, and an agent would be asked to do "".
  if (request.replace(/\x1b\[[0-9;?]*[A-Za-z]|[\p{Cc}\p{Cf}]/gu, "").trim() === "") {
    throw new UsageError('Expected a request (what to do, e.g. "fix the crash in the importer"), got only control characters');
  }
  if (options.type !== undefined && !TASK_TYPES.includes(options.type)) {
    throw new UsageError(`Expected \`--type\` to be one of ${TASK_TYPES.join(", ")}, got \`${String(options.type)}\``);
  }
  const given = options.scope !== undefined ? parseScopeOption(options.scope, spec) : undefined;
  const trace = options.scope === undefined ? pastedTrace(request, spec) : undefined;
  // A trace through no project file says nothing of where: the request's words decide.
  const ours = trace && trace.frames.length > 0 ? trace : undefined;
  // "the solver is fine, the problem is travel": a part said to work is no part of the scope.
  const text = withoutWorkingParts(trace?.text ?? request);
  const mentions = findMentions(text, spec);
  const prose = mask(text, mentions.spans);
  const all = withoutDomainLayerWords(withNumberedLayers(wholeSystemWord(layerFoldersOfTests(findAllNames(prose, spec), mentions.unowned))), spec);
  const product = productHits(all.names, spec);
  const layered = product.length === 0 ? all : { ...all, names: all.names.filter((hit) => !product.includes(hit)) };
  const found = withoutDomainModuleWords(phraseOwners(layered, prose, spec), spec);
  const otherScope = mentions.paths.length + mentions.explicit.length > 0;
  const accepted = acceptAmbiguous(mask(prose, mentions.unowned), found.names, found.ambiguous, otherScope);
  // Circumstances first: "optimise the statement run, it takes 40 minutes for 3,000 landlords" is the statements',
  // though "statement" is written as a plain word and "landlords" as the module's name.
  const loose = withoutLooseNames(prose, withoutCircumstance(prose, byTopic(prose, withoutUsedNames(prose, accepted, otherScope)), otherScope), otherScope);
  const kept = withoutVersionedNames(prose, withoutOptionNames(prose, withoutWordsBesideCode(prose, loose, mentions)));
  const names = otherScope || ours ? pathTopic(prose, kept, mentions.paths.length > 0) : memberOfNamedLayer(prose, [...layerAsObject(prose, layerWordsAsModules(prose, kept, spec), spec)], accepted, spec);
  const rest = mask(prose, [...accepted, ...mentions.unowned, ...product]);

  const type = options.type ? { type: options.type, words: [`--type ${options.type}`] } : detectType(typeWordsInEnglish(maskAsWord(text, [...mentions.spans, ...mentions.unowned, ...accepted, ...product])));
  // A pasted stack trace is a bug report, as a log handed over is.
  if (trace && !options.type && type.type === "general") type.type = "debug";
  // So is a statement about a line pointed at: "billing/invoice.py:42 rounds before the tax is added".
  if (!options.type && type.type === "general" && opensAtLine(request)) type.type = "debug";
  // A trace's words are code, not prose: beside one, a name is not weighed as a noun.
  const byName = () => (trace ? named(spec, mentions, names, rest) : withoutModifierNames(nounOrOther(named(spec, mentions, names, rest), names, prose, rest, spec, type.type), names, prose));
  const routed: ScopeResult & { nearest?: string[] } = given && options.scope !== undefined
    ? fromOption(given, options.scope)
    : ours
      ? fromTrace(ours, named(spec, mentions, names, rest))
      : flowScope(request, spec, (phrase) => analyzeTask(phrase, spec)) ?? exceptScope(prose, names, spec) ?? reviewOfAll(prose, spec) ?? byName() ?? describedLayer(rest, spec) ?? unnamedScope(rest, spec, options.log ?? mentions.log);
  const scope = given || ours ? routed : withDependents(routed, prose, spec);
  const analysis: TaskAnalysis = {
    type: type.type,
    scope: scope.scope,
    because: [...type.words, ...scope.because],
    confidence: scope.confidence,
    evidence: scope.evidence,
  };
  if (scope.nearest) analysis.nearest = scope.nearest;
  if (mentions.log !== undefined) analysis.log = mentions.log;
  return analysis;
}

/**
 * "implement system" asks for the whole system, as the README and `init` write it, also
 * in a tree with a module or layer called `system`: that one is named as one ("the system
 * module", `module/system`), and a bare "system" is left to the words that ask for all.
 */
function wholeSystemWord<T extends { names: NameHit[]; ambiguous: NameHit[] }>(found: T): T {
  const bare = (h: NameHit) => !h.qualified && h.text.toLowerCase() === "system";
  if (!found.names.some(bare) && !found.ambiguous.some(bare)) return found;
  return { ...found, names: found.names.filter((h) => !bare(h)), ambiguous: found.ambiguous.filter((h) => !bare(h)) };
}

/**
 * A layer's word as a folder of a path no module owns, beside a module's name in the same path's file
 * name: `test/control/test_safety_zones.cpp` is the safety module's test, kept in a folder named for
 * its layer; the file says which module, the folder only where it sits.
 */
function layerFoldersOfTests<T extends { names: NameHit[] }>(found: T, unowned: readonly Span[]): T {
  // The paths are chunks of the request, in order and apart: each name's is found by halving, and the
  // last module name in each path noted once (a request of 6,000 paths compared every name with every path twice).
  const lastModule = new Map<Span, number>();
  for (const hit of found.names) {
    const path = hit.kind === "module" ? spanHolding(unowned, hit) : undefined;
    if (path) lastModule.set(path, Math.max(lastModule.get(path) ?? -1, hit.start));
  }
  const folders = new Set(found.names.filter((hit) => {
    const path = hit.kind === "layer" && !hit.qualified ? spanHolding(unowned, hit) : undefined;
    return path !== undefined && (lastModule.get(path) ?? -1) > hit.end;
  }));
  return folders.size === 0 ? found : { ...found, names: found.names.filter((hit) => !folders.has(hit)) };
}

/** A ticket's topic before its colon: "CSV import: ...", "Guest Folio: ...". */
const TOPIC = /^[^:\n]{1,40}:\s/;

/**
 * A ticket's topic names its module; the names after it written as plain words (in the singular,
 * as "the contact's title" is, or inside an identifier) are what the fault touches: "CSV import:
 * the 'Company' column ends up in the contact's title" is the importer's.
 */
function byTopic(prose: string, names: NameHit[]): NameHit[] {
  const topic = TOPIC.exec(prose)?.[0].length;
  if (topic === undefined) return names;
  const before = names.filter((hit) => hit.end <= topic);
  const after = names.filter((hit) => hit.start >= topic);
  if (!before.some((hit) => hit.kind === "module") || after.length === 0 || !after.every((hit) => isLoose(hit, prose))) return names;
  return before;
}

/**
 * A ticket whose topic is a file ("internal/fares/quote.go: the minimum fare is applied before the surge,
 * should be after") is about that file: a module's bare name after it is a thing the file handles, as a
 * name after a topic of words is (`byTopic`). Named as a module ("the surge module", `surge`) it still counts.
 */
function pathTopic(prose: string, names: NameHit[], path: boolean): NameHit[] {
  return path && /^\s*:\s/.test(prose) ? names.filter((hit) => hit.qualified) : names;
}

/**
 * A name written as a plain word ("don't balance", `test_reversal_balances`) is the scope
 * only when no other name, path or explicit token gives one: "the journal's balance check"
 * is the journal's.
 */
function withoutLooseNames(prose: string, names: NameHit[], otherScope: boolean): NameHit[] {
  // Beside a path or an explicit token, an initialism says what the fault is about ("ZeroDivisionError when ATR is 0").
  const kept = names.filter((hit) => !isLoose(hit, prose) && !(otherScope && hit.initialism));
  return kept.length > 0 || otherScope ? kept : names;
}

/** `--scope` as the user's own word for the scope: certain, with one evidence line per module or layer. */
function fromOption(scope: Scope, written: string): ScopeResult {
  const words = [written];
  const evidence: Evidence[] =
    scope.kind === "system"
      ? [{ kind: "system", source: "scope", words }]
      : scope.kind === "layer"
        ? [{ kind: "layer", target: scope.id, source: "scope", words }]
        : scope.ids.map((id) => ({ kind: "module", target: id, source: "scope", words }));
  return { scope, because: [`--scope ${written}`], evidence, confidence: 1 };
}

/**
 * A one-word module name that is also a task keyword (`performance`, `errors`) is the
 * module when it is the subject of the request: nothing else names a scope and another
 * word gives the type ("refactor performance", "add max drawdown to the performance
 * analyzer"). Otherwise it stays a keyword ("fix errors in the journal", "performance is poor").
 */
function acceptAmbiguous(prose: string, names: NameHit[], ambiguous: NameHit[], otherScope: boolean): NameHit[] {
  if (ambiguous.length === 0 || otherScope || names.length > 0) return names;
  if (detectType(maskAsWord(prose, ambiguous)).type === "general") return names;
  return [...names, ...ambiguous].sort((a, b) => a.start - b.start);
}

/**
 * Scope from explicit tokens, paths and names, joined by the modules of the project's
 * routing hints that the request's other words meet ("patients can't sign in with 2fa":
 * patients by name, auth by the hint "2fa"). Explicit tokens decide alone.
 */
function named(spec: SpecTree, mentions: ReturnType<typeof findMentions>, names: NameHit[], rest: string): ScopeResult | undefined {
  const result = resolveScope(spec, mentions, names);
  if (!result || mentions.explicit.length > 0) return result;
  const hits = matchHints(rest, contextOf(spec).hints).filter((h) => h.hint.targets.every((t) => t.kind !== "system"));
  if (hits.length === 0) return result;
  const hinted = fromHints(hits, spec);
  const ids = (scope: Scope) => moduleIds(scope, spec);
  const union = new Set([...ids(result.scope), ...ids(hinted.scope)]);
  const scope: Scope = result.scope.kind === "layer" && ids(hinted.scope).every((id) => ids(result.scope).includes(id))
    ? result.scope
    : { kind: "modules", ids: spec.modules.filter((m) => union.has(m.id)).map((m) => m.id) };
  return { scope, because: [...result.because, ...hinted.because], evidence: [...result.evidence, ...hinted.evidence], confidence: result.confidence };
}

/** The modules of a scope: a layer's in spec order; none for the system. */
function moduleIds(scope: Scope, spec: SpecTree): string[] {
  return scope.kind === "modules" ? scope.ids : scope.kind === "layer" ? spec.modules.filter((m) => m.layer === scope.id).map((m) => m.id) : [];
}

/**
 * The modules where a pasted trace's errors happened, then the modules the rest of the
 * request names; a layer word beside a trace ("two years of data") is no scope, as beside a log.
 */
function fromTrace(trace: PastedTrace, named: ScopeResult | undefined): ScopeResult {
  const ids = [...new Set([...trace.frames.map((f) => f.module), ...(named?.scope.kind === "modules" ? named.scope.ids : [])])];
  const where = (f: MappedFrame) => `${f.file}${f.line ? `:${f.line}` : ""}`;
  return {
    scope: { kind: "modules", ids },
    because: [...new Set(trace.frames.map((f) => `${where(f)} -> ${f.module} (stack trace)`)), ...(named?.because ?? [])],
    evidence: [...trace.frames.map((f) => ({ kind: "module" as const, target: f.module, source: "files" as const, words: [where(f)] })), ...(named?.evidence ?? [])],
    confidence: 0.95,
  };
}

/** Scope of a request naming no module, layer or path; with a log, the log's frames will decide. */
function unnamedScope(text: string, spec: SpecTree, log: string | undefined): ScopeResult & { nearest?: string[] } {
  const system = systemWords(text);
  // "the spam filter lets everything through" is about the spam filter: a bare "everything" asks
  // for the whole system only when no module's name, Provides, title or files meet the other words.
  const owner = system === "everything" ? ownerOfTheRest(text, spec) : undefined;
  if (owner) return owner;
  if (system && !systemIsObject(text, system)) {
    return { scope: { kind: "system" }, because: [system], evidence: [{ kind: "system", source: "system", words: [system] }], confidence: 0.9 };
  }
  const stack = stackUpgrade(text, spec);
  if (stack) return { scope: { kind: "system" }, because: [stack], evidence: [{ kind: "system", source: "system", words: [stack] }], confidence: 0.8 };

  const hits = matchHints(text, contextOf(spec).hints);
  if (hits.length > 0) return fromHints(hits, spec);

  const ranked = rankModules(text, spec);
  const indexed = ranked.ids.length > 0 && log === undefined ? fromIndex(ranked, spec) : undefined;
  if (indexed && !ranked.weak) return indexed;
  // Rather than the whole system: the one module a misspelled word clearly means, said in a plan warning.
  const typo = log === undefined ? misspelledModule(text, spec, (word) => contextOf(spec).index().knows(word)) : undefined;
  if (typo) return { scope: { kind: "modules", ids: [typo.id] }, because: [`${typo.word} -> ${typo.id} (misspelled)`], evidence: [{ kind: "module", target: typo.id, source: "spelling", words: [typo.word] }], confidence: 0.5 };
  return indexed ?? { scope: { kind: "system" }, because: [], evidence: [], confidence: 0, nearest: ranked.nearest };
}

/** The modules the index finds for a request, when a name, Provides, title or owned path of theirs meets its words. */
function ownerOfTheRest(text: string, spec: SpecTree): ScopeResult | undefined {
  const ranked = rankModules(text, spec);
  const strong = ranked.evidence.some((e) => e.source === "id" || e.source === "provides" || e.source === "title" || e.source === "files");
  return strong && !ranked.weak ? fromIndex(ranked, spec) : undefined;
}

function fromIndex(ranked: ReturnType<typeof rankModules>, spec: SpecTree): ScopeResult {
  const ids = spec.modules.filter((m) => ranked.ids.includes(m.id)).map((m) => m.id);
  return { scope: { kind: "modules", ids }, because: ranked.because, evidence: ranked.evidence, confidence: ranked.confidence };
}

function fromHints(hits: ReturnType<typeof matchHints>, spec: SpecTree): ScopeResult {
  const targets = hits.flatMap((h) => h.hint.targets.map((t) => ({ ...t, phrase: h.phrase })));
  const evidence: Evidence[] = targets.map((t) => ({ kind: t.kind, ...(t.kind === "system" ? {} : { target: t.id }), source: "hint", words: [t.phrase] }));
  const because = targets.map((t) => `${t.phrase} -> ${t.kind === "layer" ? `layer ${t.id}` : t.id} (routing hint)`);
  let scope: Scope;
  if (targets.some((t) => t.kind === "system")) scope = { kind: "system" };
  else {
    const modules = new Set(targets.filter((t) => t.kind === "module").map((t) => t.id));
    const layers = [...new Set(targets.filter((t) => t.kind === "layer").map((t) => t.id))];
    scope = modules.size === 0 && layers.length === 1
      ? { kind: "layer", id: layers[0]! }
      : { kind: "modules", ids: spec.modules.filter((m) => modules.has(m.id) || layers.includes(m.layer)).map((m) => m.id) };
  }
  return { scope, because: [...new Set(because)], evidence, confidence: 0.8 };
}

/** The plan warning for a scope that fell back to the whole system, if it did. */
export function scopeWarnings(analysis: TaskAnalysis): Array<{ code: string; message: string }> {
  const typo = analysis.evidence?.find((e) => e.source === "spelling");
  if (typo) return [{ code: "SCOPE_SPELLING", message: `Read \`${typo.words[0]}\` as module \`${typo.target}\`. Pass --scope (e.g. --scope system) if you meant something else` }];
  if (analysis.scope.kind !== "system" || analysis.nearest === undefined) return [];
  const nearest = analysis.nearest.length ? `; nearest modules: ${analysis.nearest.join(", ")}` : "; no module's spec shares a word with it";
  return [{
    code: "SCOPE_FALLBACK",
    message: `The request names no module, layer or owned file, so the scope is the whole system${nearest}. Pass --scope (e.g. --scope module/${analysis.nearest[0] ?? "<id>"}) to narrow it, or --scope system to confirm`,
  }];
}

export { detectType, type TypeResult } from "./type.js";
export { KEYWORDS, NEUTRAL, NOUNS, PRECEDENCE } from "./keywords.js";
export { parseScopeOption } from "./scope-option.js";
export type { Evidence, EvidenceSource, Scope, TaskAnalysis, TaskType } from "./types.js";
export { TASK_TYPES } from "./types.js";
