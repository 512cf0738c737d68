import { UsageError } from "../errors.js";
import { moduleByName, moduleNames } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import type { Scope } from "./types.js";

/**
 * `--scope` as written: `system`, `layer/x`, or a comma-separated list of `module/a` and
 * `layer/x` (a bare id is tried as a module, then as a layer; a module's front matter `name` names it too). Several entries become the
 * union of their modules, in spec order; one layer alone stays a layer scope.
 * @throws UsageError naming the entry and the known ids.
 */
export function parseScopeOption(value: string, spec: SpecTree): Scope {
  const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new UsageError(`Expected \`--scope\` to be \`system\`, \`layer/<id>\` or \`module/<id>[,module/<id>...]\`, got \`${value}\``);
  if (entries.length === 1 && /^(?:system|all)$/i.test(entries[0]!)) return { kind: "system" };
  const modules = new Set<string>();
  const layers: string[] = [];
  for (const entry of entries) {
    const m = /^(?:(layers?|modules?)\/)?([A-Za-z0-9_-]+)\/?$/.exec(entry);
    if (!m) throw new UsageError(`Expected each \`--scope\` entry to be \`module/<id>\` or \`layer/<id>\`, got \`${entry}\``);
    const kind = m[1]?.toLowerCase();
    const plain = (id: string) => id.toLowerCase().replace(/-/g, "_");
    const byName = moduleByName(m[2]!, moduleNames(spec.modules));
    const module = kind?.startsWith("layer") ? undefined : spec.modules.find((x) => plain(x.id) === plain(m[2]!)) ?? spec.modules.find((x) => x.id === byName);
    const layer = kind?.startsWith("module") || module ? undefined : spec.layers.find((x) => plain(x.id) === plain(m[2]!));
    if (module) modules.add(module.id);
    else if (layer) layers.push(layer.id);
    else {
      const what = kind?.startsWith("layer") ? "layer" : "module";
      const known = (what === "layer" ? spec.layers.map((l) => l.id) : spec.modules.map((x) => x.id)).join(", ") || "none";
      throw new UsageError(`Unknown ${what} \`${m[2]}\` in \`--scope\`; ${what}s: ${known}`);
    }
  }
  if (modules.size === 0 && layers.length === 1) return { kind: "layer", id: layers[0]! };
  return { kind: "modules", ids: spec.modules.filter((m) => modules.has(m.id) || layers.includes(m.layer)).map((m) => m.id) };
}
