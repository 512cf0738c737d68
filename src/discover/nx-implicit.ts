import type { DeclaredDependency } from "./declared.js";

/** One Nx project's `implicitDependencies`: the projects it depends on without importing them. */
export interface NxImplicit {
  /** The project's folder, project-relative. */
  dir: string;
  /** Project names as written: `"ledger"`, a glob (`"shop-*"`); negations (`"!x"`) are left out. */
  names: string[];
}

/**
 * A project.json's (or a package.json's `nx` field's) `implicitDependencies`, undefined when it
 * has none. A negation (`"!cart"`) only drops a dependency Nx would infer from an import: the
 * code still imports it, so the module still depends on it, and it is not read.
 */
export function readNxImplicit(dir: string, json: unknown, field?: "nx"): NxImplicit | undefined {
  const at = json && typeof json === "object" ? (json as Record<string, unknown>) : undefined;
  const holder = field ? at?.[field] : at;
  const list = holder && typeof holder === "object" ? (holder as Record<string, unknown>).implicitDependencies : undefined;
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((n): n is string => typeof n === "string" && n !== "" && !n.startsWith("!"));
  return names.length ? { dir, names } : undefined;
}

/**
 * The folders Nx's implicit dependencies name, by the workspaces' project names (an Nx project.json's
 * `name`, else its folder's last part), a name or a glob (`"*-db"`).
 */
export function nxDependencies(implicit: readonly NxImplicit[], workspaces: readonly { dir: string; name?: string }[]): DeclaredDependency[] {
  const named = workspaces.filter((w) => w.dir).map((w) => ({ dir: w.dir, name: w.name ?? w.dir.split("/").at(-1)! }));
  return implicit.flatMap(({ dir, names }) => {
    const self = named.find((w) => w.dir === dir)?.name ?? dir;
    return names.flatMap((pattern) => named.filter((w) => w.dir !== dir && glob(pattern).test(w.name)).map((w): DeclaredDependency => ({ dir, on: w.dir, by: "Nx's implicit dependency", names: [self, w.name] })));
  });
}

/** An Nx project-name pattern (`*` any run of characters) as an anchored expression. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
}

/**
 * A project.json's (or package.json `nx` field's) `type:` and `layer:` tags' values (`type:data-access`
 * is `data-access`), the kind of library its authors say it is, which Nx's generators give folder names
 * that say less (`libs/orders/feature-list/`); `scope:` and other tags name a domain, not a layer.
 */
export function readNxLayerTags(dir: string, json: unknown, field?: "nx"): { dir: string; names: string[] } | undefined {
  const at = json && typeof json === "object" ? (json as Record<string, unknown>) : undefined;
  const holder = field ? at?.[field] : at;
  const tags = holder && typeof holder === "object" ? (holder as Record<string, unknown>).tags : undefined;
  if (!Array.isArray(tags)) return undefined;
  const names = tags.flatMap((t) => (typeof t === "string" ? (/^(?:type|layer):(.+)$/.exec(t.trim())?.slice(1) ?? []) : []));
  return names.length ? { dir, names } : undefined;
}
