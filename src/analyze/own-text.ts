import type { ModuleSpec } from "../spec/types.js";

/**
 * A module's own text: for one a layer spec's table (or the system spec's list) declares, its row,
 * without the layer or system spec its body carries for its agent (src/spec/layer-modules.ts). That
 * holds every sibling's row, so each sibling's spec would meet the words of each ("loudness" of the
 * quality check's row in the probe's), and in a tree declared in its system spec alone every word
 * would be in every spec, the project's own vocabulary, naming no module.
 */
export function ownText(m: ModuleSpec): string {
  for (const kind of ["Layer spec", "System spec"]) {
    const carried = m.body.indexOf(`\n## ${kind} (${m.specFile})\n`);
    if (carried >= 0) return m.body.slice(0, carried);
  }
  return m.body;
}
