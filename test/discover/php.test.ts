import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** A Composer project: PSR-4 classes under src/ by namespace folder, a helper file of functions, a front controller, PHPUnit tests. */
export const SHOP: Record<string, string> = {
  "composer.json": JSON.stringify({ name: "acme/shop", autoload: { "psr-4": { "App\\": "src/" }, files: ["src/Support/helpers.php"] }, "autoload-dev": { "psr-4": { "App\\Tests\\": "tests/" } } }, null, 2),
  "src/Domain/Money.php": "<?php\n\ndeclare(strict_types=1);\n\nnamespace App\\Domain;\n\n/** An amount of money in cents. */\nfinal class Money\n{\n    public function __construct(public readonly int $cents) {}\n}\n",
  "src/Domain/Cart.php": "<?php\n\nnamespace App\\Domain;\n\nclass Cart\n{\n    /** @var Money[] */\n    private array $lines = [];\n\n    public function add(Money $m): void { $this->lines[] = $m; }\n}\n",
  "src/Support/helpers.php": "<?php\n\nnamespace App\\Support;\n\nfunction format_money(int $cents): string\n{\n    return sprintf('%d.%02d', intdiv($cents, 100), $cents % 100);\n}\n",
  "src/Repository/CartRepository.php": "<?php\n\nnamespace App\\Repository;\n\nuse App\\Domain\\{Cart, Money as M};\n\nclass CartRepository\n{\n    public function find(string $id): Cart { return new Cart(); }\n}\n",
  "src/Service/CheckoutService.php": "<?php\n\nnamespace App\\Service;\n\nuse App\\Domain\\Cart;\nuse App\\Repository\\CartRepository;\nuse function App\\Support\\format_money;\n\nclass CheckoutService\n{\n    public function __construct(private CartRepository $carts) {}\n    public function total(string $id): string { $cart = $this->carts->find($id); return format_money(0); }\n}\n",
  "src/Controller/CheckoutController.php": "<?php\n\nnamespace App\\Controller;\n\nuse App\\Service\\CheckoutService;\n\nclass CheckoutController\n{\n    public function __construct(private CheckoutService $service) {}\n    public function show(string $id): string\n    {\n        $sql = \"use App\\\\Repository\\\\CartRepository;\";\n        return $this->service->total($id);\n    }\n}\n",
  "public/index.php": "<?php\n\nrequire_once __DIR__ . '/../vendor/autoload.php';\nrequire __DIR__ . '/../config/routes.php';\n\nuse App\\Controller\\CheckoutController;\n\n$controller = new CheckoutController(new App\\Service\\CheckoutService(new App\\Repository\\CartRepository()));\necho $controller->show($_GET['id'] ?? '');\necho PHP_EOL;\n$routes = routes();\nforeach ($routes as $route) {\n    echo $route, PHP_EOL;\n}\n",
  "config/routes.php": "<?php\n\nfunction routes(): array\n{\n    return ['/checkout'];\n}\n",
  "tests/Domain/MoneyTest.php": "<?php\n\nnamespace App\\Tests\\Domain;\n\nuse App\\Domain\\Money;\nuse PHPUnit\\Framework\\TestCase;\n\nfinal class MoneyTest extends TestCase\n{\n    public function testCents(): void { $this->assertSame(5, (new Money(5))->cents); }\n}\n",
  "vendor/autoload.php": "<?php\nrequire __DIR__ . '/composer/autoload_real.php';\n",
  "vendor/acme/lib/src/Thing.php": "<?php\nnamespace Acme\\Lib;\nclass Thing {}\n",
};

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
