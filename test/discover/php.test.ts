import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { SHOP } from "../helpers/langs.js";

const gate = (root: string) => {
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.message}`);
};

describe("discover: PHP", () => {
  it("a Composer project: a module per namespace folder, use (grouped, function) through PSR-4 and declared namespaces, require beside the file, tests attached, vendor/ skipped", () => {
    const root = makeProject(SHOP);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["controller", "domain", "public", "repository", "routes", "service", "support"]);
    expect(byId.get("domain")!.files.sort()).toEqual(["src/Domain/Cart.php", "src/Domain/Money.php"]);
    expect(byId.get("domain")!.provides.sort()).toEqual(["Cart", "Money"]);
    expect(byId.get("repository")!.dependsOn).toEqual(["domain"]);
    expect(byId.get("service")!.dependsOn.sort()).toEqual(["domain", "repository", "support"]);
    // The `use` inside a string is no import.
    expect(byId.get("controller")!.dependsOn).toEqual(["service"]);
    expect(byId.get("public")!.dependsOn.sort()).toEqual(["controller", "routes"]);
    expect(byId.get("domain")!.tests).toEqual(["tests/Domain/MoneyTest.php"]);
    expect(Object.fromEntries(["domain", "support", "repository", "service", "controller"].map((id) => [id, byId.get(id)!.layer]))).toEqual({ domain: "core", support: "foundation", repository: "infrastructure", service: "services", controller: "interface" });
    expect(d.skipped.map((s) => s.path)).toContain("vendor/");
  });

  it("the specs it writes pass the gate; a use of a later layer's class fails it at its line", () => {
    const root = makeProject(SHOP);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "shop")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/Domain/Cart.php": "<?php\n\nnamespace App\\Domain;\n\nuse App\\Service\\CheckoutService;\n\nclass Cart {}\n" });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/Domain\/Cart\.php:5 imports `App\\Service\\CheckoutService`/)]);
  });

  it("scripts without namespaces: a module each, a bare required path found beside the file, else from the root where the front controller runs", () => {
    const root = makeProject({
      "index.php": "<?php\nrequire 'lib/users.php';\ninclude_once 'views/header.php';\necho render_users(find_users());\n",
      "lib/db.php": "<?php\nfunction db(): PDO { return new PDO('sqlite::memory:'); }\n",
      "lib/users.php": "<?php\nrequire_once 'lib/db.php';\nfunction find_users(): array { return db()->query('select 1')->fetchAll(); }\n",
      "views/header.php": "<?php\nrequire_once __DIR__ . '/../lib/users.php';\nfunction render_users(array $u): string { return implode(',', $u); }\n",
    });
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["db", "header", "index", "users"]);
    expect(byId.get("users")!.dependsOn).toEqual(["db"]);
    expect(byId.get("header")!.dependsOn).toEqual(["users"]);
    expect(byId.get("index")!.dependsOn.sort()).toEqual(["header", "users"]);
    expect(byId.get("db")!.provides).toEqual(["db"]);
    writeFiles(root, Object.fromEntries(specFiles(d, "legacy")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "lib/db.php": "<?php\nrequire_once 'views/header.php';\nfunction db(): PDO { return new PDO('sqlite::memory:'); }\n" });
    expect(gate(root)).toEqual([expect.stringMatching(/^lib\/db\.php:2 imports `\.\/views\/header\.php`/)]);
  });
});
