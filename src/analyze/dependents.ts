import type { SpecTree } from "../spec/types.js";
import type { ScopeResult } from "./scope.js";
import type { Evidence } from "./types.js";

/**
 * Words that ask for a change wherever a module's code is used: "rename Ledger.add everywhere";
 * not "everywhere in balances", which says where, nor "everywhere except the front desk", a
 * whole less what it leaves out (the modules it names are the ones not to touch).
 */
const WHEREVER_USED = /\b(?:everywhere|wherever (?:it is|it's|they are) used|(?:all|every) (?:of )?(?:its |the |their )?(?:callers|call sites|usages|uses|references|importers)|across the (?:codebase|code base|project|repo))\b(?!,?\s+(?:in|inside|within|under|of|except|but|other than|apart from|besides|excluding|save for)\b)/i;

/**
 * Modules named beside words that ask for the change wherever they are used take the modules
 * that depend on them: a rename of `Ledger.add` everywhere edits the ledger's callers too.
 */
export function withDependents<T extends ScopeResult>(result: T, prose: string, spec: SpecTree): T {
  const word = result.scope.kind === "modules" ? WHEREVER_USED.exec(prose)?.[0] : undefined;
  if (word === undefined || result.scope.kind !== "modules") return result;
  const named = new Set(result.scope.ids);
  const users = spec.modules.filter((m) => !named.has(m.id) && m.dependencies.some((d) => named.has(d.id)));
  if (users.length === 0) return result;
  const using = new Set(users);
  const ids = spec.modules.filter((m) => named.has(m.id) || using.has(m)).map((m) => m.id);
  return {
    ...result,
    scope: { kind: "modules", ids },
    because: [...result.because, ...users.map((m) => `${word} -> ${m.id} (uses ${m.dependencies.filter((d) => named.has(d.id)).map((d) => d.id).join(", ")})`)],
    evidence: [...result.evidence, ...users.map((m): Evidence => ({ kind: "module", target: m.id, source: "dependents", words: [word] }))],
  };
}
