import type { Ownership } from "./ownership.js";
import { moduleByName, type ModuleNames } from "./names.js";

/** What naming a module needs: the ids, the layers (`<layer>/<id>`), what modules own, and their front matter names. */
export interface NamingContext {
  moduleIds: Set<string>;
  layerIds: Set<string>;
  ownership: Ownership;
  names?: ModuleNames;
}

/**
 * The module `target` names: its id; its agent name (`CART_AGENT`, `CartAgent`, `Cart Agent`)
 * or, unless `exact`, its name in any case (`Cart`); its spec file (`CART_AGENT.md`, or a
 * path or link to it); `<layer>/<id>` or `module/<id>`; the name its front matter gives it
 * (`payment-service`); or a path it owns.
 * `exact` is for names in prose, where `Cart` is more likely a type than the module.
 */
export function moduleNamed(target: string, r: NamingContext, exact: boolean): string | undefined {
  // A path written for Windows (`src\billing\`) names what its `/` form names.
  const written = (target.includes("\\") ? target.replace(/\\/g, "/") : target).trim().replace(/^\.\//, "");
  if (r.moduleIds.has(written)) return written;
  const named = moduleByName(written, r.names, exact);
  if (named) return named;
  if (!written.includes("/")) return exact && !AGENT_NAME.test(written) ? undefined : idFromName(written, r.moduleIds);
  // A path it owns, or one in a folder it owns (`src/billing`, `src/billing/invoice.ts` for `src/billing/`).
  const owner = r.ownership.resolve(written) ?? r.ownership.folderOwner(written);
  if (owner) return owner;
  const segments = written.split("/").filter((s) => s && s !== "..");
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  // A spec file anywhere (`../core/modules/AUTH_AGENT.md`), or `<layer>/<id>`, `module/<id>`, `modules/<id>`.
  const qualified = segments.length === 2 && (r.layerIds.has(segments[0]!) || /^modules?$/i.test(segments[0]!));
  // `../ledger/AGENT.md`: the spec of the module its folder is named for; `../ledger/`, a link to that folder.
  if (/^(?:agent|skill)\.md$/i.test(last)) return segments.length > 1 ? idFromName(segments[segments.length - 2]!, r.moduleIds) : undefined;
  if (written.startsWith("../") && r.moduleIds.has(last)) return last;
  return /\.md$/i.test(last) || qualified ? idFromName(last, r.moduleIds) : undefined;
}

const AGENT_NAME = /(?:_agent|agent)(?:\.md)?$|\.md$/i;

/** The module id a written name stands for: `CART_AGENT.md`, `CartAgent`, `Order Book`, `ORDER-BOOK_AGENT`. */
function idFromName(name: string, ids: Set<string>): string | undefined {
  const bare = name.replace(/(?:\.agent)?\.md$/i, "");
  // Two ids alike but for separators (`user-auth`, `user_auth`): only one written as it is names one.
  const squashed = bare.toLowerCase().replace(/[\s._-]+/g, "").replace(/agent$/, "");
  if (!ids.has(bare.toLowerCase().replace(/[_-]?agent$/, "")) && alike(squashed, ids)) return undefined;
  const snake = bare.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  for (const form of [bare, snake]) {
    // `Rules & Alerts` is `rules_alerts`, as a table's name cell makes its id (spec/module-cells.ts idOf).
    const lower = form.toLowerCase().replace(/\s+/g, "_").replace(/_*[^a-z0-9_-]+_*/g, "_");
    for (const id of [lower.replace(/[_-]?agent$/, ""), lower]) {
      if (ids.has(id)) return id;
      if (ids.has(id.replace(/-/g, "_"))) return id.replace(/-/g, "_");
    }
  }
  // A dot separates as a space does in a name (`api.v2` for `api_v2`); a spec file's `.md` is gone by now.
  return bySquashedName(squashed, ids);
}

const squashedIds = new WeakMap<Set<string>, Map<string, string | null>>();

/**
 * The one id that reads as `squashed` without separators (`Recipe Store`, `RECIPE-STORE` and
 * `recipestore` for `recipe_store` or `recipestore`); none when two ids read so.
 */
function bySquashedName(squashed: string, ids: Set<string>): string | undefined {
  return squashedIndex(ids).get(squashed) ?? undefined;
}

/** Whether two ids read as `squashed` without separators. */
export function alike(squashed: string, ids: Set<string>): boolean {
  return squashedIndex(ids).get(squashed) === null;
}

function squashedIndex(ids: Set<string>): Map<string, string | null> {
  let index = squashedIds.get(ids);
  if (!index) {
    index = new Map();
    for (const id of ids) {
      const key = id.replace(/[_-]+/g, "");
      index.set(key, index.has(key) ? null : id);
    }
    squashedIds.set(ids, index);
  }
  return index;
}
