import type { Plan, PlanModule } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import type { Store } from "../store/types.js";
import type { RunListener } from "./events.js";

/** Module states after which a module's own attempts are over (a layer's fix round may start one again). */
const ENDED = new Set(["done", "failed", "blocked"]);

/**
 * Lets a run's spec texts go once quoted, rather than holding every one to the run's end: at
 * 10,000 modules they were 34 MB of the heap (two-byte strings: an emoji in a spec makes its
 * text two bytes a character). A text is quoted by its module's prompts and by its dependents'
 * (their Provides piece, made once per dependency: prompt/context.ts), so it is let go once its
 * module and each dependent in the plan ended.
 *
 * Each module of `plan` with a digest is replaced (in `plan.modules`, before the run starts) by a
 * copy whose `specText` is a getter, so whatever reads it later (a layer's fix round, a workflow's
 * own attempt, a retry) gets the very same text: from memory while held, then from the store,
 * which kept it at `createRun` by digest, or, when the store did not keep it as given (a secret
 * redacted from it, or a text an earlier run stored), from a UTF-8 copy made when it was let go
 * (half the size). The tree's module bodies, the same strings (plan/facts.ts), are emptied: a run
 * reads none once planned, and they would hold every text to its end.
 *
 * Returns the listener to give the orchestrator (`Orchestrator.on`): it counts ended modules.
 */
export function specTextLifetime(plan: Plan, store: Pick<Store, "keepsSpecText" | "getSpecText">, tree?: SpecTree): RunListener {
  /** Texts held, by digest, and how many modules still to end quote each. */
  const held = new Map<string, { text: string; readers: number }>();
  /** Texts let go that the store cannot give back as they were. */
  const copies = new Map<string, Buffer>();
  const byId = new Map<string, PlanModule>();
  const textOf = (digest: string): string | undefined => held.get(digest)?.text ?? copies.get(digest)?.toString("utf8") ?? store.getSpecText(digest);

  plan.modules.forEach((m, i) => {
    const { specDigest: digest, specText: text } = m;
    if (digest && text !== undefined) {
      const h = held.get(digest);
      if (h) h.readers++;
      else held.set(digest, { text, readers: 1 });
      m = plan.modules[i] = readingThrough(m, digest, textOf);
    }
    byId.set(m.id, m);
  });
  for (const m of plan.modules) for (const id of dependenciesOf(m)) read(byId.get(id), 1);
  for (const t of tree?.modules ?? []) {
    const digest = byId.get(t.id)?.specDigest;
    if (digest !== undefined && t.body === held.get(digest)?.text) t.body = "";
  }

  const ended = new Set<string>();
  return (event) => {
    if (event.type !== "module:state" || !ENDED.has(event.state) || ended.has(event.moduleId)) return;
    const m = byId.get(event.moduleId);
    if (!m) return;
    ended.add(m.id);
    read(m, -1);
    for (const id of dependenciesOf(m)) read(byId.get(id), -1);
  };

  /** Counts `by` more (or fewer) modules to end that quote `m`'s text; at none, lets it go. */
  function read(m: PlanModule | undefined, by: number): void {
    const digest = m?.specDigest;
    const h = digest === undefined ? undefined : held.get(digest);
    if (!h) return;
    h.readers += by;
    if (h.readers > 0) return;
    held.delete(digest!);
    if (!store.keepsSpecText(digest!)) copies.set(digest!, Buffer.from(h.text));
  }
}

function dependenciesOf(m: PlanModule): string[] {
  return m.dependsOnDone ? [...m.dependsOn, ...m.dependsOnDone] : m.dependsOn;
}

/** Where each copy's getter finds its text. */
const sources = new WeakMap<object, { digest: string; textOf: (digest: string) => string | undefined }>();

/**
 * The same functions for every copy, each added to a new object in the module's order of keys: made
 * an accessor in place (or by a getter of its own), a module's `specText` turned each of 10,000
 * modules into a dictionary-mode object (about 10 MB more, and every read of a module's field slower).
 */
const SPEC_TEXT: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object) {
    const source = sources.get(this);
    return source?.textOf(source.digest);
  },
  set(this: object, value: unknown) {
    Object.defineProperty(this, "specText", { value, writable: true, configurable: true, enumerable: true });
  },
};

/** A copy of `m` whose `specText` reads the text under `digest` through `textOf`. */
function readingThrough(m: PlanModule, digest: string, textOf: (digest: string) => string | undefined): PlanModule {
  const copy: Record<string, unknown> = {};
  const from = m as unknown as Record<string, unknown>;
  // Keys by index, in Object.entries' order: below TurboFan (src/cli/heap.ts) a for-of over entries allocates an iterator and a result per entry, and again per [key, value].
  const keys = Object.keys(from);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === "specText") Object.defineProperty(copy, key, SPEC_TEXT);
    else copy[key] = from[key];
  }
  sources.set(copy, { digest, textOf });
  return copy as unknown as PlanModule;
}
