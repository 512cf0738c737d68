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

describe("validationOf: an Nx workspace", () => {
  it("runs an Nx project's tests by its name (npx nx test), where its project.json or a runner's config gives it a test target", () => {
    const files = {
      "package.json": JSON.stringify({ name: "@harbor/source", private: true, scripts: { test: "nx run-many -t test" } }),
      "nx.json": "{}",
      "libs/tides/project.json": JSON.stringify({ name: "tides", targets: { test: { executor: "@nx/vite:test" } } }),
      "libs/tides/src/lib/table.spec.ts": "",
      "libs/berths/project.json": JSON.stringify({ name: "berths" }),
      "libs/berths/vite.config.ts": "",
      "libs/ui-kit/project.json": JSON.stringify({ name: "ui-kit" }),
    };
    const modules = { tides: ["libs/tides/src/index.ts", "libs/tides/src/lib/table.ts", "libs/tides/src/lib/table.spec.ts"], berths: ["libs/berths/src/index.ts"], ui_kit: ["libs/ui-kit/src/index.ts"] };
    // Before: `npm test` alone, and a note that `nx run-many -t test` is no script a module's tests can be picked out of.
    expect(discovered(files, modules)).toEqual(["system: npm test (from package.json scripts.test)", "tides: npx nx test tides (from libs/tides/project.json)", "berths: npx nx test berths (from libs/berths/project.json)"]);
    // Without a test script at the root: Nx's own command runs them all.
    expect(discovered({ ...files, "package.json": JSON.stringify({ private: true }) }, modules)[0]).toBe("system: npx nx run-many -t test (from nx.json)");
  });
});

describe("validationOf: Turborepo and pnpm workspaces", () => {
  it("runs a package's tests by its name: npx turbo run test --filter=<name> beside turbo.json, pnpm --filter <name> test beside pnpm-workspace.yaml", () => {
    const files = {
      "package.json": JSON.stringify({ name: "quill", private: true, scripts: { test: "turbo run test" } }),
      "pnpm-workspace.yaml": 'packages: ["packages/*"]\n',
      "packages/ink/package.json": JSON.stringify({ name: "@quill/ink", scripts: { test: "vitest run" } }),
      "packages/nib/package.json": JSON.stringify({ name: "@quill/nib" }),
    };
    const modules = { ink: ["packages/ink/src/index.ts", "packages/ink/src/index.test.ts"], nib: ["packages/nib/src/index.ts"] };
    // Before: no module gate (no `workspaces` in package.json), and a note that `turbo run test` cannot be picked from.
    expect(discovered({ ...files, "turbo.json": "{}" }, modules)).toEqual(["system: npm test (from package.json scripts.test)", "ink: npx turbo run test --filter=@quill/ink (from packages/ink/package.json scripts.test)"]);
    expect(discovered(files, modules)).toEqual(["system: npm test (from package.json scripts.test)", "ink: pnpm --filter @quill/ink test (from packages/ink/package.json scripts.test)"]);
  });
});

describe("validationOf: an npm workspaces monorepo", () => {
  it("runs a module's tests with its package's own script (npm test -w), not the root's with a file every workspace is handed", () => {
    const pkg = (test?: string) => JSON.stringify({ name: "p", ...(test ? { scripts: { test } } : {}) });
    const files = {
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"], scripts: { test: "npm test --workspaces --if-present" } }),
      "packages/money/package.json": pkg("node --test test/"),
      "packages/money/src/index.js": "",
      "packages/money/src/index.test.js": "",
      "packages/ledger/package.json": pkg("node --test test/"),
      "packages/ledger/src/index.js": "",
      "packages/docs/package.json": pkg(),
      "packages/docs/src/index.js": "",
      "packages/docs/src/index.test.js": "",
      "tools/gen.js": "",
      "tools/gen.test.js": "",
    };
    const modules = { money: ["packages/money/src/index.js"], ledger: ["packages/ledger/src/index.js", "packages/ledger/test/ledger.test.js"], docs: ["packages/docs/src/index.js"], gen: ["tools/gen.js"], both: ["packages/money/src/index.js", "packages/ledger/src/index.js"] };
    expect(discovered(files, modules)).toEqual([
      "system: npm test (from package.json scripts.test)",
      "money: npm test -w packages/money (from packages/money/package.json scripts.test)",
      "ledger: npm test -w packages/ledger (from packages/ledger/package.json scripts.test)",
      // A package without a test script, files outside any package, files of two packages: none, since the root's script runs
      // every workspace's own (`npm test -- <file>` handed the file to each of them); the system gate runs them.
    ]);
    // Without workspaces, a package.json below the root is not a workspace's.
    const plain = { ...files, "package.json": JSON.stringify({ scripts: { test: "node --test" } }) };
    expect(discovered(plain, { money: modules.money })).toEqual(["system: npm test (from package.json scripts.test)", "money: npm test -- packages/money/src/index.test.js (from packages/money/src/index.test.js)"]);
  });
});

describe("validationOf: a test script that names its folder", () => {
  const files = (test: string) => ({ "package.json": JSON.stringify({ scripts: { test } }), "src/money.js": "", "src/ledger.js": "", "test/money.test.js": "", "test/ledger.test.js": "" });
  const modules = { money: ["src/money.js"], ledger: ["src/ledger.js"] };

  it("runs node --test on the module's own tests, with the script's options, not the folder and the file (every module's gate ran every test)", () => {
    expect(discovered(files("node --test --test-reporter spec --experimental-test-coverage test/"), modules)).toEqual([
      "system: npm test (from package.json scripts.test)",
      "money: node --test --test-reporter spec --experimental-test-coverage test/money.test.js (from test/money.test.js)",
      "ledger: node --test --test-reporter spec --experimental-test-coverage test/ledger.test.js (from test/ledger.test.js)",
    ]);
  });

  it("hands the files to npm test where the script names no path; runs the build before them where it names one", () => {
    expect(discovered(files("node --test"), modules)[1]).toBe("money: npm test -- test/money.test.js (from test/money.test.js)");
    expect(discovered(files("tsc && node --test dist/"), modules)[1]).toBe("money: npm exec -c 'tsc && node --test test/money.test.js' (from test/money.test.js)");
  });
});

describe("validationOf: a module's own test files", () => {
  it("are its gate before tests named for its files: an owned folder's module, a test named for something else; one not written yet is passed over", () => {
    const files = {
      "pyproject.toml": "[tool.pytest.ini_options]\npythonpath = [\"src\"]\n",
      "src/notes/store/db.py": "",
      "src/notes/cli/main.py": "",
      "tests/test_db.py": "",
      "tests/test_commands.py": "",
      "tests/test_main.py": "",
    };
    const modules = { store: ["src/notes/store/", "tests/test_db.py"], cli: ["src/notes/cli/main.py", "tests/test_later.py", "tests/test_commands.py"] };
    expect(discovered(files, modules)).toEqual([
      "system: python3 -m pytest -q (from pyproject.toml [tool.pytest])",
      "store: python3 -m pytest -q tests/test_db.py (from tests/test_db.py)",
      "cli: python3 -m pytest -q tests/test_commands.py tests/test_main.py (from tests/test_commands.py and 1 more)",
    ]);
  });
});

describe("validationOf: test runners of JVM and Ruby projects", () => {
  it("finds Maven's tests, and a class's test in the mirror of src/main", () => {
    const files = { "pom.xml": "<project/>\n", "src/main/java/com/acme/money/Money.java": "", "src/test/java/com/acme/money/MoneyTest.java": "" };
    expect(discovered(files, { money: ["src/main/java/com/acme/money/Money.java"], cart: ["src/main/java/com/acme/cart/Cart.java"] })).toEqual([
      "system: mvn -B test (from pom.xml)",
      "money: mvn -B test -Dtest=MoneyTest -Dsurefire.failIfNoSpecifiedTests=false (from src/test/java/com/acme/money/MoneyTest.java)",
    ]);
  });

  it("runs every test class a JVM module owns: Maven's `-Dtest=A,B`, Gradle's `--tests A --tests B` on each subproject's task", () => {
    const maven = { "pom.xml": "<project/>\n", "src/test/java/a/MoneyTest.java": "", "src/test/java/a/RateTest.java": "" };
    expect(discovered(maven, { money: ["src/main/java/a/Money.java", "src/test/java/a/MoneyTest.java", "src/test/java/a/RateTest.java"] })).toEqual([
      "system: mvn -B test (from pom.xml)",
      "money: mvn -B test -Dtest=MoneyTest,RateTest -Dsurefire.failIfNoSpecifiedTests=false (from src/test/java/a/MoneyTest.java and 1 more)",
    ]);
    const gradle = { "settings.gradle": "", "build.gradle": "", "core/build.gradle": "", "api/build.gradle": "", "core/src/test/java/a/MoneyTest.java": "", "core/src/test/java/a/RateTest.java": "", "api/src/test/java/a/MoneyApiTest.java": "" };
    expect(discovered(gradle, { money: ["core/src/main/java/a/Money.java", "core/src/test/java/a/MoneyTest.java", "core/src/test/java/a/RateTest.java", "api/src/test/java/a/MoneyApiTest.java"] })).toEqual([
      "system: gradle test (from build.gradle)",
      "money: gradle :core:test --tests MoneyTest --tests RateTest :api:test --tests MoneyApiTest (from core/src/test/java/a/MoneyTest.java and 2 more)",
    ]);
  });

  it("names a Gradle subproject by the path its settings give its folder (`projectDir`), not by the folder's", () => {
    const files = {
      "settings.gradle.kts": 'include(":ledger-core", ":app")\nproject(":ledger-core").projectDir = file("libs/ledger")\n',
      "build.gradle.kts": "",
      gradlew: "",
      "libs/ledger/build.gradle.kts": "",
      "libs/ledger/src/test/kotlin/a/LedgerTest.kt": "",
      "app/build.gradle.kts": "",
      "app/src/test/kotlin/a/MainTest.kt": "",
    };
    // Before: `./gradlew :libs:ledger:test ...`, a task of no project, which fails.
    expect(discovered(files, { ledger: ["libs/ledger/src/main/kotlin/a/Ledger.kt", "libs/ledger/src/test/kotlin/a/LedgerTest.kt"], main: ["app/src/main/kotlin/a/Main.kt", "app/src/test/kotlin/a/MainTest.kt"] })).toEqual([
      "system: ./gradlew test (from build.gradle.kts)",
      "ledger: ./gradlew :ledger-core:test --tests LedgerTest (from libs/ledger/src/test/kotlin/a/LedgerTest.kt)",
      "main: ./gradlew :app:test --tests MainTest (from app/src/test/kotlin/a/MainTest.kt)",
    ]);
  });

  it("builds only a Maven module's own reactor modules and what they need (-pl <folder> -am), not the whole multi-module build", () => {
    const files = {
      "pom.xml": "<project><modules><module>money</module><module>ledger</module><module>app</module></modules></project>\n",
      "money/pom.xml": "<project/>\n",
      "ledger/pom.xml": "<project/>\n",
      "services/billing/pom.xml": "<project/>\n",
      "money/src/test/java/a/MoneyTest.java": "",
      "ledger/src/test/java/a/LedgerTest.java": "",
      "services/billing/src/test/java/a/InvoiceTest.java": "",
      "src/test/java/a/RootTest.java": "",
    };
    const modules = {
      money: ["money/src/main/java/a/Money.java", "money/src/test/java/a/MoneyTest.java"],
      books: ["ledger/src/main/java/a/Ledger.java", "ledger/src/test/java/a/LedgerTest.java", "services/billing/src/test/java/a/InvoiceTest.java"],
      // A test of the root's own sources: the root project is no `-pl` folder, so the whole reactor runs.
      mixed: ["money/src/main/java/a/Rate.java", "src/test/java/a/RootTest.java", "money/src/test/java/a/RateTest.java"],
    };
    expect(discovered(files, modules).slice(1)).toEqual([
      "money: mvn -B test -pl money -am -Dtest=MoneyTest -Dsurefire.failIfNoSpecifiedTests=false (from money/src/test/java/a/MoneyTest.java)",
      "books: mvn -B test -pl ledger,services/billing -am -Dtest=LedgerTest,InvoiceTest -Dsurefire.failIfNoSpecifiedTests=false (from ledger/src/test/java/a/LedgerTest.java and 1 more)",
      "mixed: mvn -B test -Dtest=RootTest -Dsurefire.failIfNoSpecifiedTests=false (from src/test/java/a/RootTest.java)",
    ]);
  });

  it("gives Maven's and Gradle's discovered commands an offline form, the flag after the program, in a sub-project's folder too", () => {
    const offline = (files: Record<string, string>, modules: Record<string, string[]>) =>
      validationOf(makeProject(files), spec(modules), {}).discovered.map((d) => `${d.target}: ${d.check.offline}`);
    expect(offline({ "pom.xml": "<project/>\n", "src/test/java/a/MoneyTest.java": "" }, { money: ["src/main/java/a/Money.java"] })).toEqual([
      "system: mvn -o -B test",
      "money: mvn -o -B test -Dtest=MoneyTest -Dsurefire.failIfNoSpecifiedTests=false",
    ]);
    expect(offline({ "api/build.gradle": "", "api/src/test/java/a/CartTest.java": "" }, { cart: ["api/src/main/java/a/Cart.java"] })).toEqual([
      "system: cd api && gradle --offline test",
      "cart: cd api && gradle --offline test --tests CartTest",
    ]);
    // Cargo and Go go offline through the variables the sandbox sets: no second command.
    expect(offline({ "go.mod": "module x\n" }, {})).toEqual(["system: undefined"]);
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

  it("runs a crate still to be written by its manifest's path, which fails until the workspace's members list it", () => {
    const files = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/units"]\n',
      "crates/units/Cargo.toml": '[package]\nname = "units"\n',
      "crates/units/src/lib.rs": "",
    };
    // Before: no module gate, so an implement attempt was done with nothing run, and the root's `cargo test` never built a crate left out of the members.
    const modules = { invoice: ["crates/invoice/src/lib.rs", "crates/invoice/Cargo.toml"], ledger: ["crates/ledger/src/lib.rs"], units: ["crates/units/src/lib.rs"], odd: ["src/a.rs", "crates/b/src/b.rs"] };
    expect(discovered(files, modules)).toEqual([
      "system: cargo test (from Cargo.toml)",
      "invoice: cargo test --manifest-path crates/invoice/Cargo.toml (from crates/invoice/Cargo.toml, once written)",
      "ledger: cargo test --manifest-path crates/ledger/Cargo.toml (from crates/ledger/Cargo.toml, once written)",
      "units: cargo test -p units (from crates/units/Cargo.toml)",
    ]);
  });

  it("a part of a crate owning the crate's integration tests runs them by target after its own unit tests", () => {
    const files = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
      "crates/till-core/Cargo.toml": '[package]\nname = "till-core"\nversion = "0.1.0"\n',
      "crates/till-core/src/lib.rs": "pub mod journal;\n",
      "crates/till-core/src/journal/mod.rs": "",
      "crates/till-core/tests/posting.rs": "",
      "crates/till-core/tests/closing.rs": "",
    };
    const modules = { journal: ["crates/till-core/src/journal/mod.rs", "crates/till-core/tests/posting.rs", "crates/till-core/tests/closing.rs"], till_core: ["crates/till-core/src/lib.rs"] };
    expect(discovered(files, modules)).toEqual([
      "system: cargo test (from Cargo.toml)",
      "journal: cargo test -p till-core journal:: && cargo test -p till-core --test posting --test closing (from crates/till-core/Cargo.toml)",
      "till_core: cargo test -p till-core (from crates/till-core/Cargo.toml)",
    ]);
  });

  it("finds Gradle's tests through the wrapper when there is one (Kotlin sources)", () => {
    const files = { "build.gradle.kts": "", gradlew: "#!/bin/sh\n", "app/src/main/kotlin/shop/Cart.kt": "", "app/src/test/kotlin/shop/CartTest.kt": "" };
    expect(discovered(files, { cart: ["app/src/main/kotlin/shop/Cart.kt"] })).toEqual([
      "system: ./gradlew test (from build.gradle.kts)",
      "cart: ./gradlew test --tests CartTest (from app/src/test/kotlin/shop/CartTest.kt)",
    ]);
  });

  it("runs a Gradle source set's tests in its own task, and Android's instrumented tests (a device's) in none", () => {
    const files = { "settings.gradle.kts": "", "build.gradle.kts": "", gradlew: "", "app/build.gradle.kts": "", "app/src/androidTest/java/a/MainActivityTest.kt": "", "app/src/test/java/a/HomeTest.kt": "", "core/build.gradle.kts": "", "core/src/integrationTest/kotlin/a/StoreIntegrationTest.kt": "" };
    const plan = validationOf(makeProject(files), spec({ app: ["app/src/main/java/a/MainActivity.kt", "app/src/androidTest/java/a/MainActivityTest.kt"], home: ["app/src/main/java/a/Home.kt", "app/src/test/java/a/HomeTest.kt", "app/src/androidTest/java/a/MainActivityTest.kt"], store: ["core/src/main/kotlin/a/Store.kt", "core/src/integrationTest/kotlin/a/StoreIntegrationTest.kt"] }), {});
    // Before: `./gradlew :app:test --tests MainActivityTest`, which fails for finding no such test; the integration test in `test`, likewise.
    expect(plan.discovered.filter((d) => d.level === "module").map((d) => `${d.target}: ${d.check.run}`)).toEqual(["home: ./gradlew :app:test --tests HomeTest", "store: ./gradlew :core:integrationTest --tests StoreIntegrationTest"]);
    expect(plan.notes).toEqual(["module gates: none from build.gradle.kts: Android's instrumented tests (src/androidTest/) run on a device, not in a gate; the system gate runs the whole script"]);
  });

  it("finds RSpec with a Gemfile, and minitest through the Rakefile", () => {
    const rspec = { Gemfile: "", "lib/shop/cart.rb": "", "spec/shop/cart_spec.rb": "" };
    expect(discovered(rspec, { cart: ["lib/shop/cart.rb"] })).toEqual(["system: bundle exec rspec (from spec/)", "cart: bundle exec rspec spec/shop/cart_spec.rb (from spec/shop/cart_spec.rb)"]);
    const minitest = { Rakefile: "", "lib/money.rb": "", "test/money_test.rb": "" };
    expect(discovered(minitest, { money: ["lib/money.rb"] })).toEqual(["system: rake test (from Rakefile)", "money: ruby -Itest test/money_test.rb (from test/money_test.rb)"]);
  });
});

describe("validationOf: Django projects", () => {
  const MANAGE = 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n';
  const DJANGO = {
    "manage.py": MANAGE,
    "requirements.txt": "django>=4.2\n",
    "mysite/settings.py": "INSTALLED_APPS = []\n",
    "shop/apps.py": "",
    "shop/models.py": "",
    "shop/tests.py": "",
    "apps/billing/apps.py": "",
    "apps/billing/invoice.py": "",
  };
  const MODULES = { shop: ["shop/models.py", "shop/tests.py"], billing: ["apps/billing/invoice.py"], settings: ["mysite/settings.py"] };

  it("runs manage.py test, and a module's apps by their dotted labels", () => {
    // Before: no runner (the apps' tests are not in a tests/ folder), so nothing but the agent's word validated a module.
    expect(discovered(DJANGO, MODULES)).toEqual([
      "system: python3 manage.py test (from manage.py (Django))",
      "shop: python3 manage.py test shop (from shop/apps.py)",
      "billing: python3 manage.py test apps.billing (from apps/billing/apps.py)",
    ]);
  });

  it("leaves a project that configured pytest (pytest-django) to pytest", () => {
    expect(discovered({ ...DJANGO, "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = mysite.settings\n" }, MODULES)[0]).toBe("system: python3 -m pytest -q (from pytest.ini)");
  });

  it("takes a manage.py that is not Django's for no Django project", () => {
    expect(discovered({ ...DJANGO, "manage.py": "print('tasks')\n" }, MODULES).some((d) => d.includes("manage.py test"))).toBe(false);
  });
});

describe("validationOf: a repository of several projects", () => {
  const REPO = {
    "README.md": "# shop\n",
    "backend/manage.py": 'from django.core.management import execute_from_command_line\n',
    "backend/shop/apps.py": "",
    "backend/shop/models.py": "",
    "frontend/package.json": JSON.stringify({ name: "web", scripts: { test: "jest" } }),
    "frontend/lib/products.ts": "",
    "frontend/__tests__/products.test.ts": "",
    "services/billing/go.mod": "module example.com/billing\n",
    "services/billing/invoice.go": "",
    "services/billing/invoice_test.go": "",
    "docs/package.json": JSON.stringify({ scripts: { test: "docs-lint" } }),
  };
  const MODULES = { shop: ["backend/shop/models.py"], products: ["frontend/lib/products.ts"], invoice: ["services/billing/invoice.go"], readme: ["README.md"] };

  it("runs each project's tests in its folder, and a module's in the project holding its files", () => {
    // Before: the root has no build file, so nothing validated a run on such a repository.
    expect(discovered(REPO, MODULES)).toEqual([
      "system: cd backend && python3 manage.py test (from backend/manage.py (Django))",
      "shop: cd backend && python3 manage.py test shop (from backend/shop/apps.py)",
      "system: cd frontend && npm test (from frontend/package.json scripts.test)",
      "products: cd frontend && npm test -- __tests__/products.test.ts (from frontend/__tests__/products.test.ts)",
      "system: cd services/billing && go test ./... (from services/billing/go.mod)",
      "invoice: cd services/billing && go test ./ (from services/billing/invoice_test.go)",
    ]);
  });

  it("keeps the root's runner for the projects of its toolchain, and runs those of another toolchain in their folders", () => {
    const found = discovered({ ...REPO, "package.json": JSON.stringify({ scripts: { test: "turbo test" } }) }, MODULES);
    expect(found).toEqual([
      "system: npm test (from package.json scripts.test)",
      // frontend/ is a package of the root's toolchain: the root's script runs it (here one no module's tests can be picked out of).
      "system: cd backend && python3 manage.py test (from backend/manage.py (Django))",
      "shop: cd backend && python3 manage.py test shop (from backend/shop/apps.py)",
      "system: cd services/billing && go test ./... (from services/billing/go.mod)",
      "invoice: cd services/billing && go test ./ (from services/billing/invoice_test.go)",
    ]);
  });

  it("gives a module still to be written (none of its files on disk) the gate of the tests its spec names; a written module's missing test, none", () => {
    const files = { "go.mod": "module example.com/shipyard\n", "internal/money/money.go": "package money\n", "tests/test_rates.py": "" };
    const modules = {
      discount: ["internal/discount/discount.go", "internal/discount/discount_test.go"],
      money: ["internal/money/money.go", "internal/money/money_test.go"],
    };
    // Before: no module gate for discount, which an implement run then finished with its tests never run.
    expect(discovered(files, modules)).toEqual(["system: go test ./... (from go.mod)", "discount: go test ./internal/discount/ (from internal/discount/discount_test.go)"]);
    const python = { "pytest.ini": "[pytest]\n", "tests/test_money.py": "" };
    expect(discovered(python, { rates: ["shop/rates.py", "tests/test_rates.py"], fx: ["shop/fx.py"] })).toEqual([
      "system: python3 -m pytest -q (from pytest.ini)",
      "rates: python3 -m pytest -q tests/test_rates.py (from tests/test_rates.py)",
    ]);
  });

  it("gives a module beside a root go.mod the gate of its own files' toolchain, not `go test ./web/src/`", () => {
    const files = {
      "go.mod": "module example.com/tally\n",
      "cmd/tally/main.go": "package main\n",
      "cmd/tally/main_test.go": "package main\n",
      "web/package.json": JSON.stringify({ name: "web", scripts: { test: "vitest run" } }),
      "web/src/label.ts": "",
      "web/src/label.test.ts": "",
    };
    expect(discovered(files, { tally: ["cmd/tally/main.go"], label: ["web/src/label.ts"] })).toEqual([
      "system: go test ./... (from go.mod)",
      "tally: go test ./cmd/tally/ (from cmd/tally/main_test.go)",
      "system: cd web && npm test (from web/package.json scripts.test)",
      "label: cd web && npm test -- src/label.test.ts (from web/src/label.test.ts)",
    ]);
  });

  it("takes a root Makefile's test target for the system gate only: the modules' gates are their projects'", () => {
    const files = {
      Makefile: "test:\n\tcd web && npm test\n\tcd api && python3 -m unittest discover -s tests -t .\n",
      "web/package.json": JSON.stringify({ name: "web", scripts: { test: "vitest run" } }),
      "web/src/label.ts": "",
      "web/src/label.test.ts": "",
      "api/setup.py": "",
      "api/rates/convert.py": "",
      "api/tests/test_convert.py": "",
    };
    // Before: `make test` alone, and no module gate.
    expect(discovered(files, { label: ["web/src/label.ts"], convert: ["api/rates/convert.py"] })).toEqual([
      "system: make test (from Makefile (test:))",
      expect.stringMatching(/^convert: cd api && python3 -m (?:pytest -q|unittest) tests\/test_convert.py \(from api\/tests\/test_convert.py\)$/),
      "label: cd web && npm test -- src/label.test.ts (from web/src/label.test.ts)",
    ]);
  });
});
