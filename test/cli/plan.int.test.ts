import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const M = ".claude/layers";

function project(extra: Record<string, string> = {}): string {
  return makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nOrder: the domain layer, then the app layer.\n",
    [`${M}/domain/DOMAIN_ORCHESTRATOR.md`]: "# Domain\n",
    [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Provides\n- `Money`\n" }),
    [`${M}/domain/modules/ORDER_BOOK_AGENT.md`]: moduleSpec({ module: "shop/order_book.py", body: "## Depends On\n- money\n" }),
    [`${M}/app/CHECKOUT_AGENT.md`]: moduleSpec({ module: "shop/checkout.py", body: "## Depends On\n```python\nfrom shop.order_book import Book\n```\n" }),
    ...extra,
  });
}

describe("orchestrate plan", () => {
  it("prints a readable tree: layers, then waves with dependencies, no colour when not a TTY", () => {
    const { code, stdout, stderr } = runCli(["plan", "implement system", "--project", project()]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Plan implement · system");
    expect(stdout).toContain("3 modules in 2 layers, 3 waves; critical path: money → order_book → checkout");
    expect(stdout).toMatch(/Layers\n {2}1\. domain \(DOMAIN_ORCHESTRATOR\): money, order_book\n {2}2\. app: checkout/);
    expect(stdout).toMatch(/wave 3\n {4}└─ checkout +app +← order_book/);
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it("--json prints exactly the plan JSON of DESIGN.md", async () => {
    const { code, stdout } = await cliHere(["plan", "fix the order book", "--project", project(), "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      request: "fix the order book",
      analysis: {
        type: "debug",
        scope: { kind: "modules", ids: ["order_book"] },
        because: expect.arrayContaining(["fix"]),
        confidence: 0.85,
        evidence: [{ kind: "module", target: "order_book", source: "name", words: ["order book"] }],
      },
      layers: [{ id: "domain", modules: ["order_book"], orchestrator: "DOMAIN_ORCHESTRATOR" }],
      // DESIGN.md's fields exactly, plus what a run needs from the spec (additions keep the JSON compatible).
      modules: [expect.objectContaining({ id: "order_book", layer: "domain", spec: `${M}/domain/modules/ORDER_BOOK_AGENT.md`, files: ["shop/order_book.py"], dependsOn: [], specText: expect.stringContaining("order"), specDigest: expect.stringMatching(/^[0-9a-f]{16}$/), dependsOnDone: ["money"] })],
      waves: [["order_book"]],
      criticalPath: ["order_book"],
      warnings: [],
      // Added beside DESIGN's keys, never changing them (issue 12): each edge's source, and what would validate a run.
      edges: [],
      validation: expect.objectContaining({ none: expect.any(Boolean), lines: expect.any(Array) }),
      // A dependency outside the scope, described so the prompt can show its interface.
      external: [{ id: "money", layer: "domain", spec: `${M}/domain/modules/MONEY_AGENT.md`, files: ["shop/money.py"], provides: "- `Money`" }],
    });
  });

  it("shows the scope's confidence and which words matched which module, and where", async () => {
    const { code, stdout } = await cliHere(["plan", "the order book rounds Money wrong", "--project", project()]);
    expect(code).toBe(0);
    expect(stdout).toContain("scope confidence: 0.85");
    expect(stdout).toMatch(/^ {2}order_book +← name: order book$/m);
    // "book" is a part of order_book's name, not its name: the spec index finds it.
    const indexed = await cliHere(["plan", "the book rejects market orders", "--project", project(), "--json"]);
    expect(JSON.parse(indexed.stdout).analysis).toMatchObject({
      scope: { kind: "modules", ids: ["order_book"] },
      evidence: [expect.objectContaining({ target: "order_book", source: "id", words: ["book", "orders"] })],
    });
  });

  it("no module matched: one line that says so and what to pass, not a plan of every module; --json keeps the plan; --scope system confirms", async () => {
    const { code, stdout } = await cliHere(["plan", "tidy the wording of the receipt email", "--project", project()]);
    expect(code).toBe(0);
    // These specs are a line each: no word in common with the request, so no nearest module either (see test/analyze/router.test.ts).
    expect(stdout).toBe('No module matches "tidy the wording of the receipt email"; no module\'s spec shares a word with it. Name a module or layer, or pass --scope module/<id> to pick one, or --scope system to plan all 3 modules\n');
    // Two specs that say the same: the index is sure of neither, so they are the nearest, and the hint names the first.
    // Asked again, the same line: a no-match is never recalled as a kept plan.
    const same = moduleSpec({ body: "## Purpose\nParcels and couriers.\n" });
    const twins = project({ [`${M}/app/SHIPPING_AGENT.md`]: same, [`${M}/app/RETURNS_AGENT.md`]: same });
    for (let i = 0; i < 2; i++) {
      const near = await cliHere(["plan", "couriers lose parcels", "--project", twins]);
      expect(near.stdout).toBe('No module matches "couriers lose parcels" (nearest: returns, shipping). Name a module or layer, or pass --scope module/returns to pick one, or --scope system to plan all 5 modules\n');
    }
    // A log that names no project file: the line says it was read, and what it held.
    const logged = await cliHere(["plan", "fix the failing tests, see logs/out.log", "--project", project({ "logs/out.log": "the tests went red again\n" })]);
    expect(logged.stdout).toMatch(/^No module matches "fix the failing tests, see logs\/out\.log"[^\n]*; the log logs\/out\.log was read and names no project file \(no error the log parsers recognise\)\. Name a module/);
    const unowned = await cliHere(["plan", "fix the failing tests, see logs/out.log", "--project", project({ "logs/out.log": " ❯ tests/x.test.ts (2 tests | 1 failed)\n" })]);
    expect(unowned.stdout).toMatch(/; the log logs\/out\.log was read and names no project file \(1 error, none in a file the project owns\)\. Name a module/);
    // A long request, a pasted log: quoted on its one line up to 120 characters.
    const long = await cliHere(["plan", `tidy\nthe ${"wording ".repeat(400)}`, "--project", project()]);
    expect(long.stdout).toMatch(/^No module matches "tidy the (wording ){13}wordin…"; no module's spec shares a word with it\. /);
    expect(long.stdout.split("\n")).toHaveLength(2);
    const json = JSON.parse((await cliHere(["plan", "tidy the wording of the receipt email", "--project", project(), "--json"])).stdout);
    expect(json.analysis).toMatchObject({ scope: { kind: "system" }, confidence: 0, nearest: [] });
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(["SCOPE_FALLBACK"]);
    const confirmed = JSON.parse((await cliHere(["plan", "tidy the wording", "--scope", "system", "--project", project(), "--json"])).stdout);
    expect(confirmed.analysis).toMatchObject({ scope: { kind: "system" }, confidence: 1 });
    expect(confirmed.warnings).toEqual([]);
  });

  it("--scope sets the scope; a bad one and an empty request are usage errors", async () => {
    const plan = JSON.parse((await cliHere(["plan", "the totals are wrong", "--scope", "module/money,module/checkout", "--project", project(), "--json"])).stdout);
    expect(plan.analysis).toMatchObject({ type: "debug", scope: { kind: "modules", ids: ["checkout", "money"] }, because: ["wrong", "--scope module/money,module/checkout"] });
    const bad = await cliHere(["plan", "fix it", "--scope", "layer/nope", "--project", project()]);
    expect(bad).toMatchObject({ code: 2, stdout: "", stderr: "orchestrate: Unknown layer `nope` in `--scope`; layers: app, domain\n" });
    const empty = await cliHere(["plan", "", "--project", project()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^orchestrate: Expected a request \(what to do, .*\), got an empty one\n$/);
  });

  it("--type overrides detection, layer/<id> scopes to a layer", async () => {
    const plan = JSON.parse((await cliHere(["plan", "look at layer/domain", "--type", "optimize", "--project", project(), "--json"])).stdout);
    expect(plan.analysis.type).toBe("optimize");
    expect(plan.analysis.scope).toEqual({ kind: "layer", id: "domain" });
    expect(plan.waves).toEqual([["money"], ["order_book"]]);
  });

  it("a cycle exits 2 and prints only the cycle", async () => {
    const root = project({ [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Depends On\n- checkout\n" }) });
    const { code, stdout, stderr } = await cliHere(["plan", "implement system", "--project", root]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    // The spec files and lines of the dependencies that form the cycle.
    expect(stderr).toBe(
      `orchestrate: ${M}/app/CHECKOUT_AGENT.md:8: Dependency cycle: checkout -> order_book -> money -> checkout; remove one of these dependencies: ` +
        `${M}/app/CHECKOUT_AGENT.md:8 (checkout depends on order_book), ${M}/domain/modules/ORDER_BOOK_AGENT.md:7 (order_book depends on money), ${M}/domain/modules/MONEY_AGENT.md:7 (money depends on checkout)\n`,
    );
  });

  it("bad input: one clear line naming the file and line, exit 2, no stack", () => {
    const root = project({ [`${M}/domain/modules/MONEY_AGENT.md`]: "---\ndepends_on: [a\n---\n# x\n" });
    const { code, stderr } = runCli(["plan", "implement system", "--project", root]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^orchestrate: \.claude\/layers\/domain\/modules\/MONEY_AGENT\.md:\d+: Malformed YAML front matter/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown explicit layer is a usage error naming the layers", async () => {
    const { code, stderr } = await cliHere(["plan", "optimize layer/kernel", "--project", project()]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown layer `kernel`; layers: .*domain/);
  });

  it("usage errors exit 2", () => {
    expect(runCli(["plan"]).code).toBe(2);
    expect(runCli(["plan", "x", "--type", "bogus"]).code).toBe(2);
    expect(runCli(["nonsense"]).code).toBe(2);
    expect(runCli(["plan", "x", "--project", "/no/such/dir"]).stderr).toBe("orchestrate: Project folder /no/such/dir does not exist\n");
  });
});

describe("orchestrate check", () => {
  it("exits 0 on a clean tree, 1 with warnings (listed with file:line), 2 on errors", async () => {
    const clean = await cliHere(["check", "--project", project({ "shop/money.py": "", "shop/order_book.py": "", "shop/checkout.py": "" })]);
    expect([clean.code, clean.stdout]).toEqual([0, "✓ 3 modules in 2 layers: no problems found\n"]);

    const root = project();
    writeFileSync(join(root, M, "app/CHECKOUT_AGENT.md"), moduleSpec({ module: "shop/checkout.py", body: "## Depends On\n- payments\n" }));
    const warned = await cliHere(["check", "--project", root]);
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain(`${M}/app/CHECKOUT_AGENT.md:7  UNRESOLVED_DEPENDENCY  checkout: \`payments\` under "Depends On" names no module`);
    const json = JSON.parse((await cliHere(["check", "--project", root, "--json"])).stdout);
    expect(json).toMatchObject({ ok: false, errors: [], modules: 3, layers: 2 });
    expect(json.warnings[0]).toMatchObject({ code: "UNRESOLVED_DEPENDENCY", line: 7 });

    writeFileSync(join(root, M, "app/ORDER_BOOK_AGENT.md"), moduleSpec({ module: "x.py" }));
    const broken = await cliHere(["check", "--project", root]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/SPEC_DUPLICATE_ID|declared twice/);
    const brokenJson = await cliHere(["check", "--project", root, "--json"]);
    expect(brokenJson.code).toBe(2);
    expect(JSON.parse(brokenJson.stdout).errors[0]).toMatchObject({ code: "SPEC_DUPLICATE_ID", file: `${M}/domain/modules/ORDER_BOOK_AGENT.md` });
  });
});

describe("orchestrate init, --help, --version", () => {
  it("init scaffolds a tree that check accepts and plan plans, and refuses to overwrite", () => {
    // Claude Code's own files in .claude/ are no spec tree: init writes beside them.
    const dir = join(makeProject({ "new/.claude/settings.json": "{}\n" }), "new");
    expect(runCli(["init", dir]).code).toBe(0);
    expect(readFileSync(join(dir, ".claude/settings.json"), "utf8")).toBe("{}\n");
    expect(runCli(["check", "--project", dir]).code).toBe(0);
    expect(JSON.parse(runCli(["plan", "implement system", "--project", dir, "--json"]).stdout).modules.map((m: { id: string }) => m.id)).toEqual(["greeting"]);
    const run = runCli(["run", "implement system", "--project", dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^orchestrate: agent `simulate` is an offline preview and the project has no recorded\/ folder to replay/);
    const again = runCli(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has a spec tree \(\.claude\/system, \.claude\/layers\); use --force/);
  });

  it("every command has --help, and --version prints the package version", () => {
    for (const command of ["plan", "check", "init"]) {
      const { code, stdout } = runCli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Usage: orchestrate ${command}`));
    }
    const top = runCli(["--help"]);
    expect(top.stdout).toMatch(/Commands:\n[\s\S]*plan[\s\S]*check[\s\S]*init/);
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("orchestrate plan, a second time over the same tree", () => {
  const DERIVED = ".orchestrate/cache/derived.v8";
  /** A project orchestrate keeps state in: only there does `plan` write its cache. */
  const kept = () => {
    const root = project();
    mkdirSync(join(root, ".orchestrate"));
    return root;
  };
  const plan = (root: string, ...args: string[]) => cliHere(["plan", "implement system", "--project", root, ...args]);
  /** Changes the kept plan's text (kept as UTF-8) where it says "critical path". */
  const tamper = (root: string) => {
    const file = join(root, DERIVED);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from("critical path"));
    expect(at).toBeGreaterThan(0);
    bytes.write("X", at);
    writeFileSync(file, bytes);
  };

  it("prints what the first printed, from the plan it kept; an edited spec, config or request is planned again", async () => {
    const root = kept();
    const first = await plan(root);
    expect(first.code).toBe(0);
    expect(existsSync(join(root, DERIVED))).toBe(true);
    expect(await plan(root)).toEqual(first);

    // The kept plan is what is printed: a tampered one shows.
    tamper(root);
    expect((await plan(root)).stdout).toContain("Xritical path");

    // A new dependency in a spec.
    writeFileSync(join(root, M, "app/CHECKOUT_AGENT.md"), moduleSpec({ module: "shop/checkout.py", body: "## Depends On\n- money\n" }));
    const edited = await plan(root);
    expect(edited.stdout).toMatch(/checkout +app +← money/);
    expect((await plan(root)).stdout).toBe(edited.stdout);

    // The config's gates show in the validation lines at once.
    writeFileSync(join(root, "orchestrate.config.yaml"), "gates:\n  system:\n    - name: tests\n      kind: command\n      run: make test\n");
    expect((await plan(root)).stdout).toContain("gates configured: system");
    writeFileSync(join(root, "orchestrate.config.yaml"), "gates: [\n");
    expect((await plan(root)).code).toBe(2);
    writeFileSync(join(root, "orchestrate.config.yaml"), "");

    // Another request has its own plan.
    expect((await cliHere(["plan", "implement layer/app", "--project", root])).stdout).toContain("1 module in 1 layer");
  });

  it("discovers validation again under a kept plan: tests written since show as gates, from the modules the plan kept", async () => {
    const root = kept();
    expect((await plan(root)).stdout).not.toContain("module gates discovered");
    tamper(root);
    // No build file: the project is Python because its modules own .py files, and its tests are unittest's.
    mkdirSync(join(root, "tests"));
    writeFileSync(join(root, "tests/test_money.py"), "");
    const second = (await plan(root)).stdout;
    expect(second).toContain("Xritical path");
    expect(second).toMatch(/system gate discovered: `python3 -m (unittest|pytest)/);
    expect(second).toContain("module gates discovered: money (tests/test_money.py)");
  });

  it("does not keep a plan for --json, whose spec texts it would have to store", async () => {
    const root = kept();
    expect((await plan(root, "--json")).code).toBe(0);
    expect(existsSync(join(root, DERIVED))).toBe(false);
  });
});

describe("orchestrate init --seed", () => {
  it("refuses a patch seed on a copy it does not fit, leaving the copy as it was; unknown seeds are named", () => {
    const root = join(makeProject({}), "ledger");
    expect(runCli(["init", "--example", root]).code).toBe(0);
    const refused = runCli(["init", root, "--seed", "bug"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^orchestrate: The seed does not apply to .*: journal\.patch did not apply/);
    expect(existsSync(join(root, "recorded", "journal@analyze"))).toBe(false);
    expect(runCli(["init", root, "--seed", "nope"]).stderr).toMatch(/Unknown seed `nope`; seeds: bug, violation/);
  });
});
