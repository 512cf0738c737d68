import type { Plan, PlanModule } from "../plan/types.js";

/**
 * The plan as the runs table keeps it, and the spec texts it leaves out. A module's
 * `specText` is most of a plan (20 MB of JSON for 10,000 modules), so a module that has a
 * `specDigest` keeps only the digest in the plan; the text goes to `spec_texts` under it,
 * once however many runs plan it. `specDigest` is the digest of `specText` (plan/facts.ts),
 * so one digest always names one text. A module without a digest keeps its text inline.
 */
export function splitSpecTexts(plan: Plan): { plan: Plan; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const modules = plan.modules.map((m): PlanModule => {
    if (m.specText === undefined || !m.specDigest) return m;
    texts.set(m.specDigest, m.specText);
    const { specText: _text, ...rest } = m;
    return rest;
  });
  return { plan: texts.size ? { ...plan, modules } : plan, texts };
}

/** Puts back into a stored `plan` (parsed, so changed in place) the spec texts `textOf` finds by digest. */
export function joinSpecTexts(plan: Plan, textOf: (digest: string) => string | undefined): Plan {
  // Plans of other shapes (a planning record, an older release) are returned as they are.
  if (!Array.isArray(plan.modules)) return plan;
  for (const m of plan.modules) {
    if (m.specText !== undefined || !m.specDigest) continue;
    const text = textOf(m.specDigest);
    if (text !== undefined) m.specText = text;
  }
  return plan;
}

/** A prompt kept without the spec text it quotes: the text before it and after it. */
export interface PromptParts {
  head: string;
  tail: string;
}

/**
 * `prompt` around the first place it quotes `spec` whole, or undefined when it does not
 * (a spec the context budget shortened, another template). `head + spec + tail` is
 * `prompt` again, character for character.
 */
export function splitPrompt(prompt: string, spec: string): PromptParts | undefined {
  const at = spec === "" ? -1 : prompt.indexOf(spec);
  return at < 0 ? undefined : { head: prompt.slice(0, at), tail: prompt.slice(at + spec.length) };
}
