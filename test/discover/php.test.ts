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
});
