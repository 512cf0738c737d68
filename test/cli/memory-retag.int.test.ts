import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";

/** A tree whose module was `cash` and is now `money`: its memories still carry `module:cash`. */
function renamed(): string {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/MONEY_AGENT.md": moduleSpec({ module: "pkg/money.py", body: "## Purpose\nAmounts.\n" }),
    ".claude/layers/core/modules/LEDGER_AGENT.md": moduleSpec({ module: "pkg/ledger.py", body: "## Purpose\nEntries.\n" }),
  });
  const store = openStore(root);
  store.writeMemory({ key: "cash/rounding", content: "Round half to even, never half up.", tags: ["module:cash", "layer:core"], runId: "r1", at: 1 });
  store.writeMemory({ key: "cash/zero", content: "Zero amounts keep their currency.", tags: ["module:cash"], at: 2 });
  store.writeMemory({ key: "ledger/order", content: "Entries are sorted by date.", tags: ["module:ledger"], at: 3 });
  store.close();
  return root;
}

describe("orchestrate memory retag OLD NEW", () => {
  it("check leaves alone the memory a general run writes for its one step (`module:general`, no module of the tree)", () => {
    const root = renamed();
    const store = openStore(root);
    store.writeMemory({ key: "run/r2/general", content: "general (layer system) done in run r2.", tags: ["module:general", "layer:system"], runId: "r2", at: 4 });
    store.close();
    const check = runCli(["check", "--project", root]);
    expect(check.stdout).toContain("`module:cash`");
    expect(check.stdout).not.toContain("`module:general`");
  });

  it("moves a renamed module's memories to its new id, so its prompts have them again", async () => {
    const root = renamed();
    expect((await cliHere(["plan", "--prompt", "money", "--project", root])).stdout).not.toContain("Round half to even");
    const check = await cliHere(["check", "--project", root]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("MEMORY_MODULE_UNKNOWN  2 memories tagged `module:cash`, which is no module of the tree: if it was renamed, `orchestrate memory retag cash <new id>`");

    const { code, stdout, stderr } = await cliHere(["memory", "retag", "cash", "money", "--project", root]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("Retagged 2 memories from module:cash to module:money: cash/zero, cash/rounding\n");

    const list = JSON.parse((await cliHere(["memory", "list", "--json", "--project", root])).stdout) as { key: string; tags: string[]; runId?: string }[];
    expect(Object.fromEntries(list.map((m) => [m.key, m.tags]))).toStrictEqual({ "cash/rounding": ["module:money", "layer:core"], "cash/zero": ["module:money"], "ledger/order": ["module:ledger"] });
    expect(list.find((m) => m.key === "cash/rounding")?.runId).toBe("r1");
    expect((await cliHere(["plan", "--prompt", "money", "--project", root])).stdout).toContain("Round half to even");
    expect((await cliHere(["check", "--project", root]))).toMatchObject({ code: 0 });
  });

  it("takes module:<id> too; a new id not in the tree, or an old one no memory has, is one line and exit 2", async () => {
    const root = renamed();
    const typo = await cliHere(["memory", "retag", "cash", "mony", "--project", root]);
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toBe("orchestrate: Expected <new> to be a module of the tree (ledger, money), got `mony`\n");
    const none = await cliHere(["memory", "retag", "module:coins", "module:money", "--project", root]);
    expect(none).toMatchObject({ code: 2, stderr: "orchestrate: No memory is tagged `module:coins` (see `orchestrate memory list`)\n" });
    expect((await cliHere(["memory", "retag", "module:cash", "module:money", "--project", root])).stdout).toMatch(/^Retagged 2 memories/);
  });
});
