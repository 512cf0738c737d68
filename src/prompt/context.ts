import type { PlanDependency, PlanModule } from "../plan/types.js";
import { DEFAULTS } from "../config/options.js";
import { providesSection } from "../spec/provides-section.js";
import { moduleSignatures } from "./signatures.js";
import { countTokens, maxTokensOf } from "./tokens.js";
import { piece, type Piece } from "./piece.js";
import { withFewerExamples } from "./spec-examples.js";
import { INSTRUCTION_FILES, readInstructions } from "./instructions.js";
import { readSystemRules } from "./system-rules.js";
import type { FileStats } from "../file-stats.js";
import { moduleTestFiles, testLookups } from "../validate/test-files.js";

/** The prompt's token budget when the config sets none. */
export const DEFAULT_PROMPT_TOKENS: number = DEFAULTS.promptMaxTokens;

/** The parts of a prompt the budget is measured over. */
export type SectionName = "spec" | "task" | "instructions" | "dependencies" | "memory";

export interface ContextInput {
  root: string;
  module: PlanModule;
  request: string;
  /** The plan's modules by id: dependencies inside the scope. */
  modules: ReadonlyMap<string, PlanModule>;
  /** The plan's `external`: dependencies outside the scope. */
  external?: readonly PlanDependency[] | undefined;
  /** The run's `memoriesFor` hook, asked for the module (with the request) and for each dependency (without). */
  memoriesFor?: ((module: PlanModule, request: string) => string | undefined) | undefined;
  /** The same questions asked together (one store search for all), used instead of `memoriesFor` when given. */
  memoriesOf?: ((asks: readonly { module: PlanModule; request: string }[]) => (string | undefined)[]) | undefined;
  /** Token budget of the sections together. */
  maxTokens: number;
  /** Instruction files the agent reads itself (Claude Code's CLAUDE.md with its `project` settings), left out. @default [] */
  agentReads?: readonly string[] | undefined;
  /** The commands the module's gate runs (RunHooks.gateCommands): the agent is told to run them. */
  gates?: readonly string[] | undefined;
  /** The run's stats of the files under `root`, taken again only when the tree may have changed (src/file-stats.ts); absent: a stat per file. */
  stats?: FileStats | undefined;
}

export interface PromptContext {
  /** Template values, only those with a value: `spec`, `instructions` (and `instructionsFile`), `dependencies`, `memories`, `task`, `acceptance`, `tests`, `gates`, `contextNote`. */
  vars: Record<string, string>;
  /** Tokens kept per section; an upper bound (bytes) when `exact` is false. */
  tokens: Record<SectionName, number>;
  /** False when everything fitted by its byte length, so nothing was tokenized. */
  exact: boolean;
  /** What was left out, one line each. */
  cut: string[];
}

/** A planner's task and acceptance criteria, when the plan carries them (optional fields of PlanModule). */
interface Tasked {
  task?: unknown;
  acceptance?: unknown;
}

/**
 * What an attempt is told beyond its template, within `maxTokens`: the module's spec and
 * task, the project's instructions to coding agents (CLAUDE.md, AGENTS.md) and the system
 * spec's rules (prompt/system-rules.ts), each
 * dependency's Provides section and, once its files exist, their public
 * signatures, and the memories of the module and of its dependencies. Pieces are kept in
 * priority order while they fit; what does not fit is named in `contextNote`. When the
 * whole fits by byte length (a token is at least a byte) no tokenizer runs.
 */
export function buildContext(input: ContextInput): PromptContext {
  const { module } = input;
  // A plan stored before specs were carried has no specText: the attempt reads the file, unbudgeted.
  const pieces: Piece[] = module.specText === undefined ? [] : [piece("spec", 0, "the module's spec", module.specText)];
  const { task, acceptance } = module as PlanModule & Tasked;
  if (typeof task === "string" && task.trim()) pieces.push(piece("task", 0, "the task", task.trim()));
  const list: unknown = acceptance;
  const criteria = Array.isArray(list) ? list.filter((a): a is string => typeof a === "string").map((a) => `- ${a}`).join("\n") : typeof list === "string" ? list.trim() : "";
  if (criteria) pieces.push(piece("task", 0, "the acceptance criteria", criteria));
  // Its tests, owned or found by name as its module gate finds them: the agent is told where they are.
  const tests = testsOf(input, module.files);
  if (tests.length > 0) pieces.push(piece("task", 0, TESTS_LABEL, tests.map((f) => `- ${f}`).join("\n")));
  // And how its gate checks it, so it runs the same commands before it says it is done.
  if (input.gates?.length) pieces.push(piece("task", 0, GATES_LABEL, input.gates.map((c) => `- \`${c}\``).join("\n")));

  // The project's own instructions to coding agents (CLAUDE.md, AGENTS.md) and the system spec's rules, kept before any dependency's.
  // An instruction file that is the prompt's spec (a CLAUDE.md read as the system spec, general's step) is shown once, as its spec.
  const instructions = readInstructions(input.root, (INSTRUCTION_FILES as readonly string[]).includes(module.spec) ? [...(input.agentReads ?? []), module.spec] : input.agentReads, input.stats);
  const told = instructions ? piece("instructions", 1, INSTRUCTIONS_LABEL, instructions.text) : undefined;
  if (told) pieces.push(told);
  const systemRules = readSystemRules(input.root, input.stats);
  const rules = systemRules ? piece("instructions", 1, RULES_LABEL, systemRules.text) : undefined;
  if (rules) pieces.push(rules);

  const deps = dependenciesOf(input);
  // By index, as in `fit`.
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i]!;
    pieces.push(piece("dependencies", 1, d.labels.provides, d.head, d.id, "provides", d.headBytes));
  }
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i]!;
    const files = moduleSignatures(input.root, d.files, input.stats);
    if (files.length === 0) continue;
    const text = files.map((f) => `Signatures in \`${f.file}\`:\n\`\`\`${fenceOf(f.file)}\n${f.signatures.join("\n")}\n\`\`\``).join("\n");
    pieces.push(piece("dependencies", 2, d.labels.signatures, text, d.id, "signatures"));
  }

  const { memoriesFor, memoriesOf } = input;
  if (memoriesOf || memoriesFor) {
    // The request's words are searched once, with the module's own memories; a dependency is asked by its id only.
    const asks = [{ module, request: input.request }];
    for (let i = 0; i < deps.length; i++) asks.push({ module: deps[i]!.module, request: deps[i]!.id === module.id ? input.request : "" });
    const lists = memoriesOf ? memoriesOf(asks) : asks.map((a) => memoriesFor!(a.module, a.request));
    const seen = new Set<string>();
    for (let i = 0; i < asks.length; i++) {
      // Asked after the module, in the order of `deps`.
      const of = i === 0 ? undefined : deps[i - 1]!;
      const label = of === undefined || of.id === module.id ? "a memory of the module" : of.labels.memory;
      const items = memoryItems(lists[i]);
      for (let j = 0; j < items.length; j++) {
        const item = items[j]!;
        if (seen.has(item)) continue;
        seen.add(item);
        pieces.push(piece("memory", i === 0 ? 3 : 4, label, item));
      }
    }
  }
  const context = fit(pieces, deps, input.maxTokens);
  const files = [...(told?.kept ? instructions!.files : []), ...(rules?.kept ? [systemRules!.file] : [])];
  if (files.length > 0) context.vars.instructionsFile = files.join(", ");
  return context;
}

const INSTRUCTIONS_LABEL = "the project's instructions";

/**
 * The module's test files; with the run's stats, which folders hold a project, and which hold none
 * of a file's tests, are found once for every module while no file changes.
 */
function testsOf(input: ContextInput, files: readonly string[]): string[] {
  const { stats } = input;
  if (!stats) return moduleTestFiles(input.root, files);
  const lookups = stats.memo(`tests:${input.root}`, () => testLookups((path) => stats.of(path)?.isFile === false));
  return moduleTestFiles(input.root, files, (path) => stats.of(path)?.isFile === true, lookups);
}

/** The code fence's language for a file's signatures. */
function fenceOf(file: string): string {
  return file.endsWith(".py") ? "python" : file.endsWith(".rs") ? "rust" : "ts";
}
const TESTS_LABEL = "the module's test files";
const GATES_LABEL = "the module's gate commands";
const RULES_LABEL = "the system spec's rules";

export interface Dep {
  id: string;
  layer: string;
  files: string[];
  module: PlanModule;
  /** Its Provides piece: heading, purpose and Provides section. */
  head: string;
  headBytes: number;
  /** Its heading alone: what a prompt shows of it when the budget keeps none of its pieces. */
  heading: string;
  /** Its pieces' labels, made with it rather than for each dependent's prompt. */
  labels: { provides: string; signatures: string; memory: string };
}

/**
 * Pushed onto an array literal, not mapped: V8 makes every array from this literal with the
 * elements kind it has learnt, while `map` makes an empty array (a module with no
 * dependencies) of another hidden class than a filled one, and each new one seen after a
 * wave of the other deoptimized `buildContext` and `fit`.
 */
export function dependenciesOf(input: ContextInput): Dep[] {
  const { dependsOn, dependsOnDone } = input.module;
  const deps: Dep[] = [];
  for (let i = 0; i < dependsOn.length; i++) deps.push(dependencyOf(input, dependsOn[i]!));
  if (dependsOnDone) for (let i = 0; i < dependsOnDone.length; i++) deps.push(dependencyOf(input, dependsOnDone[i]!));
  return deps;
}

function dependencyOf(input: ContextInput, id: string): Dep {
  const inPlan = input.modules.get(id);
  if (inPlan) return planDep(inPlan);
  const d = input.external && externalsOf(input.external).get(id);
  if (d) return externalDep(d);
  return dep(id, "?", [], { id, layer: "", spec: "", files: [], dependsOn: [] }, undefined, undefined);
}

function dep(id: string, layer: string, files: string[], module: PlanModule, purpose: string | undefined, provides: string | undefined): Dep {
  const heading = `### \`${id}\` (layer ${layer})`;
  const head = [heading, purpose, provides ? `Provides:\n${provides}` : "(its spec has no Provides section)"].filter(Boolean).join("\n");
  return { id, layer, files, module, head, headBytes: maxTokensOf(head), heading, labels: { provides: `${id}'s Provides`, signatures: `${id}'s signatures`, memory: `a memory of ${id}` } };
}

// A dependency's piece is the same for each of its dependents: made once, and again only if its spec text changes.
// The text is known by its digest when it has one (plan/facts.ts): not read again, nor held here, once the
// piece is made (a run lets its texts go once quoted: run/spec-text-lifetime.ts).
const planDeps = new WeakMap<PlanModule, { key: string | undefined; purpose: string | undefined; layer: string; dep: Dep }>();

function planDep(module: PlanModule): Dep {
  const { specDigest, purpose, layer } = module;
  let known = planDeps.get(module);
  const key = specDigest || module.specText;
  if (!known || known.key !== key || known.purpose !== purpose || known.layer !== layer) {
    const { specText } = module;
    known = { key, purpose, layer, dep: dep(module.id, layer, module.files, module, purpose, specText ? providesSection(specText) : undefined) };
    planDeps.set(module, known);
  }
  return known.dep;
}

const externalDeps = new WeakMap<PlanDependency, Dep>();

function externalDep(d: PlanDependency): Dep {
  let known = externalDeps.get(d);
  if (!known) externalDeps.set(d, (known = dep(d.id, d.layer, d.files, { id: d.id, layer: d.layer, spec: d.spec, files: d.files, dependsOn: [] }, d.purpose, d.provides)));
  return known;
}

const externals = new WeakMap<readonly PlanDependency[], Map<string, PlanDependency>>();

function externalsOf(list: readonly PlanDependency[]): Map<string, PlanDependency> {
  let byId = externals.get(list);
  if (!byId) externals.set(list, (byId = new Map(list.map((d) => [d.id, d]))));
  return byId;
}

/** The items of a memories list (`- **key**: content`, content over several lines). */
function memoryItems(list: string | undefined): string[] {
  const text = list?.trim();
  if (!text) return [];
  // Cut at each "\n- " found by indexOf, as a split on /\n(?=- )/ would: the regular expression ran its lookahead at every line break of every list, on every prompt.
  const items: string[] = [];
  let from = 0;
  for (let at = text.indexOf("\n- "); ; at = text.indexOf("\n- ", at + 1)) {
    const item = text.slice(from, at < 0 ? undefined : at).trim();
    if (item) items.push(item);
    if (at < 0) return items;
    from = at + 1;
  }
}

function fit(pieces: Piece[], deps: Dep[], maxTokens: number): PromptContext {
  // Loops by index: below TurboFan (a run under 2,000 modules, src/cli/heap.ts) a for-of allocates an
  // iterator and a result object per element, and every prompt fits a dozen pieces three times.
  let bound = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    bound += p.size = p.bytes ?? maxTokensOf(p.text);
  }
  const exact = bound > maxTokens;
  // Each piece is measured once; a shortened spec is measured again where it is cut.
  if (exact) for (const p of pieces) p.size = countTokens(p.text);
  const cut: string[] = [];
  let left = maxTokens;
  const ordered = inPriorityOrder(pieces);
  for (let i = 0; i < ordered.length; i++) {
    const p = ordered[i]!;
    const n = p.size;
    if (n <= left) {
      p.kept = true;
      left -= n;
    } else if (p.priority === 0 && p.section === "spec") {
      // The spec is never dropped, only shortened to what is left after the task and, up to half the budget,
      // the instructions and dependencies' interfaces: its own examples and end go before those.
      let rest = 0;
      let next = 0;
      for (const q of pieces) {
        if (q.priority === 0 && q !== p) rest += q.size;
        else if (q.priority === 1) next += q.size;
      }
      const room = Math.max(0, maxTokens - rest - Math.min(next, Math.floor(maxTokens / 2)));
      const shorter = withFewerExamples(p.text, room, countTokens);
      const bare = shorter === undefined ? n : countTokens(shorter);
      if (shorter !== undefined) {
        p.text = shorter;
        cut.push(`examples of the module's spec (${n - bare} tokens; the spec file has them)`);
      }
      if (bare > room) {
        p.text = truncate(p.text, room);
        cut.push(`the end of the module's spec (${bare - countTokens(p.text)} tokens; the spec file has all of it)`);
      }
      p.size = countTokens(p.text);
      p.kept = true;
      left -= p.size;
    } else cut.push(`${p.label} (${n} tokens)`);
  }

  // What was kept, in the pieces' order: by label (the first of each), by dependency, and the memories.
  const tokens: Record<SectionName, number> = { spec: 0, task: 0, instructions: 0, dependencies: 0, memory: 0 };
  const byLabel = new Map<string, string>();
  const byDep = new Map<string, string>();
  let memories: string | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (!p.kept) continue;
    tokens[p.section] += p.size;
    if (!byLabel.has(p.label)) byLabel.set(p.label, p.text);
    if (p.dep !== undefined) {
      const before = byDep.get(p.dep);
      byDep.set(p.dep, before === undefined ? p.text : `${before}\n${p.text}`);
    }
    if (p.section === "memory") memories = memories === undefined ? p.text : `${memories}\n${p.text}`;
  }
  let dependencies = "";
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i]!;
    dependencies += `${i > 0 ? "\n\n" : ""}${byDep.get(d.id) ?? d.heading}`;
  }
  const vars: Record<string, string> = {};
  setValue(vars, "spec", byLabel.get("the module's spec"));
  setValue(vars, "dependencies", dependencies);
  setValue(vars, "memories", memories);
  setValue(vars, "task", byLabel.get("the task"));
  setValue(vars, "acceptance", byLabel.get("the acceptance criteria"));
  setValue(vars, "tests", byLabel.get(TESTS_LABEL));
  setValue(vars, "gates", byLabel.get(GATES_LABEL));
  const own = byLabel.get(INSTRUCTIONS_LABEL);
  const rules = byLabel.get(RULES_LABEL);
  setValue(vars, "instructions", own !== undefined && rules !== undefined ? `${own}\n\n${rules}` : (own ?? rules));
  if (cut.length) vars.contextNote = `To stay within ${maxTokens} tokens, this prompt leaves out: ${summarise(cut)}.`;
  return { vars, tokens, exact, cut };
}

/**
 * The pieces by priority, in their order within one (a stable sort). `buildContext` makes
 * them in that order already, so the sort is only for pieces that are not.
 */
function inPriorityOrder(pieces: Piece[]): Piece[] {
  for (let i = 1; i < pieces.length; i++) if (pieces[i]!.priority < pieces[i - 1]!.priority) return pieces.slice().sort(byPriority);
  return pieces;
}

function byPriority(a: Piece, b: Piece): number {
  return a.priority - b.priority;
}

/** Template values are only those with a value. */
function setValue(vars: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== "") vars[key] = value;
}

/** Up to five cut pieces by name, then a count: the note must not eat the budget it reports. */
function summarise(cut: string[]): string {
  return cut.length <= 5 ? cut.join("; ") : `${cut.slice(0, 5).join("; ")}; and ${cut.length - 5} more`;
}

/** The longest start of `text`, cut at a line end, that has at most `tokens` tokens. */
function truncate(text: string, tokens: number): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (countTokens(text.slice(0, mid)) <= tokens) lo = mid;
    else hi = mid - 1;
  }
  const cutAt = text.lastIndexOf("\n", lo);
  return `${text.slice(0, cutAt > 0 ? cutAt : lo)}\n…`;
}
