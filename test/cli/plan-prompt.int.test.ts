import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec, writeFiles } from "../helpers/project.js";

const M = ".claude/layers";

function project(extra: Record<string, string> = {}): string {
  return makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nOrder: the domain layer, then the app layer.\n",
    [`${M}/domain/DOMAIN_ORCHESTRATOR.md`]: "# Domain\n",
    [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Purpose\nExact amounts in one currency.\n\n## Provides\n- `Money` — an amount and its currency\n- `parse_amount` — text to Decimal\n" }),
    [`${M}/domain/modules/ORDER_BOOK_AGENT.md`]: moduleSpec({ module: "shop/order_book.py", body: "## Depends On\n- money\n\n## Rules\nPrices are Money, never floats.\n" }),
    ...extra,
  });
}

describe("orchestrate plan --prompt", () => {
  // This one and the last run the CLI's process; the others call its main in this one (helpers/cli-here.ts).
  it("prints the module's prompt with its dependencies' Provides, a token count and the share of each section", () => {
    const { code, stdout, stderr } = runCli(["plan", "--prompt", "order_book", "--project", project()]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("You are the coding agent for module `order_book`");
    expect(stdout).toContain("### `money` (layer domain)\nExact amounts in one currency.\nProvides:\n- `Money` — an amount and its currency");
    expect(stdout).toContain("Prices are Money, never floats.");
    expect(stdout).toMatch(/\n---\n\d+ tokens \(cl100k_base; budget 12000 for spec, task, dependencies and memory\): spec \d+ \(\d+%\) · task 0 \(0%\) · dependencies \d+ \(\d+%\) · memory 0 \(0%\) · template \d+ \(\d+%\)\n$/);
  });

  it("shows the project's CLAUDE.md in the prompt, with its tokens", async () => {
    const { code, stdout } = await cliHere(["plan", "--prompt", "order_book", "--project", project({ "CLAUDE.md": "Run the tests with `make check`.\n" })]);
    expect(code).toBe(0);
    expect(stdout).toContain("The project's instructions to coding agents (CLAUDE.md):\n<project-instructions>\nRun the tests with `make check`.\n</project-instructions>");
    expect(stdout).toMatch(/budget 12000 for spec, task, instructions, dependencies and memory\): spec \d+ \(\d+%\) · task 0 \(0%\) · instructions [1-9]\d* \(\d+%\) · dependencies/);
  });

  it("leaves CLAUDE.md out when Claude Code reads it itself (claudeCode.settingSources: [project]), and says so; AGENTS.md stays", async () => {
    const files = { "CLAUDE.md": "Run the tests with `make check`.\n", "AGENTS.md": "No new dependencies.\n" };
    const reads = project({ ...files, "orchestrate.config.yaml": "agent: claude-code\nclaudeCode:\n  settingSources: [project]\n" });
    const { code, stdout, stderr } = await cliHere(["plan", "--prompt", "order_book", "--project", reads]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).not.toContain("make check");
    expect(stdout).toContain("The project's instructions to coding agents (AGENTS.md):\n<project-instructions>\nNo new dependencies.\n</project-instructions>");
    expect(stdout).toMatch(/\nLeft out: CLAUDE\.md, which Claude Code reads itself \(claudeCode\.settingSources has `project`\)\n$/);

    // Without `project`, or with another agent, the prompt carries both.
    for (const config of ["agent: claude-code\nclaudeCode:\n  settingSources: [user]\n", "agent: anthropic\nanthropic: { model: m }\nclaudeCode:\n  settingSources: [project]\n"]) {
      const out = (await cliHere(["plan", "--prompt", "order_book", "--project", project({ ...files, "orchestrate.config.yaml": config })])).stdout;
      expect(out).toContain("From `CLAUDE.md`:\nRun the tests with `make check`.");
      expect(out).not.toContain("Left out:");
    }
  });

  it("a command preset whose CLI reads the project's instruction files itself does not get them in the prompt too: claude its CLAUDE.md, codex and opencode AGENTS.md; aider gets both", async () => {
    const files = { "CLAUDE.md": "Run the tests with `make check`.\n", "AGENTS.md": "No new dependencies.\n" };
    const prompt = (preset: string) => cliHere(["plan", "--prompt", "order_book", "--project", project({ ...files, "orchestrate.config.yaml": `agent: command\ncommand: { preset: ${preset} }\n` })]);
    const claude = await prompt("claude");
    expect(claude.code).toBe(0);
    expect(claude.stdout).not.toContain("make check");
    expect(claude.stdout).toContain("No new dependencies.");
    expect(claude.stdout).toMatch(/\nLeft out: CLAUDE\.md, which the `claude` CLI reads itself \(command\.preset: claude\)\n$/);
    for (const preset of ["codex", "opencode"]) {
      const out = (await prompt(preset)).stdout;
      expect(out).toContain("make check");
      expect(out).not.toContain("No new dependencies.");
      expect(out).toMatch(new RegExp(`\\nLeft out: AGENTS\\.md, which the \`${preset}\` CLI reads itself \\(command\\.preset: ${preset}\\)\\n$`));
    }
    const aider = (await prompt("aider")).stdout;
    expect(aider).toContain("make check");
    expect(aider).toContain("No new dependencies.");
    expect(aider).not.toContain("Left out:");
  }, 120_000);

  it("after the dependency's file exists, shows its signatures; memories of the module and of its dependencies come from the store", async () => {
    const root = project();
    writeFiles(root, { "shop/money.py": 'class Money:\n    """An amount and its currency."""\n    def __init__(self, amount: Decimal, currency: str = "USD") -> None:\n        self._a = amount\n    def _cents(self): ...\n\ndef parse_amount(text: str) -> Decimal:\n    return Decimal(text)\n' });
    const store = openStore(root);
    // What an agent's `write_memory` leaves: tagged with its module.
    store.writeMemory({ key: "decision/money-rounding", content: "Money rounds half-even to the minor unit.", tags: ["module:money"], at: 1 });
    store.writeMemory({ key: "pitfall/order-book-ties", content: "Equal prices keep arrival order.", tags: ["module:order_book"], at: 2 });
    store.close();
    const json = JSON.parse((await cliHere(["plan", "--prompt", "order_book", "--project", root, "--json"])).stdout);
    expect(json.prompt).toContain('Signatures in `shop/money.py`:\n```python\nclass Money  # An amount and its currency.\n    def __init__(self, amount: Decimal, currency: str = "USD") -> None\ndef parse_amount(text: str) -> Decimal\n```');
    expect(json.prompt).not.toContain("_cents");
    expect(json.prompt).toContain("**pitfall/order-book-ties**: Equal prices keep arrival order.");
    expect(json.prompt).toContain("**decision/money-rounding**: Money rounds half-even to the minor unit.");
    expect(json.prompt.indexOf("order-book-ties")).toBeLessThan(json.prompt.indexOf("money-rounding"));
    expect(json).toMatchObject({ module: "order_book", encoding: "cl100k_base", maxTokens: 12000, cut: [] });
    expect(json.sections.memory).toBeGreaterThan(0);
    expect(json.sections.dependencies).toBeGreaterThan(0);
    expect(json.tokens).toBe(json.sections.spec + json.sections.task + json.sections.dependencies + json.sections.memory + json.sections.template);
  });

  it("a small prompt.maxTokens in the config cuts memories first and says so", async () => {
    const root = project({ "orchestrate.config.yaml": "prompt:\n  maxTokens: 500\n", [`${M}/domain/modules/ORDER_BOOK_AGENT.md`]: moduleSpec({ module: "shop/order_book.py", body: `## Depends On\n- money\n\n## Rules\n${"Prices are Money, never floats. ".repeat(40)}\n` }) });
    const store = openStore(root);
    store.writeMemory({ key: "pitfall/long", content: "A lesson. ".repeat(200), tags: ["module:order_book"], at: 1 });
    store.close();
    const { code, stdout } = await cliHere(["plan", "--prompt", "order_book", "--project", root]);
    expect(code).toBe(0);
    expect(stdout).toContain("### `money` (layer domain)");
    expect(stdout).not.toContain("pitfall/long");
    expect(stdout).toMatch(/To stay within 500 tokens, this prompt leaves out: a memory of the module \(\d+ tokens\)\./);
    expect(stdout).toMatch(/Cut to fit: a memory of the module/);
  });

  it("is the prompt a run sends and keeps: `status --prompt` gives it back whole, though the store keeps its spec text once", async () => {
    const root = project({ "orchestrate.config.yaml": "agent: simulate\n" });
    const preview = JSON.parse((await cliHere(["plan", "implement system", "--prompt", "money", "--project", root, "--json"])).stdout).prompt as string;
    expect(runCli(["run", "implement system", "--yes", "--project", root]).code).toBe(0);
    expect((await cliHere(["status", "--prompt", "money", "--project", root])).stdout).toBe(preview.endsWith("\n") ? preview : `${preview}\n`);
    // Each module's prompt quotes its spec: stored as the text around it and the spec's digest.
    const db = new Database(join(root, ".orchestrate", "state.db"), { readonly: true });
    expect(db.prepare("SELECT module_id, spec_digest IS NOT NULL AS apart FROM attempt_texts ORDER BY module_id").all()).toStrictEqual([
      { module_id: "money", apart: 1 },
      { module_id: "order_book", apart: 1 },
    ]);
    db.close();
  });

  it("names the module's test files, owned or found by name, in the preview and in the prompt the run sends", async () => {
    const root = project({ "orchestrate.config.yaml": "agent: simulate\n", "tests/test_money.py": "def test_parse(): pass\n" });
    const { stdout } = await cliHere(["plan", "implement system", "--prompt", "money", "--project", root]);
    expect(stdout).toContain("It owns these files:\n- shop/money.py\nIts tests are in these files; they must pass when you are done:\n- tests/test_money.py\n");
    expect(stdout).toMatch(/ · task [1-9]\d* \(/);
    const preview = JSON.parse((await cliHere(["plan", "implement system", "--prompt", "money", "--project", root, "--json"])).stdout).prompt as string;
    expect(runCli(["run", "implement system", "--yes", "--project", root]).code).toBe(0);
    expect((await cliHere(["status", "--prompt", "money", "--project", root])).stdout).toBe(preview.endsWith("\n") ? preview : `${preview}\n`);
    expect((await cliHere(["plan", "implement system", "--prompt", "order_book", "--project", root])).stdout).not.toContain("Its tests");
  });

  it("names the commands the module's gate runs, configured (placeholders written out) or discovered, in the preview and in the prompt the run sends", async () => {
    const config = "agent: simulate\nmodules:\n  money:\n    gates:\n      module:\n        - { name: tests, kind: command, run: \"python3 -m unittest tests.test_{module}\" }\n        - { name: lint, kind: command, run: \"python3 -m py_compile {files}\" }\n        - { name: architecture, kind: architecture }\n";
    const root = project({ "orchestrate.config.yaml": config, "tests/__init__.py": "", "tests/test_money.py": "import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n" });
    writeFiles(root, { "shop/money.py": "", "shop/order_book.py": "" });
    const { stdout } = await cliHere(["plan", "implement system", "--prompt", "money", "--project", root]);
    expect(stdout).toContain("When you finish, its gate runs these commands; run them yourself first (one your sandbox refuses, for want of the network or of a folder, leave to the gate):\n- `python3 -m unittest tests.test_money`\n- `python3 -m py_compile shop/money.py`\n");
    const preview = JSON.parse((await cliHere(["plan", "implement system", "--prompt", "money", "--project", root, "--json"])).stdout).prompt as string;
    expect(runCli(["run", "implement system", "--yes", "--project", root]).code).toBe(0);
    expect((await cliHere(["status", "--prompt", "money", "--project", root])).stdout).toBe(preview.endsWith("\n") ? preview : `${preview}\n`);
    // order_book's gate is the one discovered from the project (its test found by name), as the run's first lines say.
    writeFiles(root, { "orchestrate.config.yaml": "agent: simulate\n", "tests/test_order_book.py": "" });
    const discovered = (await cliHere(["plan", "implement system", "--prompt", "order_book", "--project", root])).stdout;
    expect(discovered).toMatch(/When you finish, its gate runs these commands; run them yourself first \(one your sandbox refuses, for want of the network or of a folder, leave to the gate\):\n- `python3 -m (?:pytest -q|unittest) tests\/test_order_book\.py`\n/);
  });

  it("a debug request's preview is the diagnosis a run sends first: the log (secrets redacted) and the dependencies' interfaces", async () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
    const log = `Traceback (most recent call last):\n  File "/srv/app/shop/order_book.py", line 8, in add\n    x\nTypeError: bad price (session=${jwt})\n`;
    const root = project({ "orchestrate.config.yaml": "agent: simulate\n", "logs/error.log": log });
    const request = "fix the crash, see logs/error.log";
    const preview = JSON.parse((await cliHere(["plan", request, "--prompt", "order_book", "--project", root, "--json"])).stdout).prompt as string;
    expect(preview).toContain("You are diagnosing a bug in module `order_book`");
    expect(preview).toContain("TypeError: bad price (session=[REDACTED:jwt])");
    expect(preview).toContain("### `money` (layer domain)");
    expect(JSON.stringify(JSON.parse((await cliHere(["plan", request, "--project", root, "--json"])).stdout).log)).not.toContain(jwt);
    expect(runCli(["run", request, "--yes", "--project", root]).code).toBe(0);
    expect((await cliHere(["status", "--prompt", "order_book", "--attempt", "1", "--project", root])).stdout).toBe(preview.endsWith("\n") ? preview : `${preview}\n`);
  });

  it("a general request's preview is its one step over the system spec, with the layers", async () => {
    const { code, stdout } = await cliHere(["plan", "update the docs", "--type", "general", "--prompt", "general", "--project", project()]);
    expect(code).toBe(0);
    expect(stdout).toContain("The project's layers, innermost first, and their modules:\n1. domain: money, order_book\n");
    expect(stdout).toContain('<system-spec file=".claude/system/SYSTEM_ORCHESTRATOR.md">\n# System\n');
  });

  it("a general request's step shows the system spec wherever the tree keeps it, a CLAUDE.md read as one once", async () => {
    const flat = (files: Record<string, string>) =>
      makeProject({
        ".claude/agents/MONEY_AGENT.md": moduleSpec({ module: "shop/money.py", body: "## Purpose\nExact amounts.\n" }),
        ...files,
      });
    const top = await cliHere(["plan", "update the docs", "--type", "general", "--prompt", "general", "--project", flat({ ".claude/SYSTEM_ORCHESTRATOR.md": "# Shop\nAmounts are never floats.\n" })]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('<system-spec file=".claude/SYSTEM_ORCHESTRATOR.md">\n# Shop\nAmounts are never floats.\n');
    expect(top.stdout).not.toContain("could not be read");
    const claude = await cliHere(["plan", "update the docs", "--type", "general", "--prompt", "general", "--project", flat({ "CLAUDE.md": "# Shop\nRun `make check` before you finish.\n" })]);
    expect(claude.stdout).toContain('<system-spec file="CLAUDE.md">\n# Shop\nRun `make check` before you finish.\n');
    expect(claude.stdout.split("Run `make check`").length - 1).toBe(1);
  });

  it("names the module as people write it: its agent name, spec file, `<layer>/<id>`, `module/<id>` or a file it owns", async () => {
    const root = project();
    const expected = (await cliHere(["plan", "--prompt", "order_book", "--project", root, "--json"])).stdout;
    // The other spellings (`OrderBookAgent`, `ORDER_BOOK_AGENT.md`, `module/<id>`) are `moduleNamed`'s, tested with the specs' dependencies.
    for (const written of ["ORDER_BOOK_AGENT", "domain/order_book", "shop/order_book.py"]) {
      const { code, stdout } = await cliHere(["plan", "--prompt", written, "--project", root, "--json"]);
      expect([written, code]).toEqual([written, 0]);
      expect(JSON.parse(stdout)).toEqual(JSON.parse(expected));
    }
  });

  it("names the module by its front matter `name` (`name: money-service` in MONEY_AGENT.md)", async () => {
    const root = project({ [`${M}/domain/modules/MONEY_AGENT.md`]: `---\nname: money-service\n---\n${moduleSpec({ module: "shop/money.py", body: "## Purpose\nExact amounts.\n" })}` });
    const expected = (await cliHere(["plan", "--prompt", "money", "--project", root, "--json"])).stdout;
    const { code, stdout } = await cliHere(["plan", "--prompt", "money-service", "--project", root, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(expected));
  });

  it("a module outside the plan is a usage error: one line, exit 2", () => {
    const { code, stdout, stderr } = runCli(["plan", "--prompt", "nope", "--project", project()]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
