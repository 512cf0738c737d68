import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

/** An Nx workspace of our own: a dispatch app, its libraries, and a migrations project no code imports. */
const fn = (name: string, body = "return 1;") => `export function ${name}() {\n  ${body}\n}\n`;
const DEPOT = {
  "package.json": JSON.stringify({ name: "@depot/source", private: true }),
  "nx.json": JSON.stringify({ targetDefaults: {} }),
  "tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@depot/routes": ["libs/routes/src/index.ts"], "@depot/fleet": ["libs/fleet/src/index.ts"] } } }),
  "libs/fleet/project.json": JSON.stringify({ name: "fleet" }),
  "libs/fleet/src/index.ts": fn("vans"),
  "libs/routes/project.json": JSON.stringify({ name: "routes" }),
  "libs/routes/src/index.ts": `import { vans } from "@depot/fleet";\n${fn("plan", "return vans();")}`,
  // Run before the app starts, by its `serve` target: nothing imports it.
  "tools/migrate-db/project.json": JSON.stringify({ name: "migrate-db" }),
  "tools/migrate-db/src/main.ts": fn("migrate"),
  "tools/seed-db/project.json": JSON.stringify({ name: "seed-db" }),
  "tools/seed-db/src/main.ts": fn("seed"),
  "apps/dispatch/project.json": JSON.stringify({ name: "dispatch", implicitDependencies: ["*-db", "!fleet"] }),
  "apps/dispatch/src/main.ts": `import { plan } from "@depot/routes";\nplan();\n`,
};
const graph = (root: string) => Object.fromEntries(discover(root).modules.map((m) => [m.id, m.dependsOn]));

describe("discover: Nx implicitDependencies", () => {
  it("a project depends on the projects its project.json names, by name or glob, though no file imports them", () => {
    // Before: dispatch depended on routes alone, and the migrations were free to be planned after it.
    expect(graph(makeProject(DEPOT))).toEqual({ fleet: [], routes: ["fleet"], migrate_db: [], seed_db: [], dispatch: ["migrate_db", "routes", "seed_db"] });
  });

  it("a package.json's `nx` field is read as a project.json's", () => {
    const { "apps/dispatch/project.json": _, ...rest } = DEPOT;
    const root = makeProject({ ...rest, "apps/dispatch/package.json": JSON.stringify({ name: "dispatch", nx: { implicitDependencies: ["migrate-db"] } }) });
    expect(graph(root).dispatch).toEqual(["migrate_db", "routes"]);
  });

  it("one that would close a cycle is left out, and the notes say so", () => {
    const d = discover(makeProject({ ...DEPOT, "libs/fleet/project.json": JSON.stringify({ name: "fleet", implicitDependencies: ["routes"] }) }));
    expect(d.modules.find((m) => m.id === "fleet")!.dependsOn).toEqual([]);
    expect(d.notes).toContain("fleet: Nx's implicit dependency of fleet on routes left out: routes already depends on fleet, and the tree's dependencies have no cycle");
  });
});

describe("discover: Nx project tags", () => {
  /** Nx's generators' folder names (`feature-board`, `data-access-trips`), which name no layer; the tags do. */
  const lib = (dir: string, name: string, tags: string[], body: string) => ({
    [`${dir}/project.json`]: JSON.stringify({ name, tags }),
    [`${dir}/src/index.ts`]: body,
  });
  const TAGGED = {
    "package.json": JSON.stringify({ name: "@depot/source", private: true }),
    "nx.json": "{}",
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@depot/shared/util-units": ["libs/shared/util-units/src/index.ts"], "@depot/trips/data-access-trips": ["libs/trips/data-access-trips/src/index.ts"], "@depot/trips/feature-board": ["libs/trips/feature-board/src/index.ts"] } } }),
    ...lib("libs/shared/util-units", "shared-util-units", ["scope:shared", "type:util"], fn("km")),
    ...lib("libs/trips/data-access-trips", "trips-data-access-trips", ["scope:trips", "type:data-access"], `import { km } from "@depot/shared/util-units";\n${fn("trips", "return km();")}`),
    ...lib("libs/trips/feature-board", "trips-feature-board", ["type:feature", "scope:core"], `import { trips } from "@depot/trips/data-access-trips";\n${fn("board", "return trips();")}`),
    "apps/depot/project.json": JSON.stringify({ name: "depot", tags: ["type:app"] }),
    "apps/depot/src/main.ts": 'import { board } from "@depot/trips/feature-board";\nboard();\n',
  };

  it("a project's `type:` tag names its layer where its folder's name does not", () => {
    const layers = (files: Record<string, string>) => Object.fromEntries(discover(makeProject(files)).modules.map((m) => [m.id, m.layer]));
    // Before: by structure alone, the data access in the core and the feature library in the services.
    expect(layers(TAGGED)).toEqual({ shared_util_units: "foundation", trips_data_access_trips: "infrastructure", trips_feature_board: "interface", depot: "interface" });
  });
});
