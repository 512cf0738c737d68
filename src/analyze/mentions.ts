import { UsageError } from "../errors.js";
import { moduleByName, moduleNames } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import { contextOf } from "./context.js";
import { hasExtension, normalizePath, ownersOf } from "./owners.js";
import { modulesUnderTest } from "../logs/under-test.js";
import { chunks, type Span } from "./text.js";

/** `layer/core`, `modules/order_book`, as written. */
export interface ExplicitMention {
  kind: "layer" | "module";
  id: string;
  text: string;
}

/** A file or folder path that maps to owning modules. */
export interface PathMention {
  /** Relative to the root, without `:line` (`ledger/core/journal.py`); an identifier as written when `file` is set. */
  text: string;
  ids: string[];
  /** The project file an identifier (`MACD_Trend_v4`) named without its folder. */
  file?: string;
}

export interface Mentions {
  explicit: ExplicitMention[];
  paths: PathMention[];
  /** Log file as written (made relative when under the root). */
  log?: string;
  /** Everything above: masked before names and keywords. */
  spans: Span[];
  /**
   * File paths no module owns (`billing/invoice.py`, `ledger/utils.py`): masked before keywords
   * and the spec index, but a layer or module name in them still counts ("fix ledger/journal.py").
   */
  unowned: Span[];
}

const EXPLICIT = /^(layers?|modules?)\/([A-Za-z0-9_-]+)\/?$/;
const LOG_LEAD = new Set(["see", "in", "check"]);
/** Words of a file or folder name that make a `.txt` a log wherever it is written (`logs/err.txt`, `crash-0412.txt`). */
const LOG_WORDS = new Set(["log", "logs", "err", "error", "errors", "stderr", "stdout", "trace", "traces", "traceback", "stacktrace", "stack", "crash", "crashes", "output", "console", "nohup"]);

/**
 * "Crawl-delay in robots.txt", "pin it in requirements.txt": a text file named for a module or a
 * well-known project file is what the request is about, not a log it hands over.
 */
function namesProjectFile(path: string, spec: SpecTree): boolean {
  const stem = path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
  const lower = stem.toLowerCase();
  return PROJECT_TEXT_FILES.has(lower) || spec.modules.some((m) => m.id.toLowerCase() === lower) || moduleByName(stem, moduleNames(spec.modules)) !== undefined;
}

/** Text files a project keeps beside its code. */
const PROJECT_TEXT_FILES = new Set(["requirements", "constraints", "cmakelists", "robots", "license", "notice", "authors", "version", "llms"]);

/** A `.out` (nohup.out, test.out) is output; a `.txt` or JSON file is a log when its name or a folder says so. */
function namedLikeLog(path: string): boolean {
  if (path.endsWith(".out")) return true;
  return path.replace(/\.(?:txt|json|jsonl|ndjson)$/, "").toLowerCase().split(/[^a-z0-9]+/).some((word) => LOG_WORDS.has(word));
}

/**
 * A file no module owns that the request gives as its log: any `.log`; a `.txt`, `.out` or JSON
 * lines file introduced as one ("see out.txt") or named like one; a `.json` only when named like
 * one (`logs/sentry-event.json`): "see config/app.json" points at settings, not at a log.
 */
function isLogFile(path: string, owned: boolean, before: string, spec: SpecTree): boolean {
  if (path.endsWith(".log")) return true;
  if (owned) return false;
  if (/\.(?:txt|out|jsonl|ndjson)$/.test(path)) return (LOG_LEAD.has(before) && !namesProjectFile(path, spec)) || namedLikeLog(path);
  return path.endsWith(".json") && namedLikeLog(path);
}

/**
 * Tokens of the request that are not prose: explicit scope tokens, paths and the log.
 * An explicit token naming an unknown layer or module throws a UsageError listing the
 * known ones, unless it is really a folder of owned files (`modules/x` in some trees).
 */
export function findMentions(request: string, spec: SpecTree): Mentions {
  const found: Mentions = { explicit: [], paths: [], spans: [], unowned: [] };
  const all = chunks(request);
  all.forEach((chunk, index) => {
    const path = normalizePath(chunk.text, spec.root);
    const explicit = EXPLICIT.exec(chunk.text);
    if (explicit) {
      const kind = explicit[1]?.startsWith("layer") ? "layer" : "module";
      const id = resolveId(kind, explicit[2] ?? "", spec);
      if (id) {
        found.explicit.push({ kind, id, text: chunk.text });
        found.spans.push(chunk);
        return;
      }
      if (ownersOf(path, spec).length === 0) throw unknown(kind, explicit[2] ?? "", spec);
    }
    // `ShiftPlanner.Publish`, `OrderChange.reprice()`: a member of a code name, not a file's extension.
    const member = MEMBER.exec(chunk.text);
    const owner = member && !path.includes("/") ? (fileNamed(member[1]!, spec) ?? providerNamed(member[1]!, spec)) : undefined;
    if (owner) {
      found.paths.push(typeof owner === "string" ? { text: member![1]!, ids: [owner] } : { text: member![1]!, ids: owner.ids, file: owner.file });
      found.spans.push(chunk);
      return;
    }
    if (!path.includes("/") && !hasExtension(path)) {
      const named = fileNamed(chunk.text, spec);
      const provider = named ? undefined : providerNamed(chunk.text, spec);
      if (named) found.paths.push({ text: chunk.text, ids: named.ids, file: named.file });
      else if (provider) found.paths.push({ text: chunk.text, ids: [provider] });
      if (named || provider) found.spans.push(chunk);
      return;
    }

    // A test no module owns (`tests/test_due_dates.py:8`) is in the scope of the modules it imports.
    const ids = ownersOf(path, spec);
    if (ids.length === 0 && hasExtension(path)) ids.push(...modulesUnderTest(path, spec));
    const before = all[index - 1]?.text.toLowerCase() ?? "";
    if (isLogFile(path, ids.length > 0, before, spec)) {
      found.log ??= path;
    } else if (ids.length > 0) {
      found.paths.push({ text: path, ids });
    } else if (!hasExtension(path)) {
      return; // "and/or", a URL: prose, keep its words
    } else {
      found.unowned.push(chunk);
      return;
    }
    found.spans.push(chunk);
  });
  return found;
}

/** A code name and a member of it: a capitalised member (`ShiftPlanner.Publish`) or one longer than a file's extension. */
const MEMBER = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Z][A-Za-z0-9_]*|[a-z_][A-Za-z0-9_]{5,})(?:\(\))?$/;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$|^[A-Za-z]+[a-z0-9]*[A-Z0-9][A-Za-z0-9]*$/;

/**
 * A project file named by an identifier without its folder or extension: `MACD_Trend_v4`
 * is `strategies/macd_trend_v4.py`, owned by the module that owns `strategies/`. Only
 * identifier-shaped words (snake_case, CamelCase, with digits) are looked up, and only
 * when the files of that name all belong to one module.
 */
function fileNamed(word: string, spec: SpecTree): { file: string; ids: string[] } | undefined {
  // A file's name is at most 255 bytes; the pattern backtracks quadratically over a longer word of letters.
  if (word.length < 4 || word.length > 255 || !IDENTIFIER.test(word)) return undefined;
  const files = contextOf(spec).fileNames.get(word.toLowerCase()) ?? [];
  const owners = new Set(files.flatMap((f) => ownersOf(f, spec)));
  if (files.length === 0 || owners.size !== 1) return undefined;
  return { file: files[0]!, ids: [...owners] };
}

/** A code name in CamelCase with a lower-case letter before a capital (`DeltaCheck`, not `RSI`) or in snake_case. */
const CODE_NAME = /^[A-Za-z][a-z0-9]+[A-Z][A-Za-z0-9]*$|^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/;

/**
 * The module whose Provides lists a code name as written: "DeltaCheck compares against another
 * patient's result" is about the module providing `DeltaCheck`, as a path it owns would say,
 * though "patient" and "result" are other modules' names. Only when one module lists it.
 */
function providerNamed(word: string, spec: SpecTree): string | undefined {
  if (!CODE_NAME.test(word)) return undefined;
  const ids = contextOf(spec).provided().get(word) ?? [];
  return ids.length === 1 ? ids[0] : undefined;
}

function resolveId(kind: "layer" | "module", written: string, spec: SpecTree): string | undefined {
  const ids = kind === "layer" ? spec.layers.map((l) => l.id) : spec.modules.map((m) => m.id);
  const plain = (id: string) => id.toLowerCase().replace(/-/g, "_");
  const id = ids.find((id) => id === written) ?? ids.find((id) => plain(id) === plain(written));
  // `module/payment-service`: the name a module's front matter gives it.
  return id ?? (kind === "module" ? moduleByName(written, moduleNames(spec.modules)) : undefined);
}

function unknown(kind: "layer" | "module", written: string, spec: SpecTree): UsageError {
  const ids = kind === "layer" ? spec.layers.map((l) => l.id) : spec.modules.map((m) => m.id);
  const known = ids.length > 0 ? ids.join(", ") : "none";
  return new UsageError(`Unknown ${kind} \`${written}\`; ${kind}s: ${known}`);
}
