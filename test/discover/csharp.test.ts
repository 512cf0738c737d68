import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { csproj, SOLUTION } from "../helpers/langs.js";

const gate = (root: string) => {
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.message}`);
};

describe("discover: C#", () => {
  it("a solution: a module per project, named without the solution's word, usings (global, static, aliases) to the files declaring the namespace, tests by their namespace, bin/ and obj/ skipped", () => {
    const root = makeProject(SOLUTION);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["api", "application", "domain", "infrastructure"]);
    expect(byId.get("domain")!.files.sort()).toEqual(["src/Shop.Domain/Cart.cs", "src/Shop.Domain/Money.cs", "src/Shop.Domain/MoneyMath.cs"]);
    expect(byId.get("domain")!.provides.sort()).toEqual(["Cart", "Money", "MoneyMath"]);
    expect(byId.get("infrastructure")!.dependsOn).toEqual(["domain"]);
    expect(byId.get("application")!.dependsOn.sort()).toEqual(["domain", "infrastructure"]);
    expect(byId.get("api")!.dependsOn.sort()).toEqual(["application", "infrastructure"]);
    expect(byId.get("domain")!.tests).toEqual(["tests/Shop.Domain.Tests/MoneyTests.cs"]);
    expect(byId.get("api")!.tests).toEqual(["tests/Shop.Api.Tests/CheckoutControllerTests.cs"]);
    expect(Object.fromEntries([...byId].map(([id, m]) => [id, m.layer]))).toEqual({ domain: "core", infrastructure: "infrastructure", application: "services", api: "interface" });
    expect(d.skipped.map((s) => s.path)).toEqual(expect.arrayContaining(["src/Shop.Infrastructure/bin/", "src/Shop.Infrastructure/obj/"]));
  });

  it("a project depends on the projects its .csproj references, though no using names their namespace", () => {
    const root = makeProject({
      ...SOLUTION,
      // Found by scanning the assemblies loaded at start: no `using Shop.Notifications`.
      "src/Shop.Notifications/Shop.Notifications.csproj": csproj,
      "src/Shop.Notifications/ReceiptMailer.cs": "namespace Shop.Notifications;\n\npublic sealed class ReceiptMailer\n{\n    public string Subject => \"Your receipt\";\n}\n",
      "src/Shop.Api/Shop.Api.csproj": [
        '<Project Sdk="Microsoft.NET.Sdk.Web">',
        "  <ItemGroup>",
        '    <ProjectReference Include="..\\Shop.Application\\Shop.Application.csproj" />',
        '    <ProjectReference Include="../Shop.Notifications/Shop.Notifications.csproj" />',
        '    <!-- <ProjectReference Include="..\\Shop.Domain\\Shop.Domain.csproj" /> -->',
        "  </ItemGroup>",
        "</Project>",
        "",
      ].join("\n"),
    });
    // Before: api depended on application and infrastructure alone, and the mailer could be planned after it.
    expect(discover(root).modules.find((m) => m.id === "api")!.dependsOn.sort()).toEqual(["application", "infrastructure", "notifications"]);
  });

  it("the specs it writes pass the gate; a using of a later layer's namespace fails it at its line", () => {
    const root = makeProject(SOLUTION);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "shop")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/Shop.Domain/Cart.cs": "using System.Collections.Generic;\nusing Shop.Infrastructure;\n\nnamespace Shop.Domain;\n\npublic sealed class Cart { }\n" });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/Shop\.Domain\/Cart\.cs:2 imports `Shop\.Infrastructure`/)]);
  });

  it("one project: a module per namespace folder, a file's tests by the namespace they mirror", () => {
    const root = makeProject({
      "Todo/Todo.csproj": csproj,
      "Todo/Models/TodoItem.cs": "namespace Todo.Models;\npublic class TodoItem { public string Title { get; set; } = \"\"; }\n",
      "Todo/Models/TodoList.cs": "namespace Todo.Models;\npublic class TodoList { }\n",
      "Todo/Services/TodoService.cs": "using Todo.Models;\nnamespace Todo.Services;\npublic class TodoService { public TodoItem Add(string t) => new() { Title = t }; }\n",
      "Todo/Controllers/TodoController.cs": "using Todo.Services;\nnamespace Todo.Controllers;\npublic class TodoController(TodoService s) { }\n",
      "Todo.Tests/Todo.Tests.csproj": csproj,
      "Todo.Tests/TodoServiceTests.cs": "using Todo.Services;\nnamespace Todo.Tests;\npublic class TodoServiceTests { }\n",
    });
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["controllers", "models", "services"]);
    expect(byId.get("controllers")!.dependsOn).toEqual(["services"]);
    expect(byId.get("services")!.dependsOn).toEqual(["models"]);
    expect(byId.get("services")!.tests).toEqual(["Todo.Tests/TodoServiceTests.cs"]);
    expect(byId.get("controllers")!.layer).toBe("interface");
  });
});
