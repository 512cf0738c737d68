import { describe, expect, it } from "vitest";
import { validationOf, type DiscoverySpec } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

function spec(modules: Record<string, string[]>): DiscoverySpec {
  return { layers: ["core"], modules: Object.entries(modules).map(([id, files]) => ({ id, files })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
}

/** The discovered command of each level and target, as `plan` lists them. */
function discovered(files: Record<string, string>, modules: Record<string, string[]>): string[] {
  const root = makeProject(files);
  return validationOf(root, spec(modules), {}).discovered.map((d) => `${d.target}: ${d.check.run} (from ${d.from})`);
}

describe("validationOf: test runners of JVM and Ruby projects", () => {
  it("finds Maven's tests, and a class's test in the mirror of src/main", () => {
    const files = { "pom.xml": "<project/>\n", "src/main/java/com/acme/money/Money.java": "", "src/test/java/com/acme/money/MoneyTest.java": "" };
    expect(discovered(files, { money: ["src/main/java/com/acme/money/Money.java"], cart: ["src/main/java/com/acme/cart/Cart.java"] })).toEqual([
      "system: mvn -B test (from pom.xml)",
      "money: mvn -B test -Dtest=MoneyTest -Dsurefire.failIfNoSpecifiedTests=false (from src/test/java/com/acme/money/MoneyTest.java)",
    ]);
  });

  it("runs a Rust module's tests with cargo test -p of its workspace package; a part of a crate filters by its module path", () => {
    const files = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
      "crates/shop-core/Cargo.toml": '[package]\nname = "shop-core"\nversion = "0.1.0"\n',
      "crates/shop-core/src/lib.rs": "pub mod cart;\n",
      "crates/shop-core/src/cart/mod.rs": "",
      "crates/shop-core/src/cart/line.rs": "",
      "crates/shop-cli/Cargo.toml": '[package]\nname = "shop-cli"\n',
      "crates/shop-cli/src/main.rs": "",
    };
    const modules = { shop_core: ["crates/shop-core/src/lib.rs"], cart: ["crates/shop-core/src/cart/mod.rs", "crates/shop-core/src/cart/line.rs"], shop_cli: ["crates/shop-cli/src/main.rs"], docs: ["README.md"] };
    expect(discovered(files, modules)).toEqual([
      "system: cargo test (from Cargo.toml)",
      "shop_core: cargo test -p shop-core (from crates/shop-core/Cargo.toml)",
      "cart: cargo test -p shop-core cart:: (from crates/shop-core/Cargo.toml)",
      "shop_cli: cargo test -p shop-cli (from crates/shop-cli/Cargo.toml)",
    ]);
  });

  it("finds Gradle's tests through the wrapper when there is one (Kotlin sources)", () => {
    const files = { "build.gradle.kts": "", gradlew: "#!/bin/sh\n", "app/src/main/kotlin/shop/Cart.kt": "", "app/src/test/kotlin/shop/CartTest.kt": "" };
    expect(discovered(files, { cart: ["app/src/main/kotlin/shop/Cart.kt"] })).toEqual([
      "system: ./gradlew test (from build.gradle.kts)",
      "cart: ./gradlew test --tests CartTest (from app/src/test/kotlin/shop/CartTest.kt)",
    ]);
  });

  it("finds RSpec with a Gemfile, and minitest through the Rakefile", () => {
    const rspec = { Gemfile: "", "lib/shop/cart.rb": "", "spec/shop/cart_spec.rb": "" };
    expect(discovered(rspec, { cart: ["lib/shop/cart.rb"] })).toEqual(["system: bundle exec rspec (from spec/)", "cart: bundle exec rspec spec/shop/cart_spec.rb (from spec/shop/cart_spec.rb)"]);
    const minitest = { Rakefile: "", "lib/money.rb": "", "test/money_test.rb": "" };
    expect(discovered(minitest, { money: ["lib/money.rb"] })).toEqual(["system: rake test (from Rakefile)", "money: ruby -Itest test/money_test.rb (from test/money_test.rb)"]);
  });
});
