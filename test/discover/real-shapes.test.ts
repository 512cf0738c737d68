import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
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
