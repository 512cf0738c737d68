import { join } from "node:path";
import type { Plan } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import { moduleFacts } from "../plan/facts.js";
import { orderLayers } from "../plan/layers.js";
import { readCapped } from "../read-capped.js";
import type { PromptVars } from "../run/prompt.js";

/** The system spec's share of the planner's prompt; a larger one is cut, the module digest matters more. */
const SYSTEM_CHARS = 12_000;

/**
 * What the planner's prompt shows of the tree: the system spec, the layers in order, and
 * one entry per module (purpose, Provides, files, dependencies, spec file), plus what the
 * router decided, so a confident router's scope is kept in view.
 */
export function plannerVars(spec: SpecTree, routed: Plan): PromptVars {
  const layers = orderLayers(spec, []).map((id) => `- ${id}: ${spec.modules.filter((m) => m.layer === id).map((m) => m.id).join(", ") || "(no modules)"}`);
  const modules = spec.modules.map((m) => {
    const purpose = moduleFacts(m).purpose;
    return [
      `- \`${m.id}\` (layer ${m.layer}, spec ${m.specFile})`,
      ...(purpose ? [`  purpose: ${purpose}`] : []),
      ...(m.provides.length ? [`  provides: ${m.provides.join(", ")}`] : []),
      ...(m.files.length ? [`  files: ${m.files.join(", ")}`] : []),
      ...(m.dependencies.length ? [`  depends on: ${m.dependencies.map((d) => d.id).join(", ")}`] : []),
    ].join("\n");
  });
  return { system: systemText(spec), layers: layers.join("\n"), modules: modules.join("\n"), routed: routedText(routed) };
}

function systemText(spec: SpecTree): string | undefined {
  if (!spec.system.specFile) return undefined;
  try {
    const text = readCapped(join(spec.root, spec.system.specFile), 4 * SYSTEM_CHARS)?.text;
    if (text === undefined) return undefined;
    return text.length > SYSTEM_CHARS ? `${text.slice(0, SYSTEM_CHARS)}\n(cut at ${SYSTEM_CHARS} characters; read ${spec.system.specFile} for the rest)` : text;
  } catch {
    return undefined;
  }
}

function routedText(plan: Plan): string {
  const { analysis } = plan;
  const scope = analysis.scope.kind === "system" ? "the whole system" : analysis.scope.kind === "layer" ? `layer ${analysis.scope.id}` : analysis.scope.ids.join(", ");
  const sure = analysis.confidence === undefined ? "" : ` (confidence ${analysis.confidence.toFixed(2)})`;
  const fallback = analysis.nearest ? `; no module matched the request's words${analysis.nearest.length ? `, nearest: ${analysis.nearest.join(", ")}` : ""}` : "";
  return `type ${analysis.type}; scope ${scope}${sure}${fallback}`;
}
