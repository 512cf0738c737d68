import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { validationOf } from "../../src/validate/discover.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const B = "src/main/java/com/acme/shop";
/** A Maven layout: a package per folder under src/main/java, tests in the mirror under src/test/java (it compiles with javac 17). */
const MAVEN = {
  "pom.xml": "<project/>\n",
  [`${B}/money/Money.java`]: "package com.acme.shop.money;\n\npublic final class Money {\n    public static final Money ZERO = new Money();\n}\n",
  [`${B}/money/Currency.java`]: "package com.acme.shop.money;\n\npublic enum Currency { EUR, USD }\n",
  [`${B}/cart/Cart.java`]: "package com.acme.shop.cart;\n\nimport com.acme.shop.money.Money;\n\npublic class Cart {\n    public Money total() { return Money.ZERO; }\n}\n",
  [`${B}/store/CartStore.java`]: "package com.acme.shop.store;\n\nimport com.acme.shop.cart.Cart;\nimport java.util.Map;\n\npublic class CartStore {\n    private Map<String, Cart> carts;\n}\n",
  [`${B}/web/CartController.java`]: "package com.acme.shop.web;\n\nimport com.acme.shop.cart.*;\nimport com.acme.shop.store.CartStore;\nimport static com.acme.shop.money.Money.ZERO;\n\npublic class CartController {}\n",
  "src/test/java/com/acme/shop/cart/CartTest.java": "package com.acme.shop.cart;\n\nimport org.junit.Test;\n\npublic class CartTest {\n    @Test public void total() {}\n}\n",
};

describe("discover: Java and Kotlin", () => {
  it("a Maven project: a module per package, imports (static and * too) to their files, a test in the mirror package, layers not taken from src/main", () => {
    const root = makeProject(MAVEN);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["cart", "money", "store", "web"]);
    expect(byId.get("money")!.files.sort()).toEqual([`${B}/money/Currency.java`, `${B}/money/Money.java`]);
    expect(byId.get("money")!.provides.sort()).toEqual(["Currency", "Money"]);
    expect(byId.get("cart")!.tests).toEqual(["src/test/java/com/acme/shop/cart/CartTest.java"]);
    expect(byId.get("web")!.dependsOn.sort()).toEqual(["cart", "money", "store"]);
    expect(byId.get("store")!.layer).toBe("infrastructure");
    expect(byId.get("web")!.layer).not.toBe(byId.get("money")!.layer);
    // The specs it writes pass the gate; an import of a later layer's package fails it.
    writeFiles(root, Object.fromEntries(specFiles(d, "shop")));
    const gate = () => {
      const spec = loadSpec(root);
      return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line}`);
    };
    expect(gate()).toEqual([]);
    writeFiles(root, { [`${B}/money/Money.java`]: "package com.acme.shop.money;\n\nimport com.acme.shop.web.CartController;\n\npublic final class Money {}\n" });
    expect(gate()).toEqual([`${B}/money/Money.java:3`]);
  });

  it("an Android multi-project Gradle build: layers from the projects' folders, androidTest/ a test of its mirror, buildSrc/ skipped", () => {
    const kt = (pkg: string, body: string) => `package org.wren.${pkg}\n\n${body}\n`;
    const root = makeProject({
      "settings.gradle.kts": 'include(":core", ":data", ":app", ":feature:logbook")\n',
      "core/src/main/kotlin/org/wren/core/Species.kt": kt("core", "data class Species(val name: String)"),
      "data/src/main/kotlin/org/wren/data/SpeciesStore.kt": kt("data", "import org.wren.core.Species\n\nclass SpeciesStore { val all = listOf<Species>() }"),
      "feature/logbook/src/main/java/org/wren/logbook/LogbookViewModel.kt": kt("logbook", "import org.wren.data.SpeciesStore\n\nclass LogbookViewModel(val store: SpeciesStore)"),
      "app/src/main/java/org/wren/app/MainActivity.kt": kt("app", "import org.wren.logbook.LogbookViewModel\n\nclass MainActivity(val model: LogbookViewModel)"),
      "app/src/androidTest/java/org/wren/app/MainActivityTest.kt": kt("app", "class MainActivityTest { fun opens() = Unit }"),
      "buildSrc/src/main/kotlin/Versions.kt": 'object Versions { const val kotlin = "2.0.0" }\n',
    });
    const d = discover(root);
    // Before: data and logbook in the core beside it (no project folder named a layer), the instrumented test a module
    // of its own (`android_test_java_org_wren_app`, clashing with the app's name), buildSrc's `Versions` a module `kotlin`.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ core: "core", data: "infrastructure", logbook: "interface", app: "interface" });
    expect(d.modules.find((m) => m.id === "app")!.tests).toEqual(["app/src/androidTest/java/org/wren/app/MainActivityTest.kt"]);
    expect(d.skipped).toContainEqual({ path: "buildSrc/", why: "Gradle build logic" });
  });
});

describe("discover: Maven's integration tests (Failsafe)", () => {
  const Q = "src/main/java/org/quarry";
  const T = "src/test/java/org/quarry";
  const QUARRY = {
    "pom.xml": "<project/>\n",
    [`${Q}/domain/Block.java`]: "package org.quarry.domain;\n\npublic class Block {}\n",
    [`${Q}/storage/BlockRepository.java`]: "package org.quarry.storage;\n\nimport org.quarry.domain.Block;\n\npublic class BlockRepository { void save(Block b) {} }\n",
    [`${Q}/api/AuditIT.java`]: "package org.quarry.api;\n\nimport org.quarry.storage.BlockRepository;\n\npublic class AuditIT { BlockRepository repo; }\n",
    [`${T}/storage/BlockRepositoryTest.java`]: "package org.quarry.storage;\n\nclass BlockRepositoryTest {}\n",
    [`${T}/storage/BlockRepositoryIT.java`]: "package org.quarry.storage;\n\nimport org.quarry.domain.Block;\n\nclass BlockRepositoryIT {}\n",
    [`${T}/domain/ITBlock.java`]: "package org.quarry.domain;\n\nclass ITBlock {}\n",
  };

  it("attaches *IT.java to the package it mirrors, keeps it out of the module gate's -Dtest, and says `mvn verify` runs it", () => {
    const root = makeProject(QUARRY);
    const d = discover(root);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.tests]))).toEqual({ domain: [`${T}/domain/ITBlock.java`], storage: [`${T}/storage/BlockRepositoryIT.java`, `${T}/storage/BlockRepositoryTest.java`], api: [] });
    const spec = { layers: ["core"], modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
    const v = validationOf(root, spec, {});
    expect(v.discovered.map((x) => `${x.target}: ${x.check.run}`)).toEqual(["system: mvn -B test", "storage: mvn -B test -Dtest=BlockRepositoryTest -Dsurefire.failIfNoSpecifiedTests=false"]);
    // Before: nothing said why `domain` has tests and no gate. `AuditIT.java` under src/main/ is no test.
    expect(v.notes).toEqual(["module gates: Failsafe's integration tests (*IT.java) of domain, storage are left out; `mvn -B verify` runs them"]);
  });
});

describe("discover: Scala and sbt", () => {
  const ORCHARD = {
    "build.sbt": 'lazy val core = project\nlazy val storage = (project in file("storage")).dependsOn(core)\nlazy val api = project.in(file("apps/api")).dependsOn(core, storage)\n',
    "project/Dependencies.scala": 'object Dependencies { val munit = "1.0.0" }\n',
    "core/src/main/scala/org/orchard/core/Apple.scala": "package org.orchard.core\n\ncase class Apple(variety: String, grams: Int)\n",
    "core/src/main/scala/org/orchard/core/Harvest.scala": "package org.orchard.core\n\nobject Harvest {\n  def total(apples: Seq[Apple]): Int = apples.map(_.grams).sum\n}\n",
    "storage/src/main/scala/org/orchard/storage/Cellar.scala": "package org.orchard.storage\n\nimport org.orchard.core.{Apple, Harvest => H}\n\nclass Cellar { def weight(a: Seq[Apple]): Int = H.total(a) }\n",
    "apps/api/src/main/scala/org/orchard/api/Server.scala": "package org.orchard.api\n\nimport org.orchard.core._\nimport org.orchard.storage.Cellar\n\nobject Server extends App { println(new Cellar().weight(Nil)) }\n",
    "core/src/test/scala/org/orchard/core/HarvestSpec.scala": "package org.orchard.core\n\nclass HarvestSpec extends munit.FunSuite\n",
    "storage/src/test/scala/org/orchard/storage/CellarSuite.scala": "package org.orchard.storage\n\nclass CellarSuite extends munit.FunSuite\n",
  };

  it("a package a module, imports with `{A, B => C}` and `_`, *Spec and *Suite tests with their package, `project/` skipped; gates: sbt test, <project>/testOnly", () => {
    const root = makeProject(ORCHARD);
    const d = discover(root);
    // Before: "Found no ... source files": Scala was not read.
    expect(d.modules.map((m) => `${m.id} ${m.layer} <- ${m.dependsOn.join(",")} tests:${m.tests.length}`)).toEqual(["core core <-  tests:1", "storage infrastructure <- core tests:1", "api interface <- core,storage tests:0"]);
    expect(d.modules[0]!.provides).toEqual(["Apple", "Harvest"]);
    expect(d.skipped).toContainEqual({ path: "project/", why: "sbt build definition" });
    const spec = { layers: ["core"], modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
    expect(validationOf(root, spec, {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual(["system: sbt test", 'core: sbt "core/testOnly HarvestSpec"', 'storage: sbt "storage/testOnly CellarSuite"']);
  });
});
