import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

/** Web frontends and the monorepos they sit in, in small fixtures of our own. */
const layers = (root: string) => Object.fromEntries(discover(root).modules.map((m) => [m.id, m.layer]));
const component = (name: string, imports = "") => `${imports}export function ${name}() {\n  return "<div></div>";\n}\n`;

describe("discover: a web frontend's folders", () => {
  it("beside components/, api/ is the client of the server (infrastructure), store/ the app's state (core)", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "board", scripts: { test: "node --test" } }),
      "src/main.js": 'import { TodoList } from "./components/TodoList.js";\nimport { useTodos } from "./hooks/useTodos.js";\nTodoList(useTodos());\n',
      "src/components/TodoList.js": component("TodoList", 'import { label } from "../utils/format.js";\n'),
      "src/hooks/useTodos.js": 'import { fetchTodos } from "../api/todos.js";\nimport { todosReducer } from "../store/todos.js";\nexport function useTodos() {\n  return todosReducer(fetchTodos());\n}\n',
      "src/api/todos.js": 'export function fetchTodos() {\n  return fetch("/api/todos");\n}\n',
      "src/store/todos.js": "export function todosReducer(state = []) {\n  return state;\n}\n",
      "src/utils/format.js": 'export function label(text) {\n  return text.trim();\n}\n',
      // A server's `api/` beside no components/ is still its interface.
      "server/api/orders.js": 'import { label } from "../../src/utils/format.js";\nexport function orders() {\n  return label(" x ");\n}\n',
    });
    expect(layers(root)).toMatchObject({ api_todos: "infrastructure", store_todos: "core", use_todos: "infrastructure", todo_list: "interface", format: "foundation", orders: "interface" });
  });

  it("beside components/, a folder kept by role (hooks/, api/, utils/) is one module however few its files, and components/ is not split for holding most of the code", () => {
    const components = Object.fromEntries(["Button", "Card", "List", "Modal", "Nav", "Badge", "Table", "Tabs"].map((n) => [`components/${n}.tsx`, component(n, 'import { cx } from "../utils/cx";\n')]));
    const root = makeProject({
      "package.json": JSON.stringify({ name: "shop-web" }),
      ...components,
      "components/List.test.tsx": 'import { List } from "./List";\nList();\n',
      "hooks/useCart.ts": 'import { getCart } from "../api/cart";\nexport function useCart() {\n  return getCart();\n}\n',
      "hooks/useUser.ts": 'import { getUser } from "../api/user";\nexport function useUser() {\n  return getUser();\n}\n',
      "api/cart.ts": 'export function getCart() {\n  return fetch("/cart");\n}\n',
      "api/user.ts": 'export function getUser() {\n  return fetch("/me");\n}\n',
      "utils/cx.ts": 'export function cx(...names: string[]) {\n  return names.join(" ");\n}\n',
      "utils/money.ts": "export function money(cents: number) {\n  return cents / 100;\n}\n",
      "main.tsx": 'import { List } from "./components/List";\nimport { useCart } from "./hooks/useCart";\nimport { useUser } from "./hooks/useUser";\nList();\nuseCart();\nuseUser();\n',
    });
    const d = discover(root);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.files.length]))).toEqual({ components: 8, hooks: 2, api: 2, utils: 2, main: 1 });
    expect(d.modules.find((m) => m.id === "components")!.tests).toEqual(["components/List.test.tsx"]);
    expect(layers(root)).toMatchObject({ api: "infrastructure", utils: "foundation", components: "interface" });
  });

  it("a route's files in one folder (Next.js page.tsx with its loading.tsx) are one module, in the interface however its folder is named", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "books" }),
      "app/books/[id]/page.tsx": 'import { getBook } from "../../../lib/books";\nexport default function Page() {\n  return getBook();\n}\n',
      "app/books/[id]/loading.tsx": "export default function Loading() {\n  return null;\n}\n",
      "app/authors/page.tsx": 'import { getBook } from "../../lib/books";\nexport default function Page() {\n  return getBook();\n}\n',
      "app/login/page.tsx": 'import { getBook } from "../../lib/books";\nexport default function Page() {\n  return getBook();\n}\n',
      ...Object.fromEntries(["books", "authors", "auth"].map((r) => [`app/api/${r}/route.ts`, 'import { getBook } from "../../../../lib/books";\nexport async function GET() {\n  return Response.json(getBook());\n}\n'])),
      "lib/books.ts": 'import { db } from "./db";\nexport function getBook() {\n  return db;\n}\n',
      "lib/db.ts": "export const db = {};\n",
    });
    const d = discover(root);
    expect(d.modules.find((m) => m.id === "books_id")?.files).toEqual(["app/books/[id]/page.tsx", "app/books/[id]/loading.tsx"]);
    // `app/` holds most of the modules, so it is the source folder and names no layer; the pages import
    // infrastructure (`lib/books.ts` uses `db`), and are the router's entries: interface.
    expect(layers(root)).toMatchObject({ books: "infrastructure", books_id: "interface", authors_page: "interface", login_page: "interface" });
  });
});

describe("discover: a monorepo's web app", () => {
  it("a package with components/ of up to 30 files is one module beside a larger backend split into its files", () => {
    const web = Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`apps/web/src/components/C${i}.tsx`, component(`C${i}`, i ? `import { C${i - 1} } from "./C${i - 1}";\n` : 'import { Money } from "@acme/core";\n')]),
    );
    const api = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`apps/api/src/s${i}.ts`, `${i ? `import { s${i - 1} } from "./s${i - 1}";\n` : 'import { Money } from "@acme/core";\n'}export function s${i}() {\n  return 1;\n}\n`]));
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*", "apps/*"] }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", exports: { ".": "./src/index.ts" } }),
      "packages/core/src/index.ts": "export class Money {}\n",
      "apps/web/package.json": JSON.stringify({ name: "@acme/web" }),
      ...web,
      "apps/web/src/main.tsx": 'import { C15 } from "./components/C15";\nC15();\n',
      "apps/api/package.json": JSON.stringify({ name: "@acme/api" }),
      ...api,
    });
    const d = discover(root);
    expect(d.modules.find((m) => m.id === "web")?.files).toHaveLength(17);
    expect(d.modules.filter((m) => m.files.some((f) => f.startsWith("apps/api/")))).toHaveLength(14);
  });
});

describe("discover: a web app beside a backend", () => {
  it("is one module though it is the only package that fits (the backend of 14 files that use one another is split)", () => {
    const backend = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`backend/app/m${i}.py`, i ? `from app.m${i - 1} import m${i - 1}\n\n\ndef m${i}():\n    return m${i - 1}()\n` : "def m0():\n    return 0\n"]));
    const frontend = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`frontend/src/components/C${i}.js`, component(`C${i}`, 'import { get } from "../api/client.js";\n')]));
    const root = makeProject({
      "backend/pyproject.toml": '[project]\nname = "shop"\n',
      ...backend,
      "frontend/package.json": JSON.stringify({ name: "shop-frontend" }),
      ...frontend,
      "frontend/src/api/client.js": "export function get(path) {\n  return fetch(path);\n}\n",
      "frontend/src/main.js": 'import { C0 } from "./components/C0.js";\nC0();\n',
    });
    const d = discover(root);
    expect(d.modules.filter((m) => m.language === "js").map((m) => [m.id, m.files.length])).toEqual([["shop_frontend", 16]]);
    expect(d.modules.filter((m) => m.language === "python")).toHaveLength(14);
  });
});

describe("discover: single-file components", () => {
  it("reads a .vue or .svelte file's <script> imports, the markup around them aside (an apostrophe in it opens no string)", () => {
    const markup = "<template>\n  <p>Don't miss it</p>\n</template>\n\n";
    const root = makeProject({
      "package.json": JSON.stringify({ name: "shop" }),
      "src/main.js": 'import App from "./App.vue";\nimport Cart from "./Cart.svelte";\nexport default [App, Cart];\n',
      "src/App.vue": `${markup}<script setup>\nimport { money } from "./money.js";\nmoney(1);\n</script>\n`,
      "src/Cart.svelte": '<script>\n  import { money } from "./money.js";\n</script>\n\n<p>{money(2)} isn\'t much</p>\n<style>\n  p { color: red; }\n</style>\n',
      "src/money.js": "export function money(cents) {\n  return cents / 100;\n}\n",
    });
    expect(Object.fromEntries(discover(root).modules.map((m) => [m.id, m.dependsOn]))).toEqual({ money: [], app: ["money"], cart: ["money"], main: ["app", "cart"] });
  });
});

describe("discover: single-file components' scripts", () => {
  it("a component with a short script is a module, not a shim of what it imports; its script's leading comment is its purpose; a SvelteKit route's files are one module", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "site" }),
      "src/routes/+page.svelte": '<script>\n  import Hero from "$lib/Hero.svelte";\n</script>\n\n<Hero />\n',
      "src/lib/Hero.svelte": "<h1>Hello</h1>\n",
      // SvelteKit's page and its load function are one route.
      "src/routes/about/+page.svelte": "<script>\n  export let data;\n</script>\n\n<p>{data.text}</p>\n",
      "src/routes/about/+page.js": 'export function load() {\n  return { text: "about" };\n}\n',
      "svelte.config.js": "export default {};\n",
      "src/Cart.vue": '<template>\n  <p>cart</p>\n</template>\n\n<script setup>\n// The shopping cart\'s page: its lines and total.\nimport { money } from "./money.js";\nmoney(1);\n</script>\n',
      "src/money.js": "export function money(cents) {\n  return cents / 100;\n}\n",
      "jsconfig.json": JSON.stringify({ compilerOptions: { paths: { "$lib/*": ["./src/lib/*"] } } }),
    });
    const d = discover(root);
    expect(d.modules.map((m) => [m.id, m.files, m.layer])).toContainEqual(["routes_page", ["src/routes/+page.svelte"], "interface"]);
    expect(d.modules.find((m) => m.id === "about")?.files).toEqual(["src/routes/about/+page.js", "src/routes/about/+page.svelte"]);
    // A component is provided by its file's name: its default export has none.
    expect(d.modules.find((m) => m.id === "hero")?.provides).toEqual(["Hero"]);
    expect(d.modules.find((m) => m.id === "cart")?.doc).toBe("The shopping cart's page: its lines and total.");
  });
});
