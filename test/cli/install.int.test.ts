import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// `npm install -g <checkout>`, as the README tells users outside this checkout (the npm name
// `orchestrate` belongs to another package): the installed bin works from any folder.
const CHECKOUT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = join(CHECKOUT, "examples", "ledger");
const prefix = mkdtempSync(join(tmpdir(), "orchestrate-install-"));
const elsewhere = mkdtempSync(join(tmpdir(), "orchestrate-elsewhere-"));
afterAll(() => {
  rmSync(prefix, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe("installed from a checkout", () => {
  it("runs from another folder through the bin npm links", () => {
    const install = spawnSync("npm", ["install", "-g", "--prefix", prefix, "--ignore-scripts", "--no-audit", "--no-fund", CHECKOUT], { encoding: "utf8", timeout: 120_000 });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, "bin", "orchestrate");
    const env = { ...process.env, NO_COLOR: "1", PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}` };

    const version = spawnSync("orchestrate", ["--version"], { cwd: elsewhere, env, encoding: "utf8" });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const plan = spawnSync(bin, ["plan", "implement system", "--project", EXAMPLE, "--json"], { cwd: elsewhere, env, encoding: "utf8" });
    expect(plan.status, plan.stderr).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { modules: { id: string }[] };
    expect(parsed.modules.map((m) => m.id)).toContain("journal");
  });
});
