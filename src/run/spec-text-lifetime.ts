import type { Plan, PlanModule } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import type { Store } from "../store/types.js";
import type { RunListener } from "./events.js";

/** Module states after which a module's own attempts are over (a layer's fix round may start one again). */
const ENDED = new Set(["done", "failed", "blocked"]);

/**
 * Lets a run's spec texts go once quoted, rather than holding every one to the run's end: at
 * 10,000 modules they were 34 MB of the heap (two-byte strings: an emoji in a spec makes its
 * text two bytes a character) and the run's peak memory came at its end. A text is quoted by its
 * module's prompts and by its dependents' (their Provides piece, made once per dependency:
 * prompt/context.ts), so it is let go once its module and each dependent in the plan ended.
 *
 * Every module's `specText` (and the tree's `body` that is the same string) becomes a getter, so
 * whatever reads it later (a layer's fix round, a workflow's own attempt, a retry) gets the very
 * same text: from memory while held, then from the store, which kept it at `createRun` (by
 * digest), or, when the store could not keep it as it was (a secret redacted from it, or a text an
 * earlier run stored), from a UTF-8 copy made when it was let go (half the size).
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

  for (const m of plan.modules) {
    byId.set(m.id, m);
    const { specDigest: digest, specText: text } = m;
    if (!digest || text === undefined) continue;
    const h = held.get(digest);
    if (h) h.readers++;
    else held.set(digest, { text, readers: 1 });
    readThrough(m, "specText", digest, textOf);
  }
  for (const m of plan.modules) for (const id of dependenciesOf(m)) read(byId.get(id), 1);
  // The tree's module holds the same string as its body (plan/facts.ts): read through too, or it would keep it.
  for (const t of tree?.modules ?? []) {
    const m = byId.get(t.id);
    if (m?.specDigest && held.has(m.specDigest) && t.body === held.get(m.specDigest)!.text) readThrough(t, "body", m.specDigest, textOf);
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

/** Makes `key` of `target` a getter of the text under `digest`; a value set later replaces it. */
function readThrough(target: object, key: string, digest: string, textOf: (digest: string) => string | undefined): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get: () => textOf(digest),
    set(value: unknown) {
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}
