import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.js";

const ALL = ["plan", "check", "init", "run", "resume", "status", "runs", "report", "memory", "mcp", "dashboard", "clean", "worker"];
const names = async (argv: string[]) => (await buildProgram({ exitCode: 0 }, argv)).commands.map((c) => c.name());

describe("the CLI's program", () => {
  it("has every command, in help's order, for help, --version, no command or one it does not know", async () => {
    for (const argv of [[], ["--help"], ["-v"], ["help", "plan"], ["plna"]]) expect(await names(argv), argv.join(" ")).toEqual(ALL);
  });

  it("has only the command a command line names, with those registered beside it", async () => {
    expect(await names(["plan", "implement system"])).toEqual(["plan"]);
    expect(await names(["resume"])).toEqual(["run", "resume"]);
    expect(await names(["report", "--format", "json"])).toEqual(["status", "runs", "report"]);
  });
});
