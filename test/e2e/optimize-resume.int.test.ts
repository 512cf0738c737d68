import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { events, runCliAsync, serveModel, sourceOf, status, testOf } from "./helpers.js";
import { until } from "../helpers/until.js";

// A benchmark that holds its first measurement open until the test lets it go (`go`), and says
// where it is (`measuring`, with its pid): the run is killed while it takes the baseline.
const BENCH = `import { existsSync, writeFileSync } from "node:fs";
if (existsSync("go")) console.log("add took 5 ms");
else { writeFileSync("measuring", String(process.pid)); setInterval(() => {}, 1000); }
`;

describe("an optimize run killed while it measures the baseline of the benchmark its agent wrote", () => {
  it("resume measures that benchmark, without asking the agent to write one again", async () => {
    const server = await serveModel((req) => {
      const body = JSON.stringify(req.body);
      if (body.includes("You are preparing to optimize")) return { text: "The project has one already.\nBENCHMARK: node bench.mjs" };
      return { text: "Tuned add: nothing left to gain." };
    });
    const root = makeProject({
      "package.json": '{ "type": "module" }\n',
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
      ".claude/layers/core/modules/ADD_AGENT.md": moduleSpec({ module: "src/add.js", related: ["src/add.js", "test/add.test.js"], body: "## Purpose\n\n`add(a, b)` returns a + b.\n" }),
      "src/add.js": sourceOf("add"),
      "test/add.test.js": testOf("add"),
      "bench.mjs": BENCH,
      "orchestrate.config.yaml": `agent: anthropic\nretries: 0\nanthropic: { model: claude-haiku-4-5-20251001, baseURL: "${server.url}", maxRetries: 1 }\ngates:\n  module:\n    - { name: tests, kind: command, run: "node --test test/" }\n`,
    });
    const env = { ANTHROPIC_API_KEY: "dummy" };
    const run = spawn(process.execPath, [BIN, "run", "optimize add", "--yes", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1", ...env }, stdio: "ignore" });
    const exited = new Promise((resolve) => run.on("exit", resolve));
    const marker = join(root, "measuring");
    try {
      await until(() => existsSync(marker) && readFileSync(marker, "utf8") !== "", "the baseline is being measured");
      run.kill("SIGKILL");
      await exited;
    } finally {
      // Outside the sandbox the benchmark outlives the killed run.
      const pid = Number(readFileSync(marker, "utf8"));
      if (pid) process.kill(pid, "SIGKILL");
    }
    const asked = () => server.requests.filter((r) => JSON.stringify(r.body).includes("You are preparing to optimize")).length;
    expect(asked()).toBe(1);

    writeFileSync(join(root, "go"), "");
    const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const s = status(root);
    expect(s.state).toBe("done");
    // Before: the resumed run asked again ("preparing to optimize" twice), an attempt and its tokens spent anew.
    expect(asked()).toBe(1);
    expect(s.modules[0]!.attempts.map((a) => a.state)).toEqual(["done", "done"]);
    const figures = events(root, s.runId).filter((e) => e.type === "bench").map((e) => JSON.parse(e.data) as { phase: string; value: number; command: string });
    expect(figures.map((f) => [f.phase, f.value, f.command])).toEqual([["before", 5, "node bench.mjs"], ["after", 5, "node bench.mjs"]]);
  }, 90_000);
});
