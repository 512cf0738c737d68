import type { SpecTree } from "../spec/types.js";
import type { Mentions } from "./mentions.js";
import type { NameHit } from "./names.js";
import type { Scope } from "./types.js";

export interface ScopeResult {
  scope: Scope;
  /** Scope evidence: `layer/core`, `order book -> order_book`, `core/journal.py -> journal`. */
  because: string[];
}

interface Evidence {
  kind: "module" | "layer" | "bare-layer";
  ids: string[];
  because: string;
}

const SYSTEM_WORDS =
  /\b(?:(?:whole|entire|full) (?:system|project|codebase)|all (?:modules|layers)|everything|system)\b/i;

/**
 * Scope from, strongest first: explicit tokens (`layer/core`, `module/x`), which decide
 * alone when present; otherwise layer and module names in prose together with file
 * paths. Then:
 * - no module and no layer: system;
 * - one layer only: that layer; several layers only: their modules;
 * - modules: those modules, plus the modules of any layer named as a layer ("the
 *   services layer") that holds none of them. A layer word alone next to named modules
 *   is context ("the journal in core"), as is a module's own layer.
 * `text` is the request with explicit tokens and paths masked.
 */
export function resolveScope(spec: SpecTree, mentions: Mentions, names: NameHit[], text: string): ScopeResult {
  const evidence: Evidence[] = [];
  if (mentions.explicit.length > 0) {
    for (const { kind, id, text: written } of mentions.explicit) evidence.push({ kind, ids: [id], because: written });
  } else {
    for (const hit of names) {
      const kind = hit.kind === "layer" && !hit.qualified ? "bare-layer" : hit.kind;
      evidence.push({ kind, ids: [hit.id], because: describeName(hit) });
    }
    for (const path of mentions.paths) {
      evidence.push({ kind: "module", ids: path.ids, because: `${path.text} -> ${path.ids.join(", ")}` });
    }
  }

  const moduleIds = new Set(evidence.flatMap((e) => (e.kind === "module" ? e.ids : [])));
  const holding = new Set(spec.modules.filter((m) => moduleIds.has(m.id)).map((m) => m.layer));
  const counts = (e: Evidence): boolean => {
    if (e.kind === "module") return true;
    if (e.kind === "bare-layer" && moduleIds.size > 0) return false;
    return !e.ids.some((id) => holding.has(id)); // a module's own layer is context
  };
  const seen = new Set<string>();
  // One line per module or layer: the first way it was written ("FX -> fx", not also "fx").
  const used = evidence.filter(counts).filter((e) => {
    const key = `${e.kind === "module" ? "m" : "l"}:${e.ids.join(",")}`;
    return !seen.has(key) && seen.add(key);
  });
  const layerIds = [...new Set(used.flatMap((e) => (e.kind === "module" ? [] : e.ids)))];
  const because = [...new Set(used.map((e) => e.because))];

  if (moduleIds.size === 0 && layerIds.length === 0) {
    const system = SYSTEM_WORDS.exec(text)?.[0].toLowerCase();
    return { scope: { kind: "system" }, because: system ? [system] : [] };
  }
  if (moduleIds.size === 0 && layerIds.length === 1) {
    return { scope: { kind: "layer", id: layerIds[0] as string }, because };
  }
  const ids = spec.modules.filter((m) => moduleIds.has(m.id) || layerIds.includes(m.layer)).map((m) => m.id);
  return { scope: { kind: "modules", ids }, because };
}

/** `journal`, `order book -> order_book`, `core -> layer core`. */
function describeName(hit: NameHit): string {
  if (hit.kind === "layer") return `${hit.text} -> layer ${hit.id}`;
  return hit.text === hit.id ? hit.id : `${hit.text} -> ${hit.id}`;
}
