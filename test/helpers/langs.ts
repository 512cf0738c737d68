/** Small projects of our own in C#, C/C++ and PHP, for init --from-code and the architecture gate. */

export const csproj = '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n';

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

/** A small firmware: headers under include/, sources under src/, one include folder added by CMake, tests, build output. */
export const FIRMWARE: Record<string, string> = {
  "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(fw C)\ninclude_directories(include)\nadd_executable(fw src/app/main.c src/drivers/uart.c src/util/ring_buffer.c src/hal/hal.c)\ntarget_include_directories(fw PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src/hal)\n",
  "include/util/ring_buffer.h": "/* A fixed-size byte queue. */\n#ifndef RING_BUFFER_H\n#define RING_BUFFER_H\n#include <stddef.h>\n\ntypedef struct ring_buffer ring_buffer;\nint ring_buffer_push(ring_buffer *rb, unsigned char byte);\n\n#endif\n",
  "src/util/ring_buffer.c": '#include "util/ring_buffer.h"\n\nstruct ring_buffer { unsigned char data[64]; size_t head, tail; };\n\nint ring_buffer_push(ring_buffer *rb, unsigned char byte) {\n    rb->data[rb->head++ % 64] = byte;\n    return 0;\n}\n',
  "src/hal/hal.h": "#ifndef HAL_H\n#define HAL_H\nvoid hal_write_reg(unsigned addr, unsigned value);\n#endif\n",
  "src/hal/hal.c": '#include "hal.h"\n\nvoid hal_write_reg(unsigned addr, unsigned value) {\n    *(volatile unsigned *)addr = value;\n}\n',
  "include/drivers/uart.h": "#ifndef UART_H\n#define UART_H\nint uart_write(const char *text);\n#endif\n",
  "src/drivers/uart.c": '#include "drivers/uart.h"\n#include "util/ring_buffer.h"\n#include "hal.h"\n#include <string.h>\n\nstatic ring_buffer *tx;\n\nint uart_write(const char *text) {\n    for (size_t i = 0; i < strlen(text); i++) ring_buffer_push(tx, (unsigned char)text[i]);\n    hal_write_reg(0x4000, 1);\n    return 0;\n}\n',
  "src/app/main.cpp": '// The firmware\'s entry point.\n#include "drivers/uart.h"\n#include <cstdio>\n\nstatic int greet(int times) {\n    int failed = 0;\n    for (int i = 0; i < times; i++) {\n        const char *s = "#include \\"hal.h\\"";\n        failed += uart_write(s);\n    }\n    return failed;\n}\n\nint main() {\n    int failed = greet(3);\n    std::printf("%d\\n", failed);\n    return failed;\n}\n',
  "tests/test_uart.c": '#include "drivers/uart.h"\n#include <assert.h>\n\nint main(void) { assert(uart_write("x") == 0); return 0; }\n',
  "build/CMakeFiles/gen.c": '#include "hal.h"\n',
};

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
