/** How the units `init --from-code` grouped are named: ids from their folders and files, a clash taking parent folder names. */
import { posix } from "node:path";
import type { Unit } from "./group.js";

const stemOf = (path: string) => posix.basename(path).replace(/\.[^.]+$/, "");

/** The files a router names by convention, by stem: their folder is the route. */
const ROUTE_FILE = /^(?:page|route|layout|loading|error|not-found|template|default|middleware|\+(?:page|layout|server|error)(?:\.server)?)$/;

/** JS/TS files a router names by convention (`page.tsx`, `route.ts`): a route, which the router loads and no module imports. */
export function routeFiles(files: string[]): boolean {
  return files.every((f) => /\.(?:[cm]?[jt]sx?|svelte)$/.test(f) && ROUTE_FILE.test(stemOf(f)));
}

/**
 * Ids from file stems or folder names, lower-case; a clash takes parent folder names in front.
 * `projectName` names what the project's own `src/` or `lib/` stands for (`src/index.ts`).
 */
export function nameUnits(units: Unit[], projectName = ""): void {
  const live = units.filter((u) => u.files.length > 0);
  /** The package file (`index`, `__init__`, `mod`) a unit is named through, by its bare stem: told apart by it when all else is equal. */
  const through = new Map<Unit, string>();
  const parts = live.map((u) => {
    const path = u.folder ?? (u.nameFrom ?? u.files[0]!).replace(/\.[^./]+$/, "");
    if (u.label?.length) return u.label.map(slug).filter(Boolean);
    const segs = path.split("/").filter((s) => s && s !== ".");
    // A route's dynamic segment (Next.js `products/[id]/page.tsx`) says something only with its parent's name.
    for (let i = segs.length - 1; i > 0; i--) if (/^\[.*\]$/.test(segs[i]!)) segs.splice(i - 1, 2, `${segs[i - 1]}_${segs[i]}`);
    // So does a file a router names by convention (Next.js `app/api/orders/route.ts`, `layout.tsx`; SvelteKit `+page.svelte`'s `+page.ts`).
    if (!u.folder && u.language === "js" && segs.length > 1 && ROUTE_FILE.test(segs.at(-1)!)) segs.splice(-2, 2, `${segs.at(-2)}_${segs.at(-1)}`);
    // The project's root folder (a Go `main` package beside go.mod) is the project.
    if (segs.length === 0 && slug(projectName)) segs.push(projectName);
    // `pkg/index.ts` and `pkg/__init__.py` are the package itself; a Python `index.py` or `mod.py` is a module like any other (`store/index.py` is `index`).
    if (!u.folder && (u.language === "python" ? /^__init__$/ : /^(?:index|__init__|mod)$/).test(segs.at(-1) ?? "") && segs.length > 1) through.set(u, slug(segs.pop()!));
    // A package's `src/` or `lib/` is the package: `packages/db/src/index.ts` is `db`, `packages/db/src/utils/` is
    // `db_utils` where another package has its `utils/`; the project's own is the project. A `lib/` inside `src/` is a folder like any other.
    for (let i = segs.length - 1; i >= 0; i--) {
      if (!/^(?:src|lib)$/.test(segs[i]!) || /^(?:src|lib)$/.test(segs[i - 1] ?? "")) continue;
      if (i > 0) segs.splice(i, 1);
      else if (segs.length === 1 && slug(projectName)) segs[0] = projectName;
    }
    // A version folder says which version of what only with its parent: Go's `pkg/api/v1/` is `api_v1`.
    if (segs.length > 1 && /^v\d+$/i.test(segs.at(-1)!)) segs.splice(-2, 2, `${segs.at(-2)}_${segs.at(-1)}`);
    return segs.map(slug).filter(Boolean);
  });
  // A file beside the folder module of its name (a gem's `lib/shop.rb` with `lib/shop/`, `resources.ts`
  // with `resources/`), or a folder's `index.ts` split off from the rest of it, is that folder's entry:
  // no parent folder name would tell the two apart.
  const folders = new Set(live.flatMap((u, i) => (namingFolder(u) ? [parts[i]!.join("/")] : [])));
  live.forEach((u, i) => {
    const own = parts[i]!;
    if (!namingFolder(u) && !u.label?.length && own.length && folders.has(own.join("/"))) own.push(`${own.pop()!}_entry`);
  });
  // Two paths that read the same once joined (zod's `v4-mini/` and `v4/mini/`; `beta.ts` and `beta/index.ts`,
  // each `beta_entry`) would clash however many folders are named: a word of several is written as
  // one (`v4mini`), else the one named through a package file says so (`beta_index`); only failing both, a number.
  const full = new Map<string, number>();
  for (const own of parts) full.set(own.join("_"), (full.get(own.join("_")) ?? 0) + 1);
  live.forEach((u, i) => {
    const own = parts[i]!;
    if (full.get(own.join("_"))! < 2) return;
    const compact = own.map((w) => w.replace(/_entry$/, "").replaceAll("_", "") + (w.endsWith("_entry") ? "_entry" : ""));
    const stem = through.get(u);
    const other = compact.join("_") !== own.join("_") ? compact : stem ? [...own.slice(0, -1), `${own.at(-1)!.replace(/_entry$/, "")}_${stem}`] : own;
    if (full.has(other.join("_"))) return;
    full.set(own.join("_"), full.get(own.join("_"))! - 1);
    full.set(other.join("_"), 1);
    parts[i] = other;
  });
  const depth = live.map(() => 1);
  for (let round = 0; round < 8; round++) {
    const ids = live.map((_, i) => parts[i]!.slice(-depth[i]!).join("_") || "root");
    const count = new Map<string, number>();
    for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
    let clash = false;
    live.forEach((u, i) => {
      u.id = ids[i]!;
      if (count.get(ids[i]!)! > 1 && depth[i]! < parts[i]!.length) {
        depth[i]!++;
        clash = true;
      }
    });
    if (!clash) break;
  }
  const seen = new Map<string, number>();
  for (const u of live) {
    const n = (seen.get(u.id) ?? 0) + 1;
    seen.set(u.id, n);
    if (n > 1) u.id = `${u.id}_${n}`;
  }
}

/** The folder a unit is named by: its own, or the one a split part keeps the name of (`nameFrom` a folder, not one of its files). */
export function namingFolder(u: Unit): string | undefined {
  return u.folder ?? (u.nameFrom !== undefined && !u.files.includes(u.nameFrom) ? u.nameFrom : undefined);
}

/** Lower-case words joined by `_`: `todoController` and `TodoController` are `todo_controller`. */
export function slug(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}
