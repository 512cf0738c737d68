import type { LayerSpec, Warning } from "./types.js";
import { layerNames } from "./layer-names.js";
import { readLayerRules, type LayerRule } from "./layer-rules.js";

/**
 * Adds the rules between layers that the system spec and the layer specs write in prose or tables
 * (spec/layer-rules.ts) to the layers' import lists, as layer-named patterns the architecture gate
 * holds each module of the layer to. Returns a `LAYER_RULE_READ` note per rule, for `check` to show
 * what it read, the `LAYER_RULE_NOT_READ` warnings, and the arrows (`api → app → domain`) and allowed
 * imports, each `from` depending on `to`: they order the layers (`arrowOrder`).
 */
export function addLayerRules(layers: LayerSpec[], specs: readonly { file: string; text: string; layer?: string }[]): { notes: Warning[]; warnings: Warning[]; arrows: { from: string; to: string }[] } {
  const names = layerNames(layers.map((l) => l.id));
  const notes: Warning[] = [];
  const warnings: Warning[] = [];
  const arrows: { from: string; to: string }[] = [];
  for (const spec of specs) {
    const reading = readLayerRules(spec.file, spec.text, names, spec.layer);
    warnings.push(...reading.unread);
    arrows.push(...reading.arrows);
    // What a layer may import comes before it, as an arrow to it does.
    for (const rule of reading.rules) if (rule.kind === "allowed") for (const to of rule.to) arrows.push({ from: rule.from, to });
    for (const rule of reading.rules) {
      const layer = layers.find((l) => l.id === rule.from)!;
      const list = rule.kind === "allowed" ? layer.allowedImports : layer.forbiddenImports;
      for (const to of rule.to) if (!list.some((r) => r.layer && r.pattern === to)) list.push({ pattern: to, file: rule.file, line: rule.line, layer: true });
      notes.push(noteOf(rule));
    }
  }
  return { notes, warnings, arrows };
}

function noteOf(rule: LayerRule): Warning {
  const to = rule.to.map((id) => `\`${id}\``).join(", ");
  const what = rule.kind === "allowed" ? `may import, of other layers, only ${to}` : `may not import ${to}`;
  return { code: "LAYER_RULE_READ", message: `layer \`${rule.from}\` ${what} (read from "${rule.said}")`, file: rule.file, line: rule.line };
}

/**
 * `written` (the layers in the order the system spec names them) with each layer moved after the layers
 * its arrows point to, the written order kept where the arrows say nothing; undefined for a cycle.
 */
export function arrowOrder(written: readonly string[], arrows: readonly { from: string; to: string }[]): string[] | undefined {
  const nodes = [...new Set([...written, ...arrows.flatMap((a) => [a.to, a.from])])];
  const order: string[] = [];
  while (order.length < nodes.length) {
    const next = nodes.find((n) => !order.includes(n) && arrows.every((a) => a.from !== n || a.to === n || order.includes(a.to)));
    if (next === undefined) return undefined;
    order.push(next);
  }
  return order;
}
