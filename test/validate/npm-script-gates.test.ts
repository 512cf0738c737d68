import { describe, expect, it } from "vitest";
import { describeValidation, validationOf, type DiscoverySpec } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

// A module's gate is what a person runs for that module's tests: the script's build first, the
// compiled test where the runner runs compiled JavaScript, its own files in place of the script's folder.

const spec = (modules: Record<string, string[]>): DiscoverySpec => ({ layers: ["core"], modules: Object.entries(modules).map(([id, files]) => ({ id, files })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false });

/** The money module's discovered gate, and the plan's lines, for a project of these scripts and files. */
function moneyGate(scripts: Record<string, string>, files: Record<string, string>, owned = ["src/money.ts"]) {
  const root = makeProject({ "package.json": JSON.stringify({ name: "shop", scripts }), ...files });
  const plan = validationOf(root, spec({ money: owned }), {});
  return { run: plan.discovered.find((d) => d.target === "money")?.check.run, lines: describeValidation(plan) };
}

const tsconfig = (options: Record<string, unknown>, include = ["src", "test"]) => JSON.stringify({ compilerOptions: { module: "NodeNext", ...options }, include });
const sources = { "src/money.ts": "export const cents = (n: number) => n * 100;\n", "test/money.test.ts": "import '../src/money.js';\n" };

describe("discovered module gates from package.json's test script", () => {
  it("builds, then runs the module's compiled test where the script runs node --test on tsc's output (not the .ts appended to the whole script)", () => {
    const rooted = moneyGate({ test: "tsc && node --test dist/test/" }, { ...sources, "tsconfig.json": tsconfig({ outDir: "dist", rootDir: "." }) });
    expect(rooted.run).toBe("npm exec -c 'tsc && node --test dist/test/money.test.js'");
    // No rootDir: tsc's common folder of its files, here the root (src/ and test/).
    const common = moneyGate({ test: "tsc && node --test dist/test/" }, { ...sources, "tsconfig.json": tsconfig({ outDir: "dist" }) });
    expect(common.run).toBe("npm exec -c 'tsc && node --test dist/test/money.test.js'");
  });

  it("finds the build through npm run, its tsconfig through -p, a glob the script quotes, and a pretest script", () => {
    const files = { "src/money.ts": "export const cents = 1;\n", "src/money.test.ts": "import './money.js';\n", "tsconfig.build.json": tsconfig({ outDir: "build", rootDir: "src" }, ["src"]) };
    expect(moneyGate({ build: "tsc -p tsconfig.build.json", test: "npm run build && node --test 'build/**/*.test.js'" }, files).run).toBe("npm exec -c 'npm run build && node --test build/money.test.js'");
    expect(moneyGate({ pretest: "tsc -p tsconfig.build.json", test: "node --test --test-reporter spec build/" }, files).run).toBe("npm exec -c 'npm run pretest && node --test --test-reporter spec build/money.test.js'");
    // The script it calls last is the runner: pnpm's and yarn's calls read as npm's.
    expect(moneyGate({ build: "tsc -p tsconfig.build.json", "test:unit": "c8 node --test build/", test: "pnpm build && pnpm test:unit" }, files).run).toBe("npm exec -c 'pnpm build && c8 node --test build/money.test.js'");
  });

  it("hands the files to a runner that reads TypeScript (vitest, jest, mocha with ts-node), in place of the folder the script names", () => {
    expect(moneyGate({ test: "vitest run" }, sources).run).toBe("npm test -- test/money.test.ts");
    expect(moneyGate({ test: "tsc --noEmit && jest --coverage" }, sources).run).toBe("npm test -- test/money.test.ts");
    expect(moneyGate({ test: "vitest run test/" }, sources).run).toBe("npm exec -c 'vitest run test/money.test.ts'");
    expect(moneyGate({ test: "mocha --require ts-node/register 'test/**/*.test.ts'" }, sources).run).toBe("npm exec -c 'mocha --require ts-node/register test/money.test.ts'");
    // JavaScript's tests go to node as they are, with no npm between.
    const js = { "src/money.js": "", "test/money.test.js": "" };
    expect(moneyGate({ test: "node --test 'test/**/*.test.js'" }, js, ["src/money.js"]).run).toBe("node --test test/money.test.js");
  });

  it("gives no module gate for a script no module's tests can be picked out of, and says why on the plan's lines", () => {
    const shell = moneyGate({ test: "./scripts/test.sh" }, { ...sources, "scripts/test.sh": "" });
    expect(shell.run).toBeUndefined();
    expect(shell.lines).toContain("module gates: none from package.json scripts.test: its test script `./scripts/test.sh` is not one a module's tests can be picked out of (node --test, vitest, jest, mocha, ava, tsx --test); the system gate runs the whole script");
    // A TypeScript test that tsc writes nowhere the script's node runs from.
    const unbuilt = moneyGate({ test: "tsc --noEmit && node --test dist/" }, { ...sources, "tsconfig.json": tsconfig({}) });
    expect(unbuilt.run).toBeUndefined();
    expect(unbuilt.lines.at(-1)).toMatch(/^module gates: none from package.json scripts.test: its test script `tsc --noEmit && node --test dist\/` runs JavaScript, and no `tsc` step with an `outDir`/);
  });
});
