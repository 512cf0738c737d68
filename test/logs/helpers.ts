import { bareModule } from "../helpers/tree.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ModuleSpec, SpecTree } from "../../src/spec/types.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/logs/", import.meta.url));

export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, "utf8");
}

/** A spec tree with one layer whose modules own the given files (module id -> files). */
export function specOf(owned: Record<string, string[]>, root = "/work/project"): SpecTree {
  const modules: ModuleSpec[] = Object.entries(owned).map(([id, files]) => bareModule(id, "core", files));
  return {
    root,
    system: { layerOrder: ["core"], crossCutting: [], body: "" },
    layers: [{ id: "core", modules: modules.map((m) => m.id), allowedImports: [], forbiddenImports: [] }],
    modules,
    warnings: [],
  };
}

/** The example ledger's Python layout, as the captured Python logs show it. */
export const LEDGER = specOf({
  money: ["ledger/money.py"],
  errors: ["ledger/errors.py", "ledger/__init__.py"],
  events: ["ledger/events.py"],
  accounts: ["ledger/core/accounts.py", "tests/test_accounts.py"],
  journal: ["ledger/core/journal.py", "tests/test_journal.py"],
  importer: ["ledger/services/importer.py"],
  cli: ["ledger/cli.py", "ledger/__main__.py"],
});
