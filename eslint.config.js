// Lint: typed rules that catch real bugs (floating promises, misused promises), import cycles,
// and no console in library code (the CLI and the progress view own the terminal).
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "examples/", "bench/", "coverage/", "test/fixtures/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts", "src/**/*.tsx", "test/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX },
    // The TypeScript resolver maps `./x.js` to `x.ts`; the node resolver found no file, so no-cycle saw no edges.
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      // Without these, import-x parses only .js dependencies and every .ts one is a dead end.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "import-x/no-cycle": "error",
    },
  },
  { files: ["src/**/*.ts"], ignores: ["src/cli/**"], rules: { "no-console": "error" } },
  { files: ["src/**/*.ts"], rules: { "import-x/no-restricted-paths": ["error", { zones: directionZones() }] } },
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-non-null-assertion": "off" } },
);

/**
 * The direction of src/ (README, "Architecture"): spec -> plan -> run -> workflows -> report -> mcp/cli,
 * with the parts run drives (agents, validate, docs, store, ...) below run and the leaves at the bottom.
 * Each zone forbids one upward edge, so an import against the flow fails `npm run lint`.
 */
function directionZones() {
  const leaves = ["./errors.ts", "./usage.ts", "./package.ts", "./read-capped.ts", "./timer.ts", "./exec", "./redact", "./sandbox"];
  const below = ["spec", "analyze", "logs", "config", "store", "docs", "agents", "agent-mcp", "validate", "plan", "discover", "workspace"];
  const above = (...parts) => parts.map((p) => `src/${p}`);
  const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
  return [
    zone(["src/errors.ts", "src/usage.ts", "src/package.ts", "src/read-capped.ts", "src/timer.ts", "src/exec", "src/redact", "src/sandbox"], "src", "a leaf imports no other part of src/", leaves),
    zone(above("store"), "src", "the store imports only leaves and the types of what it keeps", ["./store", "./plan/types.ts", "./validate/types.ts", ...leaves]),
    zone(above("spec", "analyze", "logs"), above("plan"), "planning reads specs, never the other way"),
    zone(above("validate"), above("agents"), "validate runs commands through src/exec, not agents"),
    zone(above(...below), above("run", "workflows", "report", "mcp", "cli", "index.ts"), "this part sits below run"),
    zone(above("run"), above("workflows", "report", "mcp", "cli", "index.ts"), "run knows no workflow, report or front end"),
    zone(above("workflows"), above("report", "mcp", "cli", "index.ts"), "workflows sit below the front ends"),
    zone(above("report"), above("mcp", "cli", "index.ts"), "report models are shared by mcp and cli, so import neither"),
    zone(above("mcp"), above("cli", "index.ts"), "mcp does not import the CLI"),
  ];
}
