import { it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
it("x", () => {
  const s = loadSpec(process.env.T!);
  for (const m of s.modules) console.log(JSON.stringify([m.id, m.layer, m.files, m.fileLines, m.dependencies, m.forbiddenImports, m.parts]));
  console.log(JSON.stringify(s.warnings, null, 1));
});
