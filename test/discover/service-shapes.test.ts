import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** Service layouts (hexagonal TS, a Go service, a FastAPI src layout, namespace packages), in small fixtures of our own. */
const layers = (root: string) => Object.fromEntries(discover(root).modules.map((m) => [m.id, m.layer]));
const violations = (root: string) => {
  writeFiles(root, Object.fromEntries(specFiles(discover(root), "shop")));
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line}: ${v.message}`);
};

describe("discover: service layouts", () => {
  it("hexagonal: ports/ is the core beside domain/, an adapter that calls the use cases is the interface", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "orders" }),
      "src/domain/order.ts": "export class Order {\n  constructor(readonly id: string) {}\n}\n",
      "src/domain/errors.ts": "export class EmptyOrderError extends Error {}\n",
      "src/ports/clock.ts": "export interface Clock {\n  now(): Date;\n}\n",
      "src/ports/order-repository.ts": 'import type { Order } from "../domain/order";\nexport interface OrderRepository {\n  save(o: Order): void;\n}\n',
      "src/application/place-order.ts": 'import { Order } from "../domain/order";\nimport type { OrderRepository } from "../ports/order-repository";\nimport type { Clock } from "../ports/clock";\nimport { EmptyOrderError } from "../domain/errors";\nexport class PlaceOrder {\n  constructor(private repo: OrderRepository, private clock: Clock) {}\n  run(id: string) {\n    if (!id) throw new EmptyOrderError();\n    this.repo.save(new Order(id));\n    return this.clock.now();\n  }\n}\n',
      "src/adapters/persistence/memory-repository.ts": 'import type { Order } from "../../domain/order";\nimport type { OrderRepository } from "../../ports/order-repository";\nexport class MemoryRepository implements OrderRepository {\n  rows: Order[] = [];\n  save(o: Order) {\n    this.rows.push(o);\n  }\n}\n',
      "src/adapters/http/order-routes.ts": 'import { PlaceOrder } from "../../application/place-order";\nexport function routes(place: PlaceOrder) {\n  return { post: (id: string) => place.run(id) };\n}\n',
    });
    // Before: errors and clock in foundation (a file named for it; an unnamed folder), the http adapter in services beside the use case it calls.
    expect(layers(root)).toEqual({ order: "core", errors: "core", clock: "core", order_repository: "core", place_order: "services", memory_repository: "infrastructure", order_routes: "interface" });
    expect(discover(root).notes.filter((n) => n.includes("placed in"))).toEqual([]);
    expect(violations(root)).toEqual([]);
  });

  it("Go: a cmd/ program, internal/ packages and an internal/httpapi/ that is the interface", () => {
    const root = makeProject({
      "go.mod": "module example.com/notes\n\ngo 1.22\n",
      "cmd/notesd/main.go": 'package main\n\nimport (\n\t"example.com/notes/internal/httpapi"\n\t"example.com/notes/internal/storage"\n)\n\nfunc main() { httpapi.Serve(storage.New()) }\n',
      "internal/notes/note.go": "package notes\n\n// Note is one note.\ntype Note struct{ ID string }\n",
      "internal/storage/memory.go": 'package storage\n\nimport "example.com/notes/internal/notes"\n\n// Memory keeps notes.\ntype Memory struct{ rows []notes.Note }\n\n// New makes a store.\nfunc New() *Memory { return &Memory{} }\n',
      "internal/httpapi/router.go": 'package httpapi\n\nimport (\n\t"example.com/notes/internal/notes"\n\t"example.com/notes/internal/storage"\n)\n\n// Serve serves notes.\nfunc Serve(m *storage.Memory) { _ = notes.Note{} }\n',
      "internal/httpapi/router_test.go": 'package httpapi\n\nimport "testing"\n\nfunc TestServe(t *testing.T) { Serve(nil) }\n',
    });
    // Before: httpapi in infrastructure beside the storage it imports, a name of no layer.
    expect(layers(root)).toEqual({ notes: "foundation", storage: "infrastructure", httpapi: "interface", notesd: "interface" });
    expect(discover(root).modules.find((m) => m.id === "httpapi")!.tests).toEqual(["internal/httpapi/router_test.go"]);
  });

  it("Go: a deep internal/ tree of unconventional names is layered by who imports whom; Go kit's transport/ is the interface", () => {
    const pkg = (dir: string, imports: string[], body: string) =>
      [`internal/${dir}/${dir.split("/").at(-1)}.go`, `package ${dir.split("/").at(-1)}\n\n${imports.length ? `import (\n${imports.map((i) => `\t"example.org/tally/internal/${i}"\n`).join("")})\n\n` : ""}${body}\n`];
    const root = makeProject({
      "go.mod": "module example.org/tally\n\ngo 1.22\n",
      "cmd/tallyd/main.go": 'package main\n\nimport "example.org/tally/internal/wiring"\n\nfunc main() { wiring.Start() }\n',
      ...Object.fromEntries([
        pkg("vault", [], "type Vault interface{ Put(string) }"),
        pkg("ledger/entry/cents", [], "type Amount int64"),
        pkg("ledger/entry", ["ledger/entry/cents"], "type Entry struct{ A cents.Amount }"),
        pkg("vault/boltvault", ["vault"], "func Open() vault.Vault { return nil }"),
        pkg("ledger/posting", ["ledger/entry", "vault"], "func Post(v vault.Vault, e entry.Entry) {}"),
        pkg("transport/rpc", ["ledger/posting"], "func Serve() { _ = posting.Post }"),
        pkg("wiring", ["transport/rpc", "vault/boltvault"], "func Start() { rpc.Serve(); boltvault.Open() }"),
      ]),
    });
    // Before: everything between the leaves and main in the core (boltvault, entry, posting, rpc, wiring).
    expect(layers(root)).toEqual({ vault: "foundation", cents: "foundation", boltvault: "core", entry: "core", posting: "services", rpc: "interface", wiring: "interface", tallyd: "interface" });
  });

  it("Python: a test under tests/ that mirrors a file's path goes with it, though its fixture hands it the object", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "bookshop"\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\n',
      "src/bookshop/__init__.py": "",
      "src/bookshop/schemas/book.py": "class Book:\n    pass\n",
      "src/bookshop/repositories/books.py": "from bookshop.schemas.book import Book\n\n\nclass BookRepository:\n    def add(self, book: Book) -> Book:\n        return book\n",
      "src/bookshop/services/books.py": "from bookshop.repositories.books import BookRepository\n\n\nclass BookService:\n    def __init__(self, repo: BookRepository):\n        self.repo = repo\n",
      "tests/conftest.py": "import pytest\n\nfrom bookshop.repositories.books import BookRepository\n\n\n@pytest.fixture\ndef repo():\n    return BookRepository()\n",
      "tests/repositories/test_books.py": "from bookshop.schemas.book import Book\n\n\ndef test_add(repo):\n    assert repo.add(Book())\n",
      "tests/services/test_books.py": "from bookshop.services.books import BookService\n\n\ndef test_service(repo):\n    assert BookService(repo).repo is repo\n",
      // Imports a module above the one it mirrors: its imports decide, so the layer rules hold for it.
      "tests/schemas/test_book.py": "from bookshop.services.books import BookService\n\n\ndef test_book(repo):\n    assert BookService(repo)\n",
    });
    const tests = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.tests]));
    // Before: tests/repositories/test_books.py with `book`, the one module it imports.
    expect(tests).toEqual({ book: [], repositories_books: ["tests/repositories/test_books.py"], services_books: ["tests/schemas/test_book.py", "tests/services/test_books.py"] });
  });

  it("Python namespace packages: a package beside another in a folder without __init__.py is not split into its files", () => {
    const root = makeProject({
      "pyproject.toml": '[tool.poetry]\nname = "acme-ops"\npackages = [{ include = "acme", from = "src" }]\n',
      "src/acme/billing/__init__.py": 'from acme.billing.invoice import Invoice\nfrom acme.billing.tax import vat\n\n__all__ = ["Invoice", "vat"]\n',
      "src/acme/billing/tax.py": "def vat(cents):\n    return cents // 5\n",
      "src/acme/billing/invoice.py": "from acme.billing.tax import vat\n\n\nclass Invoice:\n    def total(self):\n        return vat(100)\n",
      "src/acme/shipping/__init__.py": '"""Shipping."""\n',
      "src/acme/shipping/cost.py": "from acme.billing import vat\n\n\ndef cost(cents):\n    return cents + vat(cents)\n",
    });
    const d = discover(root);
    // Before: billing, holding most of the code, a module per file (`billing` its __init__.py alone, `tax`, `invoice`).
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ billing: [], cost: ["billing"] });
    expect(violations(root)).toEqual([]);
  });

  it("Python: a package alone in its namespace folder is still split into its files", () => {
    const root = makeProject({
      "src/acme/billing/__init__.py": "from acme.billing.invoice import Invoice\nfrom acme.billing.tax import vat\n",
      "src/acme/billing/tax.py": "def vat(cents):\n    return cents // 5\n",
      "src/acme/billing/invoice.py": "from acme.billing.tax import vat\n\n\nclass Invoice:\n    pass\n",
    });
    expect(discover(root).modules.map((m) => m.id).sort()).toEqual(["billing", "invoice", "tax"]);
  });

  it("polyglot: a backend and a web app named without the word their packages share, a pyproject.toml's name read too; infra files no module", () => {
    const root = makeProject({
      "backend/pyproject.toml": '[project]\nname = "tasks-backend"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      "backend/app/__init__.py": "",
      "backend/app/store.py": "TASKS = {}\n\n\ndef add(title):\n    TASKS[title] = title\n    return title\n",
      "backend/app/main.py": "from app.store import add\n\nROUTES = {\"/tasks\": add}\n",
      "backend/tests/test_store.py": "from app.store import add\n\n\ndef test_add():\n    assert add('x') == 'x'\n",
      "web/package.json": JSON.stringify({ name: "tasks-web", private: true }),
      "web/src/api.ts": 'export async function createTask(title: string) {\n  return fetch("/tasks", { method: "POST", body: title });\n}\n',
      "web/src/main.ts": 'import { createTask } from "./api";\nvoid createTask("x");\n',
      "Dockerfile": "FROM python:3.12-slim\n",
      "terraform/main.tf": 'resource "null_resource" "app" {}\n',
      ".github/workflows/ci.yml": "on: [push]\n",
    });
    const d = discover(root);
    // Before: `backend` by its folder beside `tasks_web` by its package.json.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.files]))).toEqual({ backend: ["backend/app/store.py", "backend/app/main.py"], web: ["web/src/api.ts", "web/src/main.ts"] });
  });

  it("Go: a package at a nested module's root is named for its module; a folder of modules (services/) is no layer", () => {
    const root = makeProject({
      "go.work": "go 1.22\n\nuse (\n\t./go\n\t./services/billing\n)\n",
      "go/go.mod": "module example.com/prices\n\ngo 1.22\n",
      "go/main.go": 'package main\n\nimport "example.com/prices/internal/pricing"\n\nfunc main() { pricing.Quote() }\n',
      "go/internal/pricing/pricing.go": "package pricing\n\n// Quote quotes.\nfunc Quote() int { return 1 }\n",
      "services/billing/go.mod": "module example.com/billing\n\ngo 1.22\n",
      "services/billing/internal/invoice/invoice.go": 'package invoice\n\nimport "example.com/prices/internal/pricing"\n\n// Total totals.\nfunc Total() int { return pricing.Quote() }\n',
      "services/billing/cmd/billing/main.go": 'package main\n\nimport "example.com/billing/internal/invoice"\n\nfunc main() { invoice.Total() }\n',
    });
    // Before: `go` for go/main.go, and invoice in the services layer for sitting under services/.
    expect(layers(root)).toEqual({ pricing: "foundation", prices: "interface", invoice: "core", billing: "interface" });
  });

  it("Go: an external test package that imports a later layer's package goes with that module, so the gate passes", () => {
    const root = makeProject({
      "go.mod": "module example.com/notes\n\ngo 1.22\n",
      "internal/notes/note.go": "package notes\n\n// Note is one note.\ntype Note struct{ ID string }\n",
      "internal/notes/note_test.go": 'package notes\n\nimport "testing"\n\nfunc TestNote(t *testing.T) { _ = Note{} }\n',
      "internal/notes/service_test.go": 'package notes_test\n\nimport (\n\t"testing"\n\n\t"example.com/notes/internal/notes"\n\t"example.com/notes/internal/storage"\n)\n\nfunc TestSave(t *testing.T) { storage.New().Put(notes.Note{}) }\n',
      "internal/storage/memory.go": 'package storage\n\nimport "example.com/notes/internal/notes"\n\n// Memory keeps notes.\ntype Memory struct{ rows []notes.Note }\n\n// New makes a store.\nfunc New() *Memory { return &Memory{} }\n\n// Put keeps a note.\nfunc (m *Memory) Put(n notes.Note) { m.rows = append(m.rows, n) }\n',
    });
    const tests = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.tests]));
    // Before: both tests with `notes`, in the foundation, the second importing the infrastructure's storage: a violation.
    expect(tests).toEqual({ notes: ["internal/notes/note_test.go"], storage: ["internal/notes/service_test.go"] });
    expect(violations(root)).toEqual([]);
  });
});
