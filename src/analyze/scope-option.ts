import { UsageError } from "../errors.js";
import { moduleByName, moduleNames } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import type { Scope } from "./types.js";
import { editDistance } from "./spelling.js";
import { layerByName } from "../spec/layer-number.js";

const FORMS = "`system`, `layer/<name>` or `module/<name>[,<name>]`";

/**
 * `--scope` as written: `system`, `layer/x`, or a comma-separated list of `module/a` and
 * `layer/x` (a bare id is tried as a module, then as a layer; a module's front matter `name` names it too). Several entries become the
 * union of their modules, in spec order; one layer alone stays a layer scope.
 * @throws UsageError saying which forms are expected, and for an unknown name the known ids and the nearest.
 */
export function parseScopeOption(value: string, spec: SpecTree): Scope {
  const entries = value.split(",").map((e) => e.trim());
  if (entries.every((e) => e === "")) throw new UsageError(`Expected \`--scope\` to be ${FORMS}, got \`${value}\``);
  // `module/a,` is a list cut short (or a name lost), not a list of one: said, not guessed.
  if (entries.includes("")) throw new UsageError(`Expected \`--scope\` to be ${FORMS}, got \`${value}\`, which has an empty entry between or after its commas`);
  if (entries.length === 1 && /^(?:system|all)$/i.test(entries[0]!)) return { kind: "system" };
  const modules = new Set<string>();
  const layers: string[] = [];
  for (const entry of entries) {
    const bare = /^(layers?|modules?)\/?$/i.exec(entry)?.[1];
    if (bare !== undefined) {
      const what = bare.toLowerCase().startsWith("layer") ? "layer" : "module";
      throw new UsageError(`Expected \`--scope\` to be ${FORMS}, got \`${entry}\` with no ${what} named after it; ${what}s: ${known(spec, what)}`);
    }
    const m = /^(?:(layers?|modules?)\/)?([A-Za-z0-9_-]+)\/?$/i.exec(entry);
    if (!m) throw new UsageError(`Expected each \`--scope\` entry to be \`module/<name>\` or \`layer/<name>\` (or \`system\` alone), got \`${entry}\``);
    const kind = m[1]?.toLowerCase();
    const plain = (id: string) => id.toLowerCase().replace(/-/g, "_");
    const byName = moduleByName(m[2]!, moduleNames(spec.modules));
    const module = kind?.startsWith("layer") ? undefined : spec.modules.find((x) => plain(x.id) === plain(m[2]!)) ?? spec.modules.find((x) => x.id === byName);
    // `layer/domain` names the folder `01-domain` (spec/layer-number.ts).
    const numbered = layerByName(spec.layers.map((x) => x.id), m[2]!.toLowerCase());
    const layer = kind?.startsWith("module") || module ? undefined : spec.layers.find((x) => plain(x.id) === plain(m[2]!) || x.id === numbered);
    if (module) modules.add(module.id);
    else if (layer) layers.push(layer.id);
    else throw unknown(spec, m[2]!, kind === undefined ? undefined : kind.startsWith("layer") ? "layer" : "module");
  }
  if (modules.size === 0 && layers.length === 1) return { kind: "layer", id: layers[0]! };
  return { kind: "modules", ids: spec.modules.filter((m) => modules.has(m.id) || layers.includes(m.layer)).map((m) => m.id) };
}

function ids(spec: SpecTree, what: "module" | "layer"): string[] {
  return what === "layer" ? spec.layers.map((l) => l.id) : spec.modules.map((m) => m.id);
}

function known(spec: SpecTree, what: "module" | "layer"): string {
  return ids(spec, what).join(", ") || "none";
}

/** A name no module (or layer) has: the known ids, and the nearest of them (or `system`, for a bare word) when any is near. */
function unknown(spec: SpecTree, id: string, what: "module" | "layer" | undefined): UsageError {
  const candidates = what ? ids(spec, what) : [...ids(spec, "module"), ...ids(spec, "layer"), "system"];
  const near = nearest(id, candidates).map((c) => `\`${c === "system" || what ? c : `${spec.modules.some((m) => m.id === c) ? "module" : "layer"}/${c}`}\``);
  const listed = what ? `${what}s: ${known(spec, what)}` : `modules: ${known(spec, "module")}; layers: ${known(spec, "layer")}`;
  return new UsageError(`Unknown ${what ?? "module or layer"} \`${id}\` in \`--scope\`; ${listed}${near.length > 0 ? `; nearest: ${near.join(", ")}` : ""}`);
}

/**
 * Up to three ids a mistyped name may mean, nearest first: those a couple of edits away (one for
 * a short name), or that begin with it or it with them (`order` for `order_book`), `_`/`-` ignored.
 */
export function nearest(written: string, candidates: readonly string[]): string[] {
  const plain = (id: string) => id.toLowerCase().replace(/[_-]+/g, "");
  const w = plain(written);
  const cap = w.length < 5 ? 2 : 3;
  const scored = candidates.flatMap((c) => {
    const p = plain(c);
    const prefix = w.length >= 3 && (p.startsWith(w) || w.startsWith(p)) && Math.min(p.length, w.length) >= 3;
    const distance = editDistance(w, p, cap);
    return distance < cap || prefix ? [{ c, distance: prefix ? Math.min(distance, 1) : distance }] : [];
  });
  return [...new Set(scored.sort((a, b) => a.distance - b.distance).map((s) => s.c))].slice(0, 3);
}
