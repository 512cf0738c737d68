import type { SpecTree } from "../spec/types.js";
import type { Mentions } from "./mentions.js";
import type { NameHit } from "./names.js";
import type { Evidence as Found, Scope } from "./types.js";

export interface ScopeResult {
  scope: Scope;
  /** Scope evidence: `layer/core`, `order book -> order_book`, `core/journal.py -> journal`. */
  because: string[];
  evidence: Found[];
  confidence: number;
}

interface Evidence {
  kind: "module" | "layer" | "bare-layer";
  ids: string[];
  because: string;
  source: "explicit" | "path" | "name";
  written: string;
  qualified: boolean;
}

/**
 * Scope from, strongest first: explicit tokens (`layer/core`, `module/x`), which decide
 * alone when present; otherwise layer and module names in prose together with file
 * paths. Then:
 * - no module and no layer: undefined (the caller reads hints and the spec index);
 * - one layer only: that layer; several layers only: their modules;
 * - modules: those modules, plus the modules of any layer named as a layer ("the
 *   services layer") that holds none of them. A layer word alone next to named modules
 *   is context ("the journal in core"), as is a module's own layer.
 */
export function resolveScope(spec: SpecTree, mentions: Mentions, names: NameHit[]): ScopeResult | undefined {
  const evidence: Evidence[] = [];
  if (mentions.explicit.length > 0) {
    for (const { kind, id, text: written } of mentions.explicit) {
      evidence.push({ kind, ids: [id], because: written, source: "explicit", written, qualified: true });
    }
  } else {
    for (const hit of names) {
      const kind = hit.kind === "layer" && !hit.qualified ? "bare-layer" : hit.kind;
      evidence.push({ kind, ids: [hit.id], because: describeName(hit), source: "name", written: hit.text, qualified: hit.qualified });
    }
    for (const path of mentions.paths) {
      const via = path.file ? `${path.text} (${path.file})` : path.text;
      evidence.push({ kind: "module", ids: path.ids, because: `${via} -> ${path.ids.join(", ")}`, source: "path", written: path.text, qualified: true });
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

  if (moduleIds.size === 0 && layerIds.length === 0) return undefined;
  const found: Found[] = used.flatMap((e) =>
    e.ids.map((id): Found => ({ kind: e.kind === "module" ? "module" : "layer", target: id, source: e.source, words: [e.written] })),
  );
  // An explicit token is the user's own word for the scope; a path is nearly as sure; a
  // name in prose may be a plain word ("balance"), less so when qualified ("the fx module").
  const confidence = used.every((e) => e.source === "explicit") ? 1 : used.some((e) => e.source === "path" || e.qualified) ? 0.95 : 0.85;
  if (moduleIds.size === 0 && layerIds.length === 1) {
    return { scope: { kind: "layer", id: layerIds[0] as string }, because, evidence: found, confidence };
  }
  const ids = spec.modules.filter((m) => moduleIds.has(m.id) || layerIds.includes(m.layer)).map((m) => m.id);
  return { scope: { kind: "modules", ids }, because, evidence: found, confidence };
}

/** `journal`, `order book -> order_book`, `core -> layer core`. */
function describeName(hit: NameHit): string {
  if (hit.kind === "layer") return `${hit.text} -> layer ${hit.id}`;
  return hit.text === hit.id ? hit.id : `${hit.text} -> ${hit.id}`;
}
