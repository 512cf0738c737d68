import { bareModule } from "../helpers/tree.js";
import type { LayerSpec, ModuleSpec, SpecTree } from "../../src/spec/types.js";

/** Module id -> owned files, by layer, in spec order. */
const LAYOUT: Record<string, Record<string, string[]>> = {
  foundation: {
    money: ["ledger/foundation/money.py"],
    events: ["ledger/foundation/events.py"],
    event_loop: ["ledger/foundation/loop.py"],
    errors: ["ledger/foundation/errors.py"],
  },
  core: {
    accounts: ["ledger/core/accounts.py"],
    journal: ["ledger/core/journal.py", "ledger/core/utils.py"],
    balances: ["ledger/core/balances.py"],
    order_book: ["ledger/core/book/order_book.py", "ledger/core/book/matching.py"],
  },
  services: {
    fx: ["ledger/services/fx/rates.py"],
    reports: ["ledger/services/reports.py", "ledger/services/utils.py"],
    importer: ["ledger/services/importer.py"],
  },
  interface: {
    cli: ["ledger/cli.py"],
  },
};

function moduleSpec(id: string, layer: string, files: string[]): ModuleSpec {
  return bareModule(id, layer, files);
}

/** The ledger project used by the analyze tests: 4 layers, 12 modules. */
export function ledgerSpec(root = "/work/ledger"): SpecTree {
  const layers: LayerSpec[] = [];
  const modules: ModuleSpec[] = [];
  for (const [layer, owned] of Object.entries(LAYOUT)) {
    layers.push({
      id: layer,
      orchestrator: `${layer.toUpperCase()}_ORCHESTRATOR`,
      modules: Object.keys(owned),
      allowedImports: [],
      forbiddenImports: [],
    });
    for (const [id, files] of Object.entries(owned)) modules.push(moduleSpec(id, layer, files));
  }
  return {
    root,
    system: { layerOrder: Object.keys(LAYOUT), crossCutting: [], body: "" },
    layers,
    modules,
    warnings: [],
  };
}
