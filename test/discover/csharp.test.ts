import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const csproj = '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n';

/** A layered .NET solution: a project per layer, a test project per tested project, build output beside them. */
export const SOLUTION: Record<string, string> = {
  "Shop.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
  "src/Shop.Domain/Shop.Domain.csproj": csproj,
  "src/Shop.Domain/Money.cs": "namespace Shop.Domain;\n\n/// <summary>An amount of money in cents.</summary>\npublic readonly record struct Money(long Cents)\n{\n    public static Money Zero => new(0);\n}\n",
  "src/Shop.Domain/MoneyMath.cs": "namespace Shop.Domain\n{\n    public static class MoneyMath\n    {\n        public static Money Sum(Money a, Money b) => new(a.Cents + b.Cents);\n    }\n}\n",
  "src/Shop.Domain/Cart.cs": "using System.Collections.Generic;\n\nnamespace Shop.Domain;\n\npublic sealed class Cart\n{\n    public List<Money> Lines { get; } = new();\n}\n",
  "src/Shop.Infrastructure/Shop.Infrastructure.csproj": csproj,
  "src/Shop.Infrastructure/GlobalUsings.cs": "global using Shop.Domain;\n",
  "src/Shop.Infrastructure/CartStore.cs": "using System.Collections.Concurrent;\n\nnamespace Shop.Infrastructure;\n\npublic class CartStore\n{\n    private readonly ConcurrentDictionary<string, Cart> carts = new();\n    public Cart Get(string id) => carts.GetOrAdd(id, _ => new Cart());\n}\n",
  "src/Shop.Infrastructure/bin/Debug/net8.0/Shop.Infrastructure.AssemblyInfo.cs": "namespace Shop.Infrastructure;\nclass Generated {}\n",
  "src/Shop.Infrastructure/obj/Debug/net8.0/Shop.Infrastructure.GlobalUsings.g.cs": "global using global::System;\n",
  "src/Shop.Application/Shop.Application.csproj": csproj,
  "src/Shop.Application/CheckoutService.cs": "using Shop.Domain;\nusing Store = Shop.Infrastructure.CartStore;\nusing static Shop.Domain.MoneyMath;\n\nnamespace Shop.Application;\n\npublic class CheckoutService(Store store)\n{\n    public Money Total(string id)\n    {\n        using var scope = new System.IO.MemoryStream();\n        var total = Money.Zero;\n        foreach (var line in store.Get(id).Lines) total = Sum(total, line);\n        return total;\n    }\n}\n",
  "src/Shop.Api/Shop.Api.csproj": csproj,
  "src/Shop.Api/Program.cs": "using Shop.Application;\nusing Shop.Infrastructure;\n\nvar service = new CheckoutService(new CartStore());\nSystem.Console.WriteLine(service.Total(args[0]));\n",
  "src/Shop.Api/Controllers/CheckoutController.cs": "using Shop.Application;\n\nnamespace Shop.Api.Controllers;\n\npublic class CheckoutController(CheckoutService service)\n{\n    public long Get(string id) => service.Total(id).Cents;\n}\n",
  "tests/Shop.Domain.Tests/Shop.Domain.Tests.csproj": csproj,
  "tests/Shop.Domain.Tests/MoneyTests.cs": "using Xunit;\n\nnamespace Shop.Domain.Tests;\n\npublic class MoneyTests\n{\n    [Fact] public void Sums() => Assert.Equal(3, MoneyMath.Sum(new Money(1), new Money(2)).Cents);\n}\n",
  "tests/Shop.Api.Tests/Shop.Api.Tests.csproj": csproj,
  "tests/Shop.Api.Tests/CheckoutControllerTests.cs": "using Shop.Api.Controllers;\nusing Shop.Application;\nusing Xunit;\n\nnamespace Shop.Api.Tests;\n\npublic class CheckoutControllerTests { }\n",
};

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
