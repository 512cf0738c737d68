import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import type { Unit } from "../../src/discover/group.js";
import { nameUnits } from "../../src/discover/unit-names.js";
import { leadingDoc, publicSurface } from "../../src/discover/surface.js";
import { maskSource } from "../../src/validate/source.js";
import { specFiles } from "../../src/discover/write.js";
import { makeProject } from "../helpers/project.js";

/** Shapes seen in published libraries, in small fixtures of our own. */
describe("discover: imports that do not run when the file loads", () => {
  it("a TS import whose names are used in types only is erased by the compiler: no cycle, each module its own", () => {
    // An SDK's shape: the client builds its resources, and each resource names the client's class in a field type.
    const root = makeProject({
      "package.json": JSON.stringify({ name: "kite" }),
      "src/client.ts": 'import { Flights } from "./resources/flights";\nimport { Seats } from "./resources/seats";\n\nexport class KiteClient {\n  flights = new Flights(this);\n  seats = new Seats(this);\n}\n',
      "src/core/resource.ts": 'import { KiteClient } from "../client";\n\nexport abstract class Resource {\n  protected client: KiteClient;\n  constructor(client: KiteClient) {\n    this.client = client;\n  }\n}\n',
      "src/resources/flights.ts": 'import { Resource } from "../core/resource";\n\nexport class Flights extends Resource {}\n',
      "src/resources/seats.ts": 'import { Resource } from "../core/resource";\nimport type { KiteClient } from "../client";\n\nexport class Seats extends Resource {\n  owner?: KiteClient;\n}\n',
      // A value use keeps the import: `new`, a call, `extends`, `export { }`.
      "src/retry.ts": 'import { KiteClient } from "./client";\n\nexport function retrying() {\n  return new KiteClient();\n}\n',
    });
    const d = discover(root);
    expect(d.merged).toEqual([]);
    const deps = Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]));
    // Before: one module `client_and_3_more` of four files, from the cycle client → flights → resource → client.
    expect(deps).toEqual({ resource: [], flights: ["resource"], seats: ["resource"], client: ["flights", "seats"], retry: ["client"] });
    const layer = Object.fromEntries(d.modules.map((m) => [m.id, m.layer]));
    expect(layer.resource).toBe(layer.client);
  });

  it("a Python import inside a function body runs when called, not on import: no cycle", () => {
    // cryptography's shape: a cipher imports the backend that imports every cipher, inside the function that needs it.
    const root = makeProject({
      "vault/backend.py": "from vault.cipher import Cipher\n\n\nclass Backend:\n    ciphers = [Cipher]\n",
      "vault/cipher.py": 'class Cipher:\n    def encryptor(self):\n        from vault.backend import Backend\n\n        return Backend()\n',
      "vault/keys.py": "def load():\n    import vault.backend\n\n    return vault.backend\n",
      "vault/fernet.py": "import typing\n\nfrom vault.cipher import Cipher\n\n\nclass Fernet:\n    cipher = Cipher\n",
    });
    const d = discover(root);
    expect(d.merged).toEqual([]);
    const deps = Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]));
    // A deferred import outside a cycle is still a dependency.
    expect(deps).toEqual({ cipher: [], backend: ["cipher"], fernet: ["cipher"], keys: ["backend"] });
  });
});

describe("discover: names of modules made by splitting and merging", () => {
  it("a cycle of more than three modules is named by its primary file (the project's src/index.ts: the project), not `client_and_9_more`", () => {
    const resource = (name: string) => ({
      [`src/resources/${name}/${name}.ts`]: `import { Resource } from "../../core/resource";\n\nexport class ${name.toUpperCase()} extends Resource {}\n`,
      [`src/resources/${name}/index.ts`]: `export { ${name.toUpperCase()} } from "./${name}";\n`,
      [`src/resources/${name}.ts`]: `export * from "./${name}/index";\n`,
    });
    const root = makeProject({
      "package.json": JSON.stringify({ name: "@acme/kite" }),
      "src/index.ts": 'export { Kite } from "./client";\nexport * from "./resources/index";\n',
      "src/client.ts": 'import { TRIPS } from "./resources/trips";\nimport { SEATS } from "./resources/seats";\nimport { uuid } from "./core/ids";\n\nexport class Kite {\n  id = uuid();\n  trips = new TRIPS(this);\n  seats = new SEATS(this);\n}\n',
      "src/core/ids.ts": 'export function uuid() {\n  return "1";\n}\n',
      "src/core/resource.ts": 'import { Kite } from "../index";\n\nexport class Resource {\n  constructor(public client: Kite) {}\n  static make() {\n    return new Kite();\n  }\n}\n',
      "src/resources/index.ts": 'export * from "./trips";\nexport * from "./seats";\n',
      ...resource("trips"),
      ...resource("seats"),
    });
    const d = discover(root);
    expect(d.modules.map((m) => m.id).sort()).toEqual(["ids", "kite"]);
    expect(d.merged.map((m) => m.into)).toEqual(["kite"]);
    expect(d.modules.find((m) => m.id === "kite")!.primary).toBe("src/index.ts");
    // The cycle by the files a user edits to break it. Before: by ids of units merged away, lengthened by
    // their clashes (`resources_seats`, `seats_index`, `seats_seats`), and `kite` for src/index.ts alone.
    expect(d.merged[0]!.cycle).toEqual(["src/client.ts", "src/resources/seats.ts", "src/resources/seats/index.ts", "src/resources/seats/seats.ts", "src/core/resource.ts", "src/index.ts", "src/client.ts"]);
    expect(d.merged[0]!.modules).toHaveLength(10);
  });

  it("a shim beside a folder (`trips.ts`: `export * from \"./trips/index\"`) left alone by a split joins that folder's module", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "kite" }),
      // Another folder of code, so that src/resources/ does not hold most of the project's files.
      ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`extra/x${i}.ts`, `export const x${i} = ${i};\n`])),
      "src/core/index.ts": 'export * from "./util";\nexport * from "./registry";\n',
      "src/core/util.ts": "export function slug(s: string) {\n  return s;\n}\n",
      "src/core/registry.ts": 'import { all } from "../resources/index";\n\nexport function registry() {\n  return all();\n}\n',
      ...Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((r) => [`src/resources/${r}.ts`, `import { slug } from "../core/util";\n\nexport function ${r}() {\n  return slug("${r}");\n}\n`])),
      "src/resources/index.ts": 'import { a } from "./a";\nimport { b } from "./b";\n\nexport function all() {\n  return [a(), b()];\n}\n',
      "src/resources/trips.ts": 'export * from "./trips/index";\n',
      "src/resources/trips/index.ts": 'export * from "./trips";\n',
      "src/resources/trips/trips.ts": "export class Trips {}\n",
    });
    const byId = new Map(discover(root).modules.map((m) => [m.id, m]));
    // Before: `trips_entry` of src/resources/trips.ts alone, beside `trips`.
    expect(byId.has("trips_entry")).toBe(false);
    expect(byId.get("trips")!.files.sort()).toEqual(["src/resources/trips.ts", "src/resources/trips/index.ts", "src/resources/trips/trips.ts"]);
  });

  it("the project's top folder split by a cycle: the part with its __init__.py keeps the name; files that share a word are named by it", () => {
    const lexers = ["python", "ruby", "golang", "rust", "java", "swift"];
    const root = makeProject({
      // Another package, so that ink/ does not hold most of the project's files.
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`grinder/g${i}.py`, `def g${i}():\n    return ${i}\n`])),
      "ink/__init__.py": "from ink.lexer import Lexer\nfrom ink.lexers import get_lexer\n\n\ndef highlight(code):\n    return get_lexer().lex(code)\n",
      ...Object.fromEntries(["util", "token", "console", "filter", "plugin"].map((n) => [`ink/${n}.py`, `def ${n}_value():\n    return 1\n`])),
      "ink/lexer.py": "from ink.util import util_value\n\n\nclass Lexer:\n    def lex(self, code):\n        return util_value()\n",
      "ink/cmdline.py": "from ink.lexers import get_lexer\n\n\ndef main():\n    return get_lexer()\n",
      "ink/lexers/__init__.py": "from ink.lexers._sql_builtins import KEYWORDS\nfrom ink.lexers.python import PythonLexer\n\n\ndef get_lexer():\n    return PythonLexer()\n",
      ...Object.fromEntries(lexers.map((n, i) => [`ink/lexers/${n}.py`, `from ink.lexer import Lexer\nfrom ink.lexers._${i < 3 ? n : "sql"}_builtins import KEYWORDS\n\n\nclass Lexer_${n}(Lexer):\n    keywords = KEYWORDS\n`])),
      ...Object.fromEntries(lexers.slice(0, 3).map((n) => [`ink/lexers/_${n}_builtins.py`, "KEYWORDS = ['if']\n"])),
      "ink/lexers/_sql_builtins.py": "KEYWORDS = ['select']\n",
      "ink/lexers/_mapping.py": "LEXERS = {}\n",
    });
    const byId = new Map(discover(root).modules.filter((m) => m.files[0]!.startsWith("ink/")).map((m) => [m.id, m]));
    // Before: `ink` was util.py and the other helpers, `cmdline` the package's __init__.py and cmdline.py, `golang_builtins` the builtins.
    expect(byId.get("ink")!.primary).toBe("ink/__init__.py");
    expect(byId.get("util")!.files).toContain("ink/lexer.py");
    expect(byId.get("builtins")!.files).toContain("ink/lexers/_mapping.py");
    expect(byId.get("lexers")!.files).toContain("ink/lexers/swift.py");
  });

  it("a `lib/` inside `src/` is named `lib`, not `src`; a package's own `lib/` is still the package", () => {
    const units: Unit[] = [
      { id: "", language: "js", folder: "src/lib", files: ["src/lib/a.ts", "src/lib/b.ts"] },
      { id: "", language: "js", files: ["packages/db/lib/index.js"] },
      { id: "", language: "js", files: ["src/index.ts"] },
    ];
    nameUnits(units, "kite");
    expect(units.map((u) => u.id)).toEqual(["lib", "db", "kite"]);
  });
});

describe("discover: purposes from the code's own words", () => {
  it("skips what says nothing about the module (a reST title, a license block, a generator's notice) and reads Python's leading comments", () => {
    expect(leadingDoc('"""\nkite.common\n~~~~~~~~~~~\n\nThis module holds the helpers every client shares.\n"""\n', "python")).toBe("This module holds the helpers every client shares.");
    expect(leadingDoc('"""kite.dist\n\nProvides the Distribution class.\n"""\n', "python")).toBe("Provides the Distribution class.");
    expect(leadingDoc("/*!\n * kite\n * Copyright(c) 2020 Someone\n * MIT Licensed\n */\n\nmodule.exports = 1;\n", "js")).toBeUndefined();
    expect(leadingDoc("// File generated from our OpenAPI spec by a generator.\n\nexport class Seats {}\n", "js")).toBeUndefined();
    expect(leadingDoc("/** @deprecated Import from ./core/error instead */\nexport * from './core/error';\n", "js")).toBe("Deprecated: Import from ./core/error instead");
    // A list after a line that ends in a colon: that line is the sentence.
    expect(leadingDoc("\n# Tokens the scanner makes, of these kinds:\n# STREAM-START\n# STREAM-END\n#\n# More in the code.\n\n__all__ = ['Scanner']\n", "python")).toBe("Tokens the scanner makes, of these kinds.");
    expect(leadingDoc("# -*- coding: utf-8 -*-\n# Reads tokens. Fast.\nimport re\n", "python")).toBe("Reads tokens.");
    expect(leadingDoc("/**\n * The board: squares and pieces.\n */\n", "js")).toBe("The board: squares and pieces.");
  });

  it("a module without a doc comment is described by what it provides, not by its line count alone", () => {
    const root = makeProject({ "kite/scanner.py": "class Scanner:\n    pass\n\n\nclass ScannerError(Exception):\n    pass\n" });
    const d = discover(root);
    const spec = specFiles(d, "kite").get(".claude/layers/foundation/modules/SCANNER_AGENT.md")!;
    expect(spec).toContain("The Python module `kite/scanner.py`, which provides `Scanner` and `ScannerError`.");
    // express's index.js: `module.exports = require("./lib/express")` provides no name `require`.
    expect(publicSurface(maskSource('module.exports = require("./lib/express");\n', "js"), "js")).toEqual([]);
  });
});
