import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { cliHere } from "./cli-here.js";
import { makeProject, moduleSpec } from "./project.js";

const project = () =>
  makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/MONEY_AGENT.md": moduleSpec({ module: "shop/money.py" }),
    ".claude/layers/core/modules/BOOK_AGENT.md": moduleSpec({ module: "shop/book.py", body: "## Depends On\n- money\n" }),
  });

describe("cliHere: the CLI's main in the test's process", () => {
  it("gives what the CLI's process gives: output, errors and exit code", async () => {
    const root = project();
    for (const args of [["plan", "implement system", "--project", root, "--json"], ["plan", "fix layer/nope", "--project", root], ["check", "--project", root], ["--version"]]) {
      const here = await cliHere(args);
      expect(here, args.join(" ")).toEqual(runCli(args));
    }
  });

  it("puts process.stdout, process.stderr and process.env back, and leaves run to a process", async () => {
    const { write } = process.stdout;
    const before = { ...process.env };
    expect((await cliHere(["plan", "implement system", "--project", project()], { env: { ORCHESTRATE_HERE: "1" } })).code).toBe(0);
    expect(process.stdout.write).toBe(write);
    expect(process.env).toEqual(before);
    await expect(cliHere(["run", "implement system"])).rejects.toThrow(/runs in a process of its own: use runCli/);
  });
});
