import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import type { Unit } from "../../src/discover/group.js";
import { nameUnits } from "../../src/discover/unit-names.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** Applications and monorepos, in small fixtures of our own. */
const graph = (root: string) => Object.fromEntries(discover(root).modules.map((m) => [m.id, m.dependsOn]));
const gate = (root: string) => {
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line}: ${v.message}`);
};
const fn = (name: string, body = "return 1;") => `export function ${name}() {\n  ${body}\n}\n`;

describe("discover: monorepos", () => {
  it("npm workspaces: each small package is one module named by its package.json, imported by name or tsconfig path", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*", "apps/*"] }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@lib/*": ["packages/*/src"] } } }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "dist/index.js" }),
      "packages/core/src/index.ts": 'export * from "./money";\nexport * from "./account";\n',
      "packages/core/src/money.ts": "export class Money {}\n",
      "packages/core/src/account.ts": 'import { Money } from "./money";\nexport class Account {\n  balance = new Money();\n}\n',
      "packages/core/src/money.test.ts": 'import { Money } from "./money";\nnew Money();\n',
      "packages/core/src/__tests__/account.test.ts": 'import { Account } from "../account";\nnew Account();\n',
      "packages/store/package.json": JSON.stringify({ name: "@acme/store-pg", exports: { ".": "./dist/index.js" } }),
      "packages/store/src/index.ts": 'export * from "./repo";\n',
      "packages/store/src/repo.ts": 'import { Account } from "@acme/core";\nimport { tables } from "./schema";\nexport class Repo {\n  all() {\n    return tables.map(() => new Account());\n  }\n}\n',
      "packages/store/src/schema.ts": 'export const tables = ["accounts"];\n',
      "packages/api/package.json": JSON.stringify({ name: "@acme/api", main: "src/index.ts" }),
      "packages/api/src/index.ts": 'export * from "./server";\n',
      "packages/api/src/server.ts": 'import { Repo } from "@acme/store-pg";\nimport { accounts } from "./routes/accounts";\nexport function serve() {\n  return accounts(new Repo());\n}\n',
      "packages/api/src/routes/accounts.ts": 'import { Money } from "@lib/core";\nexport function accounts(repo: { all(): unknown[] }) {\n  return [repo.all(), new Money()];\n}\n',
      "packages/api/test/server.test.ts": 'import { serve } from "../src/server";\nserve();\n',
      "apps/web/package.json": JSON.stringify({ name: "@acme/web" }),
      "apps/web/src/main.tsx": 'import { serve } from "@acme/api";\nimport { App } from "./App";\nserve();\nApp();\n',
      "apps/web/src/App.tsx": 'import { Money } from "@acme/core";\nexport function App() {\n  return new Money();\n}\n',
    });
    const d = discover(root);
    // Before: core, db's repo and schema, api, accounts, health, App and main apart (10 modules), `db` 2 of them.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ core: [], store_pg: ["core"], api: ["core", "store_pg"], web: ["core", "api"] });
    const core = d.modules.find((m) => m.id === "core")!;
    expect(core.folder).toBe("packages/core");
    expect(core.primary).toBe("packages/core/src/index.ts");
    expect(core.tests).toEqual(["packages/core/src/__tests__/account.test.ts", "packages/core/src/money.test.ts"]);
    expect(d.modules.find((m) => m.id === "api")!.tests).toEqual(["packages/api/test/server.test.ts"]);
  });

  it("one package alone is the project, grouped by its folders as before; a package over 12 files in several folders too", () => {
    const big = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`packages/big/src/${i % 2 ? "odd" : "even"}/f${i}.ts`, fn(`f${i}`)]));
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true }),
      "packages/kit/package.json": JSON.stringify({ name: "@acme/kit" }),
      "packages/kit/src/a.ts": fn("a"),
      "packages/kit/src/b.ts": 'import { a } from "./a";\nexport function b() {\n  return a();\n}\n',
    });
    expect(graph(root)).toEqual({ a: [], b: ["a"] });
    const two = makeProject({
      "packages/kit/package.json": JSON.stringify({ name: "@acme/kit" }),
      "packages/kit/src/a.ts": fn("a"),
      "packages/big/package.json": JSON.stringify({ name: "@acme/big" }),
      ...big,
    });
    // Only one package fits, so no package is a module of its own.
    expect(Object.keys(graph(two))).toContain("a");
    expect(Object.keys(graph(two))).not.toContain("kit");
  });

  it("a package over 12 files whose code is all in one folder (Nx's src/lib/ beside its index) is one module", () => {
    const lib = (name: string, files: number, body: (i: number) => string) => ({
      [`libs/${name}/project.json`]: JSON.stringify({ name }),
      [`libs/${name}/src/index.ts`]: Array.from({ length: files }, (_, i) => `export * from "./lib/${name}${i}";\n`).join(""),
      ...Object.fromEntries(Array.from({ length: files }, (_, i) => [`libs/${name}/src/lib/${name}${i}.ts`, body(i)])),
    });
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@acme/data": ["libs/data/src/index.ts"], "@acme/ui": ["libs/ui/src/index.ts"] } } }),
      ...lib("data", 13, (i) => fn(`load${i}`)),
      ...lib("ui", 14, (i) => `import { load${i % 13} } from "@acme/data";\nexport function widget${i}() {\n  return load${i % 13}();\n}\n`),
      "apps/shop/project.json": JSON.stringify({ name: "shop" }),
      "apps/shop/src/app/app.tsx": 'import { widget0 } from "@acme/ui";\nexport function App() {\n  return widget0();\n}\n',
    });
    // Before: `data_src_lib`, `data` (its index alone), `ui_src_lib`, `ui`, and the app named `app` for its file.
    expect(graph(root)).toEqual({ data: [], ui: ["data"], shop: ["ui"] });
  });

  it("Nx: paths in the root tsconfig.base.json, each project.json a module named by its project name", () => {
    const lib = (dir: string, name: string, files: Record<string, string>) => ({
      [`${dir}/project.json`]: JSON.stringify({ name }),
      [`${dir}/src/index.ts`]: Object.keys(files).map((f) => `export * from "./lib/${f.replace(/\.tsx?$/, "")}";\n`).join(""),
      ...Object.fromEntries(Object.entries(files).map(([f, text]) => [`${dir}/src/lib/${f}`, text])),
    });
    const root = makeProject({
      "package.json": JSON.stringify({ name: "@org/source", private: true }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@org/shared/util": ["libs/shared/util/src/index.ts"], "@org/orders/data-access": ["libs/orders/data-access/src/index.ts"], "@org/orders/feature": ["libs/orders/feature/src/index.ts"] } } }),
      ...lib("libs/shared/util", "shared-util", { "format.ts": fn("formatPrice"), "dates.ts": fn("today") }),
      "libs/shared/util/src/lib/format.spec.ts": 'import { formatPrice } from "./format";\nformatPrice();\n',
      ...lib("libs/orders/data-access", "orders-data-access", { "orders-api.ts": 'import { today } from "@org/shared/util";\nexport function fetchOrders() {\n  return today();\n}\n' }),
      ...lib("libs/orders/feature", "orders-feature", { "orders-page.tsx": 'import { fetchOrders } from "@org/orders/data-access";\nexport function OrdersPage() {\n  return fetchOrders();\n}\n' }),
      "apps/shop/project.json": JSON.stringify({ name: "shop" }),
      "apps/shop/src/main.tsx": 'import { App } from "./app/app";\nApp();\n',
      "apps/shop/src/app/app.tsx": 'import { OrdersPage } from "@org/orders/feature";\nexport function App() {\n  return OrdersPage();\n}\n',
      "apps/shop-e2e/project.json": JSON.stringify({ name: "shop-e2e" }),
      "apps/shop-e2e/src/e2e/app.cy.ts": 'describe("shop", () => {});\n',
    });
    const d = discover(root);
    // Before: no dependency at all (tsconfig.base.json unread), each index.ts apart from its lib/ files, 10 modules.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ shared_util: [], orders_data_access: ["shared_util"], orders_feature: ["orders_data_access"], shop: ["orders_feature"] });
    expect(d.modules.find((m) => m.id === "shared_util")!.tests).toEqual(["libs/shared/util/src/lib/format.spec.ts"]);
    // A Cypress spec is a test, not a module.
    expect(d.notes).toEqual(["apps/shop-e2e/src/e2e/app.cy.ts: a test that imports none of the project's modules, attached to none"]);
    // The architecture gate reads the same aliases: an import up the layers by its alias is caught.
    writeFiles(root, Object.fromEntries(specFiles(d, "source")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "libs/shared/util/src/lib/dates.ts": 'import { OrdersPage } from "@org/orders/feature";\nexport function today() {\n  return OrdersPage();\n}\n' });
    expect(gate(root)).toEqual([expect.stringMatching(/^libs\/shared\/util\/src\/lib\/dates\.ts:1: imports `@org\/orders\/feature`/)]);
  });

  it("an end-to-end suite's support code (Nx's apps/shop-e2e/, cypress/) is tests, not a module; a data-access library is infrastructure", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "@org/source", private: true }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@org/orders/data-access": ["libs/orders/data-access/src/index.ts"] } } }),
      "libs/orders/data-access/project.json": JSON.stringify({ name: "orders-data-access" }),
      "libs/orders/data-access/src/index.ts": fn("fetchOrders"),
      "apps/shop/project.json": JSON.stringify({ name: "shop" }),
      "apps/shop/src/main.ts": 'import { fetchOrders } from "@org/orders/data-access";\nfetchOrders();\n',
      "apps/shop-e2e/project.json": JSON.stringify({ name: "shop-e2e" }),
      "apps/shop-e2e/src/support/commands.ts": fn("login"),
      "apps/admin/project.json": JSON.stringify({ name: "admin" }),
      "apps/admin/cypress/support/e2e.ts": fn("seed"),
      "apps/admin/src/main.ts": fn("boot"),
    });
    const d = discover(root);
    // Before: `shop_e2e` and `support` modules of the suites' helpers, and the data-access library in the foundation.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ admin: "foundation", orders_data_access: "infrastructure", shop: "interface" });
  });

  /** A package of `n` Python files in one folder, each using the one before (an application's own order). */
  const chain = (dir: string, pkg: string, n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${dir}/${pkg}/m${i}.py`, `${i ? `from ${pkg}.m${i - 1} import C${i - 1}\n\n` : ""}class C${i}:\n    pass\n`]));

  it("a backend of one folder of files that import one another (server/app/, 14 files) is split as it would be at the root, beside a frontend", () => {
    const project = (extra: Record<string, string>) =>
      makeProject({
        "server/pyproject.toml": '[project]\nname = "server"\n',
        ...chain("server", "app", 14),
        "server/tests/test_m3.py": "from app.m3 import C3\n\n\ndef test_c3():\n    assert C3()\n",
        "web/package.json": JSON.stringify({ name: "web" }),
        ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`web/src/f${i}.ts`, fn(`f${i}`)])),
        ...extra,
      });
    const app = Array.from({ length: 14 }, (_, i) => `m${i}`);
    const python = (d: ReturnType<typeof discover>) => d.modules.filter((m) => m.language === "python").map((m) => m.id).sort();
    const d = discover(project({}));
    // Before: `server`, one module of its 14 files, as Nx's src/lib/ behind its index is.
    expect(python(d)).toEqual([...app].sort());
    expect(d.modules.find((m) => m.id === "m5")!.dependsOn).toEqual(["m4"]);
    expect(d.modules.find((m) => m.id === "m3")!.tests).toEqual(["server/tests/test_m3.py"]);
    // The frontend's folder of eight files stays one module.
    expect(d.modules.filter((m) => m.language === "js").map((m) => m.id)).toEqual(["web"]);
    // A file at the package's root is no folder of code above its app/, as setup.py is none at the project's root.
    // Before: `app`, one module of the 14 files.
    expect(python(discover(project({ "server/manage.py": "from app.m13 import C13\n\n\ndef main():\n    return C13()\n" })))).toEqual(["manage", ...app].sort());
  });

  it("two large services of one folder each are each split as a project of its own, though neither holds most of the code", () => {
    const service = (name: string) => ({ [`services/${name}/pyproject.toml`]: `[project]\nname = "${name}"\n`, ...chain(`services/${name}`, name, 13) });
    const d = discover(makeProject({ ...service("billing"), ...service("notify") }));
    // Before: `billing` and `notify`, a folder module each of 13 files.
    expect(d.modules).toHaveLength(26);
    expect(d.modules.find((m) => m.id === "billing_m1")!.dependsOn).toEqual(["billing_m0"]);
    expect(d.modules.find((m) => m.id === "notify_m12")!.files).toEqual(["services/notify/notify/m12.py"]);
  });

  it("a library of one folder behind its index stays one module though a few of its files use a shared helper", () => {
    const lib = (name: string, uses: (i: number) => string) => ({
      [`libs/${name}/project.json`]: JSON.stringify({ name }),
      [`libs/${name}/src/index.ts`]: Array.from({ length: 13 }, (_, i) => `export * from "./lib/${name}${i}";\n`).join(""),
      ...Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`libs/${name}/src/lib/${name}${i}.ts`, uses(i)])),
    });
    // Two of thirteen files import the first: a helper, not an order inside to plan by.
    const helper = (name: string) => (i: number) => (i === 1 || i === 2 ? `import { ${name}0 } from "./${name}0";\n${fn(`${name}${i}`, `return ${name}0();`)}` : fn(`${name}${i}`));
    expect(Object.keys(graph(makeProject({ ...lib("data", helper("data")), ...lib("ui", helper("ui")) })))).toEqual(["data", "ui"]);
  });

  it("Python: services/* with their own pyproject.toml are one module each beside the src layout's packages", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "platform"\n',
      "src/billing/__init__.py": "from billing.invoice import Invoice\n",
      "src/billing/invoice.py": "class Invoice:\n    pass\n",
      "src/catalog/search.py": "def search(q):\n    return []\n",
      "services/worker/pyproject.toml": '[project]\nname = "worker"\n',
      "services/worker/worker/__init__.py": "",
      "services/worker/worker/main.py": "from worker.jobs import run_jobs\n\n\ndef main():\n    run_jobs()\n",
      "services/worker/worker/jobs.py": "from billing.invoice import Invoice\nfrom catalog.search import search\n\n\ndef run_jobs():\n    return Invoice(), search('')\n",
      "services/worker/tests/test_jobs.py": "from worker.jobs import run_jobs\n",
      "services/gateway/pyproject.toml": '[project]\nname = "gateway"\n',
      "services/gateway/gateway/app.py": "from gateway.routes import router\n\napp = router\n",
      "services/gateway/gateway/routes.py": "from catalog.search import search\n\nrouter = search\n",
    });
    const d = discover(root);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ billing: [], search: [], gateway: ["search"], worker: ["search", "billing"] });
    expect(d.modules.find((m) => m.id === "worker")!.tests).toEqual(["services/worker/tests/test_jobs.py"]);
  });
});

describe("discover: applications", () => {
  it("Django: an app is one module, tests.py is its test, migrations are skipped", () => {
    const app = (name: string, model: string) => ({
      [`apps/${name}/__init__.py`]: "",
      [`apps/${name}/apps.py`]: `from django.apps import AppConfig\n\n\nclass ${model}Config(AppConfig):\n    name = "apps.${name}"\n`,
      [`apps/${name}/models.py`]: `from django.db import models\n\n\nclass ${model}(models.Model):\n    pass\n`,
      [`apps/${name}/views.py`]: `from apps.${name}.models import ${model}\n\n\ndef index(request):\n    return ${model}()\n`,
      [`apps/${name}/urls.py`]: `from apps.${name} import views\n\nurlpatterns = [views.index]\n`,
      [`apps/${name}/tests.py`]: `from apps.${name}.models import ${model}\n\n\ndef test_model():\n    ${model}()\n`,
      [`apps/${name}/migrations/__init__.py`]: "",
      [`apps/${name}/migrations/0001_initial.py`]: "# Generated by Django 5.0\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n",
    });
    const root = makeProject({
      "mysite/settings.py": "INSTALLED_APPS = []\n",
      "mysite/urls.py": "from apps.orders import urls as orders\nfrom apps.customers import urls as customers\n\nurlpatterns = [orders, customers]\n",
      ...app("orders", "Order"),
      ...app("customers", "Customer"),
      "apps/orders/services.py": "from apps.customers.models import Customer\nfrom apps.orders.models import Order\n\n\ndef place(c: Customer):\n    return Order()\n",
    });
    const d = discover(root);
    // Before: each migration a module (`orders_migrations_0001_initial`), tests.py a module.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ customers: [], orders: ["customers"], settings: [], urls: ["customers", "orders"] });
    expect(d.modules.find((m) => m.id === "orders")!.tests).toEqual(["apps/orders/tests.py"]);
    expect(d.skipped).toContainEqual({ path: "apps/orders/migrations/", why: "database migrations" });
  });

  it("Django: the project's urls.py, wsgi.py, asgi.py and manage.py are the interface, above the apps they route to", () => {
    const root = makeProject({
      "backend/manage.py": 'import os\n\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      "backend/shop/settings.py": 'INSTALLED_APPS = ["catalog"]\n',
      "backend/shop/urls.py": "from catalog import views\n\nurlpatterns = [views.index]\n",
      "backend/shop/wsgi.py": "from django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n",
      "backend/shop/asgi.py": "from django.core.asgi import get_asgi_application\n\napplication = get_asgi_application()\n",
      "backend/catalog/apps.py": "from django.apps import AppConfig\n\n\nclass CatalogConfig(AppConfig):\n    name = \"catalog\"\n",
      "backend/catalog/models.py": "from django.db import models\n\n\nclass Product(models.Model):\n    pass\n",
      "backend/catalog/views.py": "from catalog.models import Product\n\n\ndef index(request):\n    return Product()\n",
      "frontend/package.json": JSON.stringify({ name: "frontend" }),
      "frontend/src/api/client.ts": fn("get"),
      "frontend/src/components/List.tsx": 'import { get } from "../api/client";\nexport function List() {\n  return get();\n}\n',
    });
    const layers = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.layer]));
    // Before: urls, wsgi, asgi and manage in the foundation, below the app urls imports.
    expect(layers).toMatchObject({ catalog: "foundation", settings: "foundation", urls: "interface", wsgi: "interface", asgi: "interface", manage: "interface" });
  });

  it("Django: a test that imports only Django goes with the app folder it sits in", () => {
    const app = (name: string, model: string) => ({
      [`${name}/__init__.py`]: "",
      [`${name}/apps.py`]: `from django.apps import AppConfig\n\n\nclass ${model}Config(AppConfig):\n    name = "${name}"\n`,
      [`${name}/models.py`]: `from django.db import models\n\n\nclass ${model}(models.Model):\n    pass\n`,
    });
    const root = makeProject({
      ...app("shop", "Order"),
      ...app("accounts", "Customer"),
      // `manage.py startapp` writes a tests.py importing TestCase alone; a tests/ package is common too.
      "shop/tests.py": "from django.test import TestCase\n\n\nclass OrderTests(TestCase):\n    def test_nothing(self):\n        pass\n",
      "accounts/tests/__init__.py": "",
      "accounts/tests/test_models.py": "from django.test import TestCase\n\n\nclass CustomerTests(TestCase):\n    pass\n",
      // A test outside every folder module still belongs to none.
      "tests/test_smoke.py": "import os\n\n\ndef test_env():\n    assert os.sep\n",
    });
    const d = discover(root);
    const tests = Object.fromEntries(d.modules.map((m) => [m.id, m.tests]));
    expect(tests.shop).toEqual(["shop/tests.py"]);
    expect(tests.accounts).toEqual(["accounts/tests/test_models.py"]);
    expect(d.notes).toContain("tests/test_smoke.py: a test that imports none of the project's modules, attached to none");
    expect(d.notes.some((n) => n.startsWith("shop/tests.py") || n.startsWith("accounts/tests/"))).toBe(false);
  });

  it("FastAPI: routers are the interface, above the services they call; alembic/ is skipped", () => {
    const root = makeProject({
      "app/__init__.py": "",
      "app/main.py": "from app.routers import items\nfrom app.models.item import Item\n\napp = items.router\nmodels = [Item]\n",
      "app/models/item.py": "class Item:\n    pass\n",
      "app/services/items.py": "from app.models.item import Item\n\n\ndef list_items():\n    return [Item()]\n",
      "app/routers/__init__.py": "",
      "app/routers/items.py": "from app.services.items import list_items\n\nrouter = list_items\n",
      "alembic/env.py": "from app.models.item import Item\n",
      "alembic/versions/001_init.py": "revision = '001'\n\n\ndef upgrade():\n    pass\n",
    });
    const d = discover(root);
    // Before: `items` of routers/ in services (its folder's name was no layer's), alembic's files modules.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ item: "core", services_items: "services", routers_items: "interface", main: "interface" });
    expect(d.skipped).toContainEqual({ path: "alembic/", why: "database migrations" });
  });

  it("Next.js and Express: names split at capitals, a route's [id] with its folder, components the interface; tool configs skipped", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "storefront" }),
      "next.config.mjs": "export default {};\n",
      "app/products/[id]/page.tsx": 'import { getProduct } from "../../../lib/products";\nexport default function Page() {\n  return getProduct();\n}\n',
      "app/cart/page.tsx": 'import { CartView } from "../../components/CartView";\nexport default function Page() {\n  return CartView();\n}\n',
      "components/CartView.tsx": 'import { useCart } from "../hooks/useCart";\nexport function CartView() {\n  return useCart();\n}\n',
      "hooks/useCart.ts": 'import { db } from "../lib/db";\nexport function useCart() {\n  return db;\n}\n',
      "lib/products.ts": 'import { db } from "./db";\nexport function getProduct() {\n  return db;\n}\n',
      "lib/db.ts": "export const db = {};\n",
      // A file the router names by convention is named with its folder: `orders_route`, not `route`.
      "app/api/orders/route.ts": 'import { db } from "../../../lib/db";\nexport async function GET() {\n  return Response.json(db);\n}\n',
      "app/layout.tsx": "export default function RootLayout() {\n  return null;\n}\n",
    });
    const d = discover(root);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ db: "infrastructure", use_cart: "infrastructure", cart_view: "interface", cart_page: "interface", products: "infrastructure", products_id_page: "interface", orders_route: "interface", app_layout: "interface" });
    expect(d.skipped).toContainEqual({ path: "next.config.mjs", why: "a build tool's configuration" });
  });

  it("scripts/ is one module however few its files, not each joined to the module it calls", () => {
    const root = makeProject({
      "shop/__init__.py": "",
      "shop/orders.py": "class Order:\n    pass\n",
      "shop/cart.py": "from shop.orders import Order\n\n\nclass Cart:\n    pass\n",
      "scripts/backfill.py": "from shop.orders import Order\nOrder()\n",
    });
    const d = discover(root);
    // Before: backfill.py, a short file calling one module, joined `orders`.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.files]))).toEqual({ orders: ["shop/orders.py"], cart: ["shop/cart.py"], scripts: ["scripts/backfill.py"] });
    expect(d.modules.find((m) => m.id === "scripts")!.layer).toBe("interface");
  });

  it("files with a generator's notice are skipped; a Go program at the root is named for its module", () => {
    const root = makeProject({
      "go.mod": "module github.com/acme/tool/v2\n",
      "main.go": 'package main\n\nimport "github.com/acme/tool/v2/internal/config"\n\nfunc main() { config.Load() }\n',
      "internal/config/config.go": "package config\n\nfunc Load() {}\n",
      "internal/config/zz_generated.deepcopy.go": "//go:build !ignore\n\n// Code generated by controller-gen. DO NOT EDIT.\n\npackage config\n\nfunc DeepCopy() {}\n",
      "src/api.ts": "// @generated by protoc-gen-es\nexport const api = 1;\n",
    });
    const d = discover(root);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.files]))).toEqual({ config: ["internal/config/config.go"], tool: ["main.go"] });
    expect(d.skipped.filter((s) => s.why === "generated code").map((s) => s.path)).toEqual(["internal/config/zz_generated.deepcopy.go", "src/api.ts"]);
  });
});

describe("discover: names that read the same once joined", () => {
  const unit = (files: string[], extra: Partial<Unit> = {}): Unit => ({ id: "", language: "js", files, ...extra });

  it("a word of several is written as one (`v4mini` beside `v4_mini`), a folder's own index says so (`beta_index` beside `beta_entry`), not `_2`", () => {
    const units = [
      unit(["src/v4-mini/index.ts"]),
      unit(["src/v4/mini/index.ts"]),
      unit(["src/resources/beta.ts"]),
      unit(["src/resources/beta/index.ts"], { nameFrom: "src/resources/beta/index.ts" }),
      unit(["src/resources/beta/a.ts", "src/resources/beta/b.ts"], { folder: "src/resources/beta" }),
    ];
    nameUnits(units, "zod");
    expect(units.map((u) => u.id)).toEqual(["v4mini", "mini", "beta_entry", "beta_index", "beta"]);
    // Told apart however deep: `v4/mini/` beside another `mini`.
    const deep = [unit(["src/v4-mini/index.ts"]), unit(["src/v4/mini/index.ts"]), unit(["lib/mini.ts"])];
    nameUnits(deep, "zod");
    expect(deep.map((u) => u.id)).toEqual(["v4mini", "v4_mini", "lib_mini"]);
  });
});
