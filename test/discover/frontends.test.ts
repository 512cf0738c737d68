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
});
