/** Layers a generated tree may use, innermost first. */
export const LAYER_NAMES = ["foundation", "core", "infrastructure", "services", "interface"] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** Conventional folder and file names, and the layer they mean. */
const NAMED: Record<LayerName, string[]> = {
  foundation: ["utils", "util", "common", "shared", "lib", "errors", "error", "exceptions", "types", "constants", "config", "settings", "helpers", "support"],
  // Hexagonal architecture's `ports/`: the interfaces the domain needs, which the adapters implement.
  core: ["core", "domain", "model", "models", "entities", "entity", "ports"],
  infrastructure: ["infrastructure", "infra", "adapters", "adapter", "db", "database", "storage", "store", "repositories", "repository", "persistence", "clients", "client", "sdk", "gateways", "io", "drivers", "driver", "hal", "bsp",
    // Android's and clean architecture's data layer (its repositories and sources), Nx's `data-access` libraries.
    "data", "data-access", "data_access"],
  services: ["services", "service", "application", "usecases", "use_cases", "workflows", "jobs"],
  interface: ["cli", "api", "main", "app", "server", "web", "routes", "handlers", "cmd", "commands", "ui", "views", "controllers", "controller", "bin", "__main__", "routers", "endpoints", "pages", "components", "middleware", "scripts",
    // A Django project's entry points: its URL routes, its servers' handlers, its command line.
    "urls", "wsgi", "asgi", "manage",
    // A server's API by its protocol, written as one word as Go packages are (`internal/httpapi/`).
    "httpapi", "restapi", "webapi", "grpcapi",
    // What serves a request or a screen: Go kit's `transport/`, clean architecture's `delivery/` and `presentation/`,
    // Android's `:feature:*` modules and Nx's `feature` libraries (a screen with its view model).
    "transport", "delivery", "presentation", "feature", "features",
    // A Flutter app's screens and the widgets they are built of.
    "screens", "widgets"],
};
/** Conventional names that are often a project's whole source folder (`lib/` in a JS package, a Flask `app/`). */
const ROOT_LIKE = new Set(["lib", "app", "api", "server", "web", "client"]);
/**
 * What a web frontend means by a folder beside its `components/`: `api/` is its client of the server
 * (not a server's routes), `store/` its state (the app's model, not storage).
 */
const FRONTEND: Record<string, LayerName> = { api: "infrastructure", store: "core", stores: "core", state: "core" };
const BY_NAME = new Map<string, number>(LAYER_NAMES.flatMap((layer, rank) => NAMED[layer].map((n) => [n, rank] as [string, number])));

export interface LayerInput {
  id: string;
  /** Path segments of the module's folder or file, without extensions. */
  segments: string[];
  dependsOn: string[];
  /** Modules it imports types from in a cycle (no dependency): it sits in their layer or above. */
  typesFrom?: string[];
  /** It holds a program's entry point (a JVM `main`, a Spring Boot application, Go's `package main`). */
  entry?: boolean;
  /** What its build calls it (an Nx project's `type:data-access` tag is `data-access`): a conventional one decides over its path's. */
  tags?: string[];
}

/**
 * Each module's layer. A conventional name in its path decides (the deepest one: in
 * `api/services/x`, services), except a folder like `lib/` or `app/` that holds most of the
 * modules: it is where the source lives, not a layer. A program's entry point no module imports is the interface. Where most modules have none, the unnamed ones go by structure: sinks with dependencies are the
 * interface, modules with none the foundation, the rest the core or, higher up their chains of imports, the services. Then, in dependency order,
 * no module sits below a module it imports: it moves up, and `moved` says so.
 */
export function assignLayers(modules: LayerInput[], order: string[], projectDirs: string[] = []): { layer: Map<string, LayerName>; moved: string[] } {
  const roots = sourceRoots(modules);
  // A folder of projects (`services/` holding `services/billing/go.mod`) is where they live, not a layer.
  for (const dir of projectDirs) dir.split("/").slice(0, -1).forEach((_, i, segs) => roots.add(segs.slice(0, i + 1).join("/")));
  const frontends = frontendFolders(modules);
  const named = new Map<string, number>();
  for (const m of modules) {
    const ranks = m.segments.map((s, i) => (roots.has(m.segments.slice(0, i + 1).join("/")) ? undefined : nameRank(s.toLowerCase(), frontends.has(m.segments.slice(0, i).join("/")))));
    const tagged = m.tags?.map((t) => nameRank(t.toLowerCase(), false)).findLast((r) => r !== undefined);
    const rank = tagged ?? ranks.findLast((r) => r !== undefined);
    // The domain's errors or types (`domain/errors.ts`) are the domain's, not the foundation's below it.
    if (rank !== undefined) named.set(m.id, rank === FOUNDATION && ranks.includes(CORE) ? CORE : rank);
  }
  const byId = new Map(modules.map((m) => [m.id, m]));
  const dependents = new Map<string, number>();
  for (const m of modules) for (const d of m.dependsOn) dependents.set(d, (dependents.get(d) ?? 0) + 1);
  // A few conventional names (a `utils.py`, a `helpers/` folder) say nothing about the rest.
  const byStructure = named.size * 2 < modules.length;
  const middle = byStructure ? middleRanks(modules, order, dependents) : new Map<string, number>();
  const rank = new Map<string, number>();
  const moved: string[] = [];
  for (const id of order) {
    const m = byId.get(id)!;
    const floor = Math.max(0, ...m.dependsOn.map((d) => rank.get(d) ?? 0));
    // A program's entry that no module imports starts the rest (a Spring Boot application finds them by scanning, with no import): the interface.
    const own = m.entry && !dependents.has(id) ? LAYER_NAMES.indexOf("interface") : named.get(id);
    const guess = byStructure ? (m.dependsOn.length === 0 ? 0 : (middle.get(id) ?? 4)) : floor;
    const adapter = outerAdapter(own, floor);
    const chosen = adapter ? LAYER_NAMES.indexOf("interface") : Math.max(own ?? guess, floor);
    if (own !== undefined && chosen > own && !adapter) moved.push(`${id}: named for ${LAYER_NAMES[own]} but imports ${LAYER_NAMES[chosen]} code, so placed in ${LAYER_NAMES[chosen]}`);
    rank.set(id, chosen);
  }
  // Type imports in a cycle: each side at least as high as the other, so the same layer. Ranks only
  // rise (to at most the last layer), so this ends.
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of order) {
      const m = byId.get(id)!;
      const floor = Math.max(0, ...[...m.dependsOn, ...(m.typesFrom ?? [])].map((d) => rank.get(d) ?? 0));
      if (rank.get(id)! < floor) {
        rank.set(id, floor);
        changed = true;
      }
    }
  }
  return { layer: new Map([...rank].map(([id, r]) => [id, LAYER_NAMES[r]!])), moved };
}

/**
 * The layer of each module both imported and importing: the core where it imports only modules of
 * no dependency, the services where it builds on another such module (the longest chain of imports
 * below it is two or more). A deep `internal/` tree of unconventional names (`ledger/entry/` under
 * `ledger/posting/` under `wiring/`) was otherwise one core of every module between its leaves and its entry points.
 */
function middleRanks(modules: LayerInput[], order: string[], dependents: Map<string, number>): Map<string, number> {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const height = new Map<string, number>();
  for (const id of order) {
    const deps = byId.get(id)!.dependsOn;
    height.set(id, deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => height.get(d) ?? 0)));
  }
  const between = modules.filter((m) => m.dependsOn.length > 0 && dependents.has(m.id));
  return new Map(between.map((m) => [m.id, height.get(m.id)! >= 2 ? SERVICES : CORE]));
}

const FOUNDATION = LAYER_NAMES.indexOf("foundation");
const CORE = LAYER_NAMES.indexOf("core");
const INFRASTRUCTURE = LAYER_NAMES.indexOf("infrastructure");
const SERVICES = LAYER_NAMES.indexOf("services");

/**
 * An adapter that calls the use cases (hexagonal's `adapters/http/`, clean architecture's
 * `Infrastructure/` implementing `Application/`'s interfaces) is the outer ring its authors drew:
 * the interface, not the services layer beside the code it calls.
 */
function outerAdapter(own: number | undefined, floor: number): boolean {
  return own === INFRASTRUCTURE && floor === SERVICES;
}

function nameRank(name: string, inFrontend: boolean): number | undefined {
  const frontend = inFrontend ? FRONTEND[name] : undefined;
  return frontend ? LAYER_NAMES.indexOf(frontend) : BY_NAME.get(name);
}

/** The folders that hold a `components/` folder: a web frontend's source folders ("" for the root). */
function frontendFolders(modules: LayerInput[]): Set<string> {
  const found = new Set<string>();
  for (const m of modules) m.segments.forEach((s, i) => s.toLowerCase() === "components" && found.add(m.segments.slice(0, i).join("/")));
  return found;
}

/** Folders with a root-like name holding more than half of the modules (at least three). */
function sourceRoots(modules: LayerInput[]): Set<string> {
  const count = new Map<string, number>();
  for (const m of modules) {
    for (let i = 0; i < m.segments.length; i++) {
      if (!ROOT_LIKE.has(m.segments[i]!.toLowerCase())) continue;
      const prefix = m.segments.slice(0, i + 1).join("/");
      count.set(prefix, (count.get(prefix) ?? 0) + 1);
    }
  }
  return new Set([...count].filter(([, n]) => n >= 3 && n * 2 > modules.length).map(([prefix]) => prefix));
}
