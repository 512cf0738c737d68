import { describe, expect, it } from "vitest";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";
const SYSTEM = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, infra, web.\n" };

function violations(files: Record<string, string>, modules: string[]): string[] {
  const spec = loadSpec(makeProject({ ...SYSTEM, ...files }));
  return checkArchitecture(spec, spec.system.layerOrder, { modules }).map((v) => `${v.file}:${v.line}: ${v.message}`);
}

describe("checkArchitecture: C#", () => {
  const specs = {
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `Shop.Web`\n",
    [`${L}/core/modules/DOMAIN_AGENT.md`]: moduleSpec({ module: "src/Shop.Domain/Money.cs" }),
    [`${L}/infra/modules/STORE_AGENT.md`]: moduleSpec({ module: "src/Shop.Store/CartStore.cs" }),
    [`${L}/web/modules/WEB_AGENT.md`]: moduleSpec({ module: "src/Shop.Web/Api.cs" }),
    "src/Shop.Store/CartStore.cs": "using Shop.Domain;\n\nnamespace Shop.Store\n{\n    public class CartStore { }\n}\n",
    "src/Shop.Web/Api.cs": "using Shop.Domain;\nusing Shop.Store;\n\nnamespace Shop.Web;\n\npublic class Api { }\n",
  };

  it("reports a using of a forbidden namespace and of a later layer's (global, static, alias), ignoring comments, strings, the BCL and `using var`", () => {
    const money = [
      "using System;",
      "// using Shop.Web;",
      "/* using Shop.Store; */",
      "global using Shop.Web;",
      "using static Shop.Store.CartStore;",
      "using Db = Shop.Store.CartStore;",
      "using Newtonsoft.Json;",
      "",
      "namespace Shop.Domain;",
      "",
      "public class Money",
      "{",
      '    const string Doc = @"',
      "using Shop.Web;",
      '";',
      "    void Run() { using var s = new System.IO.MemoryStream(); }",
      "}",
    ].join("\n");
    expect(violations({ ...specs, "src/Shop.Domain/Money.cs": money }, ["domain", "store", "web"])).toEqual([
      `src/Shop.Domain/Money.cs:4: imports \`Shop.Web\`, forbidden for layer core by \`Shop.Web\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `src/Shop.Domain/Money.cs:5: imports \`Shop.Store.CartStore\` (module store, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
      `src/Shop.Domain/Money.cs:6: imports \`Shop.Store.CartStore\` (module store, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
    ]);
  });

  it("passes a tree whose usings keep the layer order", () => {
    expect(violations({ ...specs, "src/Shop.Domain/Money.cs": "using System;\nnamespace Shop.Domain;\npublic class Money { }\n" }, ["domain", "store", "web"])).toEqual([]);
  });
});

describe("checkArchitecture: PHP", () => {
  const specs = {
    "composer.json": JSON.stringify({ autoload: { "psr-4": { "App\\": "src/" } } }),
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `App\\Http`\n",
    [`${L}/core/modules/DOMAIN_AGENT.md`]: moduleSpec({ module: "src/Domain/Money.php" }),
    [`${L}/infra/modules/REPO_AGENT.md`]: moduleSpec({ module: "src/Repo/MoneyRepo.php", related: ["src/Repo/functions.php"] }),
    [`${L}/web/modules/HTTP_AGENT.md`]: moduleSpec({ module: "src/Http/Controller.php" }),
    "src/Repo/MoneyRepo.php": "<?php\nnamespace App\\Repo;\nuse App\\Domain\\Money;\nclass MoneyRepo {}\n",
    "src/Repo/functions.php": "<?php\nnamespace App\\Repo;\nfunction load(): void {}\n",
    "src/Http/Controller.php": "<?php\nnamespace App\\Http;\nclass Controller {}\n",
  };

  it("reports a use of a forbidden namespace and of a later layer's class (grouped, function) and a require of its file, ignoring comments, strings and packages", () => {
    const money = [
      "<?php",
      "namespace App\\Domain;",
      "",
      "use App\\Http\\Controller;",
      "use App\\Repo\\{MoneyRepo, Other};",
      "use function App\\Repo\\load;",
      "use Psr\\Log\\LoggerInterface;",
      "// use App\\Http\\Controller;",
      "# use App\\Http\\Controller;",
      "require_once __DIR__ . '/../Repo/functions.php';",
      "",
      "class Money {",
      "    const Q = 'use App\\Http\\Controller;';",
      "    public function f() { return function () use ($x) {}; }",
      "}",
    ].join("\n");
    expect(violations({ ...specs, "src/Domain/Money.php": money }, ["domain", "repo", "http"])).toEqual([
      `src/Domain/Money.php:4: imports \`App\\Http\\Controller\`, forbidden for layer core by \`App\\Http\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `src/Domain/Money.php:5: imports \`App\\Repo\\MoneyRepo\` (module repo, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
      `src/Domain/Money.php:6: imports \`App\\Repo\\load\` (module repo, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
      `src/Domain/Money.php:10: imports \`../Repo/functions.php\` (module repo, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
    ]);
  });

  it("passes a tree whose uses keep the layer order", () => {
    expect(violations({ ...specs, "src/Domain/Money.php": "<?php\nnamespace App\\Domain;\nuse Psr\\Log\\LoggerInterface;\nclass Money {}\n" }, ["domain", "repo", "http"])).toEqual([]);
  });
});

describe("checkArchitecture: C and C++", () => {
  const specs = {
    "CMakeLists.txt": "add_library(drivers src/drivers/uart.c)\ntarget_include_directories(drivers PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src/drivers)\n",
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `src/app/`\n",
    [`${L}/core/modules/RING_AGENT.md`]: moduleSpec({ module: "src/util/ring.c", related: ["include/util/ring.h"] }),
    [`${L}/infra/modules/UART_AGENT.md`]: moduleSpec({ module: "src/drivers/uart.c", related: ["src/drivers/uart.h"] }),
    [`${L}/web/modules/APP_AGENT.md`]: moduleSpec({ module: "src/app/main.cpp", related: ["src/app/app.hpp"] }),
    "include/util/ring.h": "int ring_push(int);\n",
    "src/drivers/uart.h": "int uart_write(const char *);\n",
    "src/drivers/uart.c": '#include "uart.h"\n#include "util/ring.h"\n',
    "src/app/app.hpp": "#pragma once\n",
    "src/app/main.cpp": '#include "app.hpp"\n#include "uart.h"\n',
  };

  it("reports an include of a forbidden folder and of a later layer's header (through CMake's include folders), ignoring <...>, comments and strings", () => {
    const ring = ['#include "util/ring.h"', "#include <stdlib.h>", '// #include "uart.h"', '#include "../app/app.hpp"', '#include "uart.h"', 'const char *s = "#include \\"uart.h\\"";', "#include <uart.h>"].join("\n");
    expect(violations({ ...specs, "src/util/ring.c": ring }, ["ring", "uart", "app"])).toEqual([
      `src/util/ring.c:4: imports \`../app/app.hpp\`, forbidden for layer core by \`src/app/\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `src/util/ring.c:5: imports \`uart.h\` (module uart, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
    ]);
  });

  it("passes a tree whose includes keep the layer order", () => {
    expect(violations({ ...specs, "src/util/ring.c": '#include "util/ring.h"\n#include <stdio.h>\n' }, ["ring", "uart", "app"])).toEqual([]);
  });
});

describe("checkArchitecture: Vue and Svelte components", () => {
  const specs = {
    [`${L}/core/modules/DOMAIN_AGENT.md`]: moduleSpec({ module: "src/domain/money.ts" }),
    [`${L}/infra/modules/API_AGENT.md`]: moduleSpec({ module: "src/api/client.ts" }),
    [`${L}/web/modules/UI_AGENT.md`]: moduleSpec({ module: "src/ui/" }),
    "src/domain/money.ts": "export const cents = (n: number) => n * 100;\n",
    "src/api/client.ts": "export const get = () => fetch('/cart');\n",
    "src/ui/Btn.vue": "<template>\n  <button><slot /></button>\n</template>\n",
  };

  it("reads a component's <script setup lang=\"ts\"> and a Svelte module script, at their lines in the file; markup that reads as a comment opener hides nothing", () => {
    const badge = [
      "<template>",
      "  <p>See docs/*.md, don't pay twice</p>",
      "</template>",
      "",
      '<script setup lang="ts">',
      'import Btn from "./Btn.vue";',
      'import { cents } from "../domain/money";',
      "</script>",
    ].join("\n");
    const total = [
      '<script context="module" lang="ts">',
      '  import { get } from "../api/client";',
      "</script>",
      "",
      "<script>",
      '  import Badge from "./Badge.vue";',
      "</script>",
      "",
      "<p>It's {total}</p>",
    ].join("\n");
    // The domain module imports the UI (a component, `./Btn.vue` resolved), and the API's client is read from the Svelte file.
    const files = { ...specs, "src/ui/Badge.vue": badge, "src/ui/Total.svelte": total, "src/domain/money.ts": 'import Btn from "../ui/Btn.vue";\nexport const cents = (n: number) => n * 100;\n' };
    expect(violations({ ...files, [`${L}/web/WEB_ORCHESTRATOR.md`]: "# Web\n\n### Forbidden Imports\n- `src/api`\n- `domain`\n" }, ["domain", "ui"])).toEqual([
      "src/domain/money.ts:1: imports `../ui/Btn.vue` (module ui, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
      `src/ui/Badge.vue:7: imports \`../domain/money\`, forbidden for layer web by \`domain\` (${L}/web/WEB_ORCHESTRATOR.md:5)`,
      `src/ui/Total.svelte:2: imports \`../api/client\`, forbidden for layer web by \`src/api\` (${L}/web/WEB_ORCHESTRATOR.md:4)`,
    ]);
  });
});

describe("checkArchitecture: Swift", () => {
  const manifest = [
    "// swift-tools-version:5.9",
    "import PackageDescription",
    "let package = Package(",
    '    name: "Tides",',
    "    targets: [",
    '        .target(name: "TideCore"),',
    '        .target(name: "TideStore", dependencies: ["TideCore"], path: "Sources/Persistence"),',
    '        .executableTarget(name: "TideApp", dependencies: ["TideStore"]),',
    '        .testTarget(name: "TideCoreTests", dependencies: ["TideCore"]),',
    "    ]",
    ")",
  ].join("\n");
  const specs = {
    "Package.swift": manifest,
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `TideApp`\n",
    [`${L}/core/modules/TIDE_CORE_AGENT.md`]: moduleSpec({ module: "Sources/TideCore/Tide.swift" }),
    [`${L}/infra/modules/TIDE_STORE_AGENT.md`]: moduleSpec({ module: "Sources/Persistence/Store.swift" }),
    [`${L}/web/modules/TIDE_APP_AGENT.md`]: moduleSpec({ module: "Sources/TideApp/main.swift" }),
    "Sources/Persistence/Store.swift": "import Foundation\nimport TideCore\n\npublic struct Store {}\n",
    "Sources/TideApp/main.swift": "import TideStore\n",
  };

  it("reads `import X` of the package's own targets (by Package.swift's names and paths), ignoring Foundation, comments and strings", () => {
    const tide = ["import Foundation", "@testable import TideStore", "// import TideApp", 'let doc = """', "import TideApp", '"""', "import struct TideApp.Screen", "", "public struct Tide {}"].join("\n");
    // Before: no violations, the .swift files were not read.
    expect(violations({ ...specs, "Sources/TideCore/Tide.swift": tide }, ["tide_core", "tide_store", "tide_app"])).toEqual([
      `Sources/TideCore/Tide.swift:2: imports \`TideStore\` (module tide_store, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
      `Sources/TideCore/Tide.swift:7: imports \`TideApp\`, forbidden for layer core by \`TideApp\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
    ]);
  });

  it("passes a package whose imports keep the layer order", () => {
    expect(violations({ ...specs, "Sources/TideCore/Tide.swift": "import Foundation\npublic struct Tide {}\n" }, ["tide_core", "tide_store", "tide_app"])).toEqual([]);
  });

  it("an import of a target split into modules by its folders names none of them (its parts are used by name)", () => {
    const split = {
      [`${L}/web/modules/TIDE_APP_AGENT.md`]: moduleSpec({ module: "Sources/TideApp/main.swift" }),
      [`${L}/web/modules/SCREENS_AGENT.md`]: moduleSpec({ module: "Sources/Persistence/Screens/List.swift" }),
      "Sources/Persistence/Screens/List.swift": "struct List {}\n",
    };
    const tide = "import TideStore\npublic struct Tide {}\n";
    expect(violations({ ...specs, ...split, "Sources/TideCore/Tide.swift": tide }, ["tide_core"])).toEqual([]);
    expect(violations({ ...specs, "Sources/TideCore/Tide.swift": tide }, ["tide_core"])).toHaveLength(1);
  });
});

describe("checkArchitecture: Elixir", () => {
  const specs = {
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n\n### Forbidden Imports\n- `Phoenix`\n",
    [`${L}/core/modules/BERTH_AGENT.md`]: moduleSpec({ module: "lib/harbor/berth.ex" }),
    [`${L}/infra/modules/LEDGER_AGENT.md`]: moduleSpec({ module: "lib/harbor/ledger.ex" }),
    "lib/harbor/ledger.ex": "defmodule Harbor.Ledger do\n  alias Harbor.Berth\n  def book(%Berth{} = b), do: {:ok, b}\nend\n",
  };

  it("reads alias, import and qualified calls of the modules the project's files declare, ignoring docs, comments and Elixir's own", () => {
    const berth = ['defmodule Harbor.Berth do', '  @moduledoc "Booked through Harbor.Ledger."', "  use Phoenix.Component", "  # alias Harbor.Ledger", "  def book(b), do: Harbor.Ledger.book(b)", "  def list, do: Enum.map([], & &1)", "end"].join("\n");
    // Before: no violations, the .ex files were not read.
    expect(violations({ ...specs, "lib/harbor/berth.ex": berth }, ["berth", "ledger"])).toEqual([
      `lib/harbor/berth.ex:3: imports \`Phoenix.Component\`, forbidden for layer core by \`Phoenix\` (${L}/core/CORE_ORCHESTRATOR.md:4)`,
      `lib/harbor/berth.ex:5: imports \`Harbor.Ledger\` (module ledger, layer infra), but layer core comes before infra in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)`,
    ]);
    expect(violations({ ...specs, "lib/harbor/berth.ex": "defmodule Harbor.Berth do\n  defstruct [:id]\nend\n" }, ["berth", "ledger"])).toEqual([]);
  });
});

describe("checkArchitecture: Scala", () => {
  it("reads Scala's imports (a group, `_`) of the project's packages", () => {
    const files = {
      [`${L}/core/modules/APPLE_AGENT.md`]: moduleSpec({ module: "core/src/main/scala/org/orchard/core/Apple.scala" }),
      [`${L}/web/modules/SERVER_AGENT.md`]: moduleSpec({ module: "api/src/main/scala/org/orchard/api/Server.scala" }),
      "core/src/main/scala/org/orchard/core/Apple.scala": "package org.orchard.core\n\nimport scala.util.Try\nimport org.orchard.api.{Server => S, _}\n\ncase class Apple(grams: Int)\n",
      "api/src/main/scala/org/orchard/api/Server.scala": "package org.orchard.api\n\nobject Server\n",
    };
    // Before: skipped, "these are .scala".
    expect(violations(files, ["apple"])).toEqual([
      "core/src/main/scala/org/orchard/core/Apple.scala:4: imports `org.orchard.api.*` (module server, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
      "core/src/main/scala/org/orchard/core/Apple.scala:4: imports `org.orchard.api.Server` (module server, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
    ]);
  });
});
