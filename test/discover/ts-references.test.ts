import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

const project = () => JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { outDir: "dist", rootDir: "src" }, include: ["src"] });

/** A solution of TypeScript projects of our own: no package.json but the root's, project references, `@core/*` and `@store` aliases. */
const KITES = {
  "package.json": JSON.stringify({ name: "kites", private: true }),
  "tsconfig.base.json": '{\n  // shared\n  "compilerOptions": {\n    "strict": true,\n    "composite": true,\n    "baseUrl": ".",\n    "paths": { "@core/*": ["packages/core/src/*"], "@store": ["packages/store/src/index.ts"], },\n  },\n}\n',
  "tsconfig.json": '{\n  "files": [],\n  // built in this order\n  "references": [\n    { "path": "./packages/core" },\n    { "path": "./packages/store/tsconfig.json" },\n    { "path": "./packages/app" },\n  ],\n}\n',
  "packages/core/tsconfig.json": project(),
  "packages/store/tsconfig.json": project(),
  "packages/app/tsconfig.json": project(),
  "packages/core/src/kite.ts": "export interface Kite { name: string; line: number }\nexport function makeKite(name: string, line: number): Kite { return { name, line }; }\n",
  "packages/core/src/wind.ts": 'import type { Kite } from "./kite.js";\nexport function lift(k: Kite, speed: number): number { return k.line * speed; }\n',
  "packages/core/src/wind.test.ts": 'import { lift } from "@core/wind";\nimport { makeKite } from "@core/kite";\nif (lift(makeKite("a", 2), 3) !== 6) throw new Error("lift");\n',
  "packages/store/src/index.ts": 'import { makeKite, type Kite } from "@core/kite";\nconst kites: Kite[] = [];\nexport function add(name: string): Kite { const k = makeKite(name, 10); kites.push(k); return k; }\n',
  "packages/app/src/main.ts": 'import { add } from "@store";\nimport { lift } from "@core/wind";\nconsole.log(lift(add("red"), 3));\n',
};

describe("discover: TypeScript project references", () => {
  it("each referenced project is a module, named by its folder; imports through `paths` aliases are its dependencies", () => {
    const d = discover(makeProject(KITES));
    // Before: `kite`, `wind`, `store` and `main`, one a file, as in a project of one package.
    expect(d.modules.map((m) => ({ id: m.id, layer: m.layer, files: m.files.length, tests: m.tests, dependsOn: m.dependsOn }))).toEqual([
      { id: "core", layer: "core", files: 2, tests: ["packages/core/src/wind.test.ts"], dependsOn: [] },
      { id: "store", layer: "infrastructure", files: 1, tests: [], dependsOn: ["core"] },
      { id: "app", layer: "interface", files: 1, tests: [], dependsOn: ["core", "store"] },
    ]);
  });

});
