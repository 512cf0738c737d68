import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { validationOf, type DiscoverySpec } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";
import { csproj, SHOP, SOLUTION } from "../helpers/langs.js";

function spec(modules: Record<string, string[]>): DiscoverySpec {
  return { layers: ["core"], modules: Object.entries(modules).map(([id, files]) => ({ id, files })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
}

/** The discovered command of each level and target, as `plan` lists them. */
function discovered(files: Record<string, string> | string, modules: Record<string, string[]>): string[] {
  const root = typeof files === "string" ? files : makeProject(files);
  return validationOf(root, spec(modules), {}).discovered.map((d) => `${d.target}: ${d.check.run} (from ${d.from})`);
}

const GUARD = "{ test -d build || { mkdir build && echo '*' >build/.gitignore; }; } && ";
const CTEST = "cmake -S . -B build && cmake --build build && cd build && ctest --output-on-failure";

/** A firmware as `init --from-code` leaves it: tests attached to the module they test, some in tests/CMakeLists.txt. */
const FIRMWARE: Record<string, string> = {
  "CMakeLists.txt": "cmake_minimum_required(VERSION 3.13)\nproject(fw C)\n# tests below\ninclude(CTest)\nadd_library(fw src/uart.c src/ring.c src/hal.c)\nadd_subdirectory(tests)\n",
  "tests/CMakeLists.txt": [
    "add_executable(uart_tests test_uart.c)",
    "add_test(NAME uart COMMAND uart_tests)",
    'add_executable(ring_tests "${CMAKE_CURRENT_SOURCE_DIR}/ring_test.cpp")',
    "add_test(ring_all ring_tests --all)",
    "foreach(t hal)",
    "  add_executable(test_${t} test_${t}.c)",
    "  add_test(NAME ${t} COMMAND test_${t})",
    "endforeach()",
    "",
  ].join("\n"),
  "src/uart.c": "",
  "src/uart.h": "",
  "src/ring.c": "",
  "src/hal.c": "",
  "tests/test_uart.c": "",
  "tests/ring_test.cpp": "",
  "tests/test_hal.c": "",
};

describe("validationOf: C and C++ projects", () => {
  it("CMake with testing on: configure, build and ctest in build/; a module's ctest tests are those built from its tests", () => {
    const modules = { uart: ["src/uart.c", "src/uart.h", "tests/test_uart.c"], ring: ["src/ring.c"], hal: ["src/hal.c"], docs: ["README.md"] };
    expect(discovered(FIRMWARE, modules)).toEqual([
      `system: ${GUARD}${CTEST} (from CMakeLists.txt (include(CTest)))`,
      // attached by init --from-code; found by name from src/ring.c (tests/ring_test.cpp); hal's test is named in a foreach, unrolled
      `uart: ${GUARD}${CTEST} -R '^(uart)$' (from tests/test_uart.c)`,
      `ring: ${GUARD}${CTEST} -R '^(ring_all)$' (from tests/ring_test.cpp)`,
      `hal: ${GUARD}${CTEST} -R '^(hal)$' (from tests/test_hal.c)`,
    ]);
  });

  it("a test named as its file is found without its executable's sources; regex characters in a name are escaped", () => {
    const files = { "CMakeLists.txt": "enable_testing()\nadd_test(NAME test_uart COMMAND sh run.sh)\nadd_test(NAME c++.parse COMMAND parse)\nadd_executable(parse tests/test_parse.cpp)\n", "src/uart.c": "", "tests/test_uart.c": "", "src/parse.cpp": "", "tests/test_parse.cpp": "" };
    expect(discovered(files, { uart: ["src/uart.c"], parse: ["src/parse.cpp"] }).slice(1)).toEqual([
      `uart: ${GUARD}${CTEST} -R '^(test_uart)$' (from tests/test_uart.c)`,
      `parse: ${GUARD}${CTEST} -R '^(c\\+\\+\\.parse)$' (from tests/test_parse.cpp)`,
    ]);
  });

  it("no `.gitignore` written in a build/ that git ignores already", () => {
    const root = makeProject({ "CMakeLists.txt": "enable_testing()\n", ".gitignore": "/build/\n" });
    execFileSync("git", ["init", "-q"], { cwd: root });
    expect(discovered(root, {})).toEqual([`system: ${CTEST} (from CMakeLists.txt (enable_testing()))`]);
  });

  it("CMake without testing, and a Makefile: `make test`, else `make check`; no module gates", () => {
    expect(discovered({ "CMakeLists.txt": "project(x C)\n# enable_testing()\n", "src/a.c": "", "tests/test_a.c": "" }, { a: ["src/a.c"] })).toEqual([]);
    const make = (text: string) => discovered({ Makefile: text, "src/a.c": "", "tests/test_a.c": "" }, { a: ["src/a.c"] });
    expect(make("CFLAGS := -O2\n.PHONY: all test\nall: app\ntest: all\n\t./run-tests\n")).toEqual(["system: make test (from Makefile (test:))"]);
    expect(make("all check: app\n\t./t\n")).toEqual(["system: make check (from Makefile (check:))"]);
    expect(make(".PHONY: test\ntest := 1\n\ttest: not a rule\n")).toEqual([]);
    expect(discovered({ GNUmakefile: "test:\n\ttrue\n", Makefile: "" }, {})).toEqual(["system: make test (from GNUmakefile (test:))"]);
  });

  it("a Python project's Makefile and CMakeLists.txt (pybind11's) leave its tests to pytest; with no Python tests, CMake runs them", () => {
    const python = { "pytest.ini": "[pytest]\n", Makefile: "test:\n\tpytest\n", "CMakeLists.txt": "enable_testing()\n" };
    expect(discovered(python, {})).toEqual(["system: python3 -m pytest -q (from pytest.ini)"]);
    expect(discovered({ "requirements.txt": "", "scripts/flash.py": "", "CMakeLists.txt": "enable_testing()\n" }, {})).toEqual([`system: ${GUARD}${CTEST} (from CMakeLists.txt (enable_testing()))`]);
  });
});

describe("validationOf: .NET projects", () => {
  const modules = {
    domain: ["src/Shop.Domain/MoneyMath.cs", "src/Shop.Domain/Cart.cs", "src/Shop.Domain/Money.cs", "tests/Shop.Domain.Tests/MoneyTests.cs"],
    infrastructure: ["src/Shop.Infrastructure/CartStore.cs"],
    api: ["src/Shop.Api/Controllers/CheckoutController.cs", "src/Shop.Api/Program.cs"],
  };
  const more = {
    "tests/Shop.Domain.Tests/CartTests.cs": "namespace Shop.Domain.Tests\n{\n    public class CartTests { }\n}\n",
    "tests/Shop.Api.Tests/Controllers/CheckoutControllerTests.cs": "namespace Shop.Api.Tests.Controllers;\n",
  };

  it("a solution with test projects: `dotnet test`; a module's test classes in their test project, by the files it owns or by name", () => {
    expect(discovered({ ...SOLUTION, ...more }, modules)).toEqual([
      "system: dotnet test (from Shop.sln (test projects: Shop.Api.Tests, Shop.Domain.Tests))",
      // MoneyTests.cs attached; CartTests.cs found from Cart.cs in the test project named for Shop.Domain
      "domain: dotnet test tests/Shop.Domain.Tests/Shop.Domain.Tests.csproj --filter 'FullyQualifiedName~Shop.Domain.Tests.CartTests.|FullyQualifiedName~Shop.Domain.Tests.MoneyTests.' (from tests/Shop.Domain.Tests/CartTests.cs)",
      // by name in the mirror of its folder: Controllers/CheckoutController.cs
      "api: dotnet test tests/Shop.Api.Tests/Shop.Api.Tests.csproj --filter FullyQualifiedName~Shop.Api.Tests.Controllers.CheckoutControllerTests. (from tests/Shop.Api.Tests/Controllers/CheckoutControllerTests.cs)",
    ]);
  });

  it("test projects known by their packages; no solution at the root runs each; none at all is no .NET runner", () => {
    const xunit = '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="xunit" Version="2.9.0" />\n  </ItemGroup>\n</Project>\n';
    const files = { "App/App.csproj": csproj, "App/Clock.cs": "namespace App;\n", "Checks/Checks.csproj": xunit, "Checks/ClockTests.cs": "namespace Checks;\n", "Specs/Specs.csproj": '<Project Sdk="MSTest.Sdk/3.6.0">\n</Project>\n' };
    expect(discovered(files, { app: ["App/Clock.cs"] })).toEqual(["system: dotnet test Checks/Checks.csproj && dotnet test Specs/Specs.csproj (from Checks/Checks.csproj, Specs/Specs.csproj)"]);
    expect(discovered({ "App.sln": "", "App.csproj": csproj, "Clock.cs": "" }, { app: ["Clock.cs"] })).toEqual([]);
    const many = Object.fromEntries(["A", "B", "C", "D", "E"].map((n) => [`${n}.Tests/${n}.Tests.csproj`, csproj]));
    expect(discovered({ "App.sln": "", ...many }, {})).toEqual(["system: dotnet test (from App.sln (test projects: A.Tests, B.Tests, C.Tests and 2 more))"]);
    // A solution beside a project at the root: `dotnet test` alone would not know which.
    expect(discovered({ "App.sln": "", "App.csproj": csproj, "App.Tests/App.Tests.csproj": xunit }, {})).toEqual(["system: dotnet test App.sln (from App.sln (test projects: App.Tests))"]);
  });
});

describe("validationOf: PHP projects", () => {
  const composer = (dev: Record<string, string>) => JSON.stringify({ ...JSON.parse(SHOP["composer.json"]!), "require-dev": dev });
  const files = { ...SHOP, "tests/Domain/CartTest.php": "<?php\n", "tests/Unit/Service/CheckoutServiceTest.php": "<?php\n" };
  const modules = { domain: ["src/Domain/Cart.php", "src/Domain/Money.php", "tests/Domain/MoneyTest.php"], service: ["src/Service/CheckoutService.php"], routes: ["config/routes.php"] };

  it("PHPUnit from composer.json: one test file by its path, more filtered to their classes", () => {
    expect(discovered({ ...files, "composer.json": composer({ "phpunit/phpunit": "^10.5" }) }, modules)).toEqual([
      "system: vendor/bin/phpunit (from composer.json (phpunit/phpunit))",
      // MoneyTest.php attached by init --from-code; CartTest.php by name from src/Domain/Cart.php
      "domain: vendor/bin/phpunit --filter '(CartTest|MoneyTest)::' (from tests/Domain/CartTest.php)",
      "service: vendor/bin/phpunit tests/Unit/Service/CheckoutServiceTest.php (from tests/Unit/Service/CheckoutServiceTest.php)",
    ]);
  });

  it("Pest runs each file; a phpunit.xml.dist alone is PHPUnit; composer.json without either is no runner", () => {
    expect(discovered({ ...files, "composer.json": composer({ "pestphp/pest": "^2.0", "phpunit/phpunit": "^10.5" }) }, modules)).toEqual([
      "system: vendor/bin/pest (from composer.json (pestphp/pest))",
      "domain: vendor/bin/pest tests/Domain/CartTest.php && vendor/bin/pest tests/Domain/MoneyTest.php (from tests/Domain/CartTest.php)",
      "service: vendor/bin/pest tests/Unit/Service/CheckoutServiceTest.php (from tests/Unit/Service/CheckoutServiceTest.php)",
    ]);
    expect(discovered({ ...SHOP, "phpunit.xml.dist": "<phpunit/>\n" }, {})).toEqual(["system: vendor/bin/phpunit (from phpunit.xml.dist)"]);
    expect(discovered(SHOP, modules)).toEqual([]);
  });
});

describe("validationOf: a Bazel workspace", () => {
  const LIGHTHOUSE = {
    "MODULE.bazel": 'module(name = "lighthouse")\n',
    "pyproject.toml": "[project]\nname = \"lighthouse\"\n",
    "BUILD.bazel": "",
    "beacon/core/BUILD.bazel": 'py_test(name = "lamp_test", srcs = ["lamp_test.py"])\n',
    "beacon/core/lamp.py": "class Lamp: ...\n",
    "beacon/core/lamp_test.py": "from beacon.core.lamp import Lamp\n",
    "beacon/keeper/main.py": "from beacon.core.lamp import Lamp\n",
    "beacon/keeper/tests/main_test.py": "from beacon.keeper.main import *\n",
  };

  it("runs `bazel test //...`, and a module's tests by their Bazel package (the nearest BUILD file), before a pyproject.toml's pytest", () => {
    // Before: `python3 -m pytest` from the pyproject.toml, which does not build what the BUILD files declare.
    expect(discovered(LIGHTHOUSE, { lamp: ["beacon/core/lamp.py", "beacon/core/lamp_test.py"], keeper: ["beacon/keeper/main.py", "beacon/keeper/tests/main_test.py"] })).toEqual([
      "system: bazel test //... (from MODULE.bazel)",
      "lamp: bazel test //beacon/core:all (from beacon/core/lamp_test.py)",
      // beacon/keeper/ has no BUILD file: the root's package holds it.
      "keeper: bazel test //:all (from beacon/keeper/tests/main_test.py)",
    ]);
  });
});
