import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * Code bases of our own making, shaped like real ones, for `init --from-code`: packages in
 * layers, tests beside them, a vendored folder, build output, a cycle between two modules.
 * Each returns the files written, by path, so a test can count them.
 */

/** A Python shop: 50+ files; `orders` and `billing` import each other (the cycle). */
export function pythonShop(root: string): Record<string, string> {
  const files: Record<string, string> = {
    "pyproject.toml": '[project]\nname = "shop"\n',
    ".gitignore": "build/\n*.egg-info/\nscratch.py\n",
    "scratch.py": "import shop.api.app\n",
    "build/lib/shop/copy.py": "from shop.domain import cart\n",
    "vendor/yaml_lite/__init__.py": '"""A vendored YAML reader."""\nfrom .reader import load\n',
    "vendor/yaml_lite/reader.py": "def load(text):\n    return {}\n",
    "src/shop/__init__.py": '"""The shop package."""\n',
    "src/shop/errors.py": '"""Errors every shop module raises."""\n\nclass ShopError(Exception):\n    pass\n\n\nclass NotFound(ShopError):\n    pass\n',
    "src/shop/util/__init__.py": "",
    "src/shop/util/clock.py": '"""Time, injectable for tests."""\nimport time\n\ndef now():\n    return time.time()\n',
    "src/shop/util/ids.py": '"""Readable unique ids."""\nimport uuid\n\ndef new_id(prefix):\n    return f"{prefix}-{uuid.uuid4().hex[:8]}"\n',
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/money.py": '"""Money as integer cents."""\nfrom shop.errors import ShopError\n\nclass Money:\n    def __init__(self, cents):\n        if cents < 0:\n            raise ShopError("negative")\n        self.cents = cents\n',
    "src/shop/domain/cart.py": '"""A shopping cart."""\nfrom shop.domain.money import Money\nfrom shop.util.ids import new_id\n\nclass Cart:\n    def __init__(self):\n        self.id = new_id("cart")\n        self.items = []\n\n    def total(self):\n        return Money(sum(i.cents for i in self.items))\n',
    "src/shop/domain/orders.py": '"""Orders placed from carts."""\nfrom shop.domain.cart import Cart\nfrom shop.domain import billing\n\nclass Order:\n    def __init__(self, cart: Cart):\n        self.cart = cart\n\n    def invoice(self):\n        return billing.invoice_for(self)\n',
    "src/shop/domain/billing.py": '"""Invoices for orders."""\nfrom shop.domain.money import Money\nfrom shop.domain.orders import Order\n\ndef invoice_for(order):\n    assert isinstance(order, Order)\n    return Money(0)\n',
    "src/shop/domain/catalog.py": '"""Products and prices."""\nfrom shop.domain.money import Money\nfrom shop.errors import NotFound\n\nclass Product:\n    pass\n\ndef find(sku):\n    raise NotFound(sku)\n',
    "src/shop/adapters/__init__.py": "",
    "src/shop/adapters/db.py": '"""SQLite persistence."""\nimport sqlite3\nfrom shop.domain.orders import Order\n\nclass OrderRepository:\n    def save(self, order: Order):\n        pass\n',
    "src/shop/adapters/mailer.py": '"""Sends mail."""\nfrom shop.domain.orders import Order\n\ndef send_receipt(order: Order):\n    pass\n',
    "src/shop/services/__init__.py": "",
    "src/shop/services/checkout.py": '"""Checkout: cart to paid order."""\nfrom shop.domain.orders import Order\nfrom shop.adapters.db import OrderRepository\nfrom shop.adapters.mailer import send_receipt\nfrom shop.util.clock import now\n\nclass Checkout:\n    def run(self, cart):\n        return Order(cart)\n',
    "src/shop/services/search.py": '"""Product search."""\nfrom shop.domain.catalog import find, Product\n\ndef search(words):\n    return []\n',
    "src/shop/api/__init__.py": "",
    "src/shop/api/app.py": '"""The HTTP API."""\nfrom shop.services.checkout import Checkout\nfrom shop.services.search import search\n\ndef create_app():\n    return Checkout()\n',
    "src/shop/api/__main__.py": "from shop.api.app import create_app\n\ncreate_app()\n",
    "tests/__init__.py": "",
    "tests/conftest.py": "import pytest\n",
  };
  // Product plugins: a folder of many similar files (one module), each using the catalog.
  for (let i = 0; i < 12; i++) files[`src/shop/plugins/plugin_${i}.py`] = `"""Plugin ${i}."""\nfrom shop.domain.catalog import Product\n\nclass Plugin${i}:\n    product = Product\n`;
  files["src/shop/plugins/__init__.py"] = "";
  for (const m of ["money", "cart", "orders", "catalog"]) files[`tests/domain/test_${m}.py`] = `from shop.domain.${m} import *\nfrom shop.errors import ShopError\n\ndef test_${m}():\n    assert True\n`;
  for (const m of ["db", "mailer"]) files[`tests/adapters/test_${m}.py`] = `from shop.adapters.${m} import *\n\ndef test_${m}():\n    pass\n`;
  for (const m of ["checkout", "search"]) files[`tests/services/test_${m}.py`] = `from shop.services.${m} import *\n\ndef test_${m}():\n    pass\n`;
  files["tests/test_app.py"] = "from shop.api.app import create_app\n\ndef test_app():\n    create_app()\n";
  files["tests/test_plugins.py"] = "from shop.plugins.plugin_1 import Plugin1\nfrom shop.plugins.plugin_2 import Plugin2\n";
  files["tests/domain/__init__.py"] = "";
  files["tests/adapters/__init__.py"] = "";
  files["tests/services/__init__.py"] = "";
  for (let i = 0; i < 4; i++) files[`src/shop/util/fmt_${i}.py`] = `def fmt_${i}(x):\n    return str(x)\n`;
  writeFiles(root, files);
  return files;
}

/** A TypeScript board game server: 50+ files, NodeNext `.js` imports, index re-exports, a cycle. */
export function typescriptGame(root: string): Record<string, string> {
  const files: Record<string, string> = {
    "package.json": '{ "name": "game", "type": "module" }\n',
    ".gitignore": "dist/\n",
    "dist/index.js": "export {};\n",
    "node_modules/left-pad/index.js": "module.exports = () => {};\n",
    "vendor/tiny-rng/index.js": "export function rng() { return 4; }\n",
    "src/errors.ts": "/** Errors the game raises. */\nexport class GameError extends Error {}\nexport class IllegalMove extends GameError {}\n",
    "src/util/log.ts": "// A tiny logger.\nexport function log(message: string): void {\n  void message;\n}\n",
    "src/util/random.ts": "import { rng } from '../../vendor/tiny-rng/index.js';\nexport const roll = (): number => rng();\n",
    "src/core/board.ts": "/** The board: squares and pieces. */\nimport { IllegalMove } from '../errors.js';\nexport interface Square { x: number; y: number }\nexport class Board {\n  place(s: Square): void { if (s.x < 0) throw new IllegalMove(); }\n}\n",
    "src/core/rules.ts": "/** What moves are legal. */\nimport { Board } from './board.js';\nimport { next, type Turn } from './turns.js';\nexport function legal(board: Board, turn: Turn): boolean { return !!board && !!turn && !!next; }\n",
    "src/core/turns.ts": "/** Whose turn it is. */\nimport { legal } from './rules.js';\nimport { Board } from './board.js';\nexport interface Turn { player: number }\nexport function next(board: Board, t: Turn): Turn { return legal(board, t) ? { player: 1 - t.player } : t; }\n",
    "src/core/score.ts": "/** Scores at the end. */\nimport { Board } from './board.js';\nexport const score = (b: Board): number => (b ? 1 : 0);\n",
    "src/store/index.ts": "export { GameStore } from './games.js';\nexport { PlayerStore } from './players.js';\n",
    "src/store/games.ts": "/** Games on disk. */\nimport { Board } from '../core/board.js';\nimport { log } from '../util/log.js';\nexport class GameStore { save(b: Board): void { log(String(b)); } }\n",
    "src/store/players.ts": "/** Players on disk. */\nexport class PlayerStore {}\n",
    "src/services/match.ts": "/** Matches two players and runs a game. */\nimport { GameStore } from '../store/index.js';\nimport { next } from '../core/turns.js';\nimport { roll } from '../util/random.js';\nexport class Matchmaker { constructor(readonly store: GameStore) {} start(): number { next; return roll(); } }\n",
    "src/services/ranking.ts": "/** Elo ranking. */\nimport { score } from '../core/score.js';\nimport { PlayerStore } from '../store/index.js';\nexport function rank(p: PlayerStore): number { return score as unknown as number && p ? 1 : 0; }\n",
    "src/api/server.ts": "/** The HTTP server. */\nimport { Matchmaker } from '../services/match.js';\nimport { rank } from '../services/ranking.js';\nimport { GameError } from '../errors.js';\nexport function serve(): void { new Matchmaker(null as never); rank; GameError; }\n",
    "src/main.ts": "import { serve } from './api/server.js';\nserve();\n",
    "src/types/global.d.ts": "declare const VERSION: string;\n",
  };
  for (let i = 0; i < 10; i++) files[`src/bots/bot${i}.ts`] = `/** Bot ${i}. */\nimport { legal } from '../core/rules.js';\nexport class Bot${i} { think = legal; }\n`;
  for (const m of ["board", "rules", "score"]) files[`src/core/${m}.test.ts`] = `import { describe } from 'vitest';\nimport * as x from './${m}.js';\ndescribe('${m}', () => void x);\n`;
  for (const m of ["games", "players"]) files[`test/store/${m}.test.ts`] = `import * as x from '../../src/store/${m}.js';\nvoid x;\n`;
  for (const m of ["match", "ranking"]) files[`test/services/${m}.test.ts`] = `import * as x from '../../src/services/${m}.js';\nvoid x;\n`;
  files["test/api/server.test.ts"] = "import { serve } from '../../src/api/server.js';\nvoid serve;\n";
  files["test/bots.test.ts"] = "import { Bot1 } from '../src/bots/bot1.js';\nimport { Bot2 } from '../src/bots/bot2.js';\nvoid Bot1; void Bot2;\n";
  for (let i = 0; i < 8; i++) files[`src/util/strings${i}.ts`] = `export const pad${i} = (s: string): string => s.padStart(${i});\n`;
  for (let i = 0; i < 6; i++) files[`test/util/strings${i}.test.ts`] = `import { pad${i} } from '../../src/util/strings${i}.js';\nvoid pad${i};\n`;
  writeFiles(root, files);
  return files;
}
