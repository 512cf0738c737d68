import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

/**
 * The agent: attempt 1 starts a child in its process group, says both pids, and both
 * write a counter file every 50 ms, for ever. Attempt 2 looks at once whether either of
 * them still runs (a zombie does not), writes what it saw, and succeeds.
 */
const AGENT = `
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
const dir = process.env.ORCHESTRATE_PROJECT;
const n = process.env.ORCHESTRATE_ATTEMPT;
const count = (file) => { let i = 0; setInterval(() => writeFileSync(file, String(++i)), 50); };
const running = (pid) => { try { return !/^\\S+ \\(.*\\) Z/.test(readFileSync("/proc/" + pid + "/stat", "utf8")); } catch { return false; } };
if (process.argv[2] === "child") count(dir + "/counter-child.txt");
else if (n === "1") {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "child"], { stdio: "ignore" });
  writeFileSync(dir + "/pids.json", JSON.stringify([process.pid, child.pid]));
  count(dir + "/counter.txt");
} else {
  const pids = JSON.parse(readFileSync(dir + "/pids.json", "utf8"));
  writeFileSync(dir + "/seen-by-attempt-" + n + ".json", JSON.stringify({ running: pids.filter(running) }));
}
`;

const read = (file: string) => Number(readFileSync(file, "utf8") || 0);
const exists = (file: string) => {
  try {
    return read(file) > 0;
  } catch {
    return false;
  }
};

/** Resolves once `check` holds; polls, since the condition is another process's file. */
async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Agent processes to end should the test fail while they run. */
let started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

describe("a command agent outliving a killed orchestrate (finding 6)", () => {
  it("resume ends the old attempt's whole process group before its new attempt starts; the module is done once", async () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core.\n",
      ".claude/layers/core/modules/WORKER_AGENT.md": moduleSpec({ module: "src/worker.txt" }),
      "agent.mjs": AGENT,
      "orchestrate.config.yaml": "agent: command\ncommand:\n  run: node agent.mjs\n",
    });
    const counter = join(root, "counter.txt");
    const childCounter = join(root, "counter-child.txt");
    const run = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: "ignore" });
    const exited = new Promise((resolve) => run.on("exit", resolve));
    await until(() => exists(counter) && exists(childCounter), "attempt 1 and its child write");
    run.kill("SIGKILL");
    await exited;

    // The finding: with orchestrate gone, its agent's group goes on writing.
    const [leader, child] = JSON.parse(readFileSync(join(root, "pids.json"), "utf8")) as [number, number];
    started = [leader, child];
    const after = read(childCounter);
    await until(() => read(childCounter) > after && read(counter) > 0, "the orphans go on writing");
    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    const recorded = db.prepare("SELECT module_id, n, pid FROM processes").all() as { module_id: string; n: number; pid: number }[];
    db.close();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ module_id: "worker", n: 1 });
    // The recorded pid leads the group: the shell, or the agent itself if the shell exec'd it.
    expect(readFileSync(`/proc/${leader}/stat`, "utf8").split(") ")[1]!.split(" ")[2]).toBe(String(recorded[0]!.pid));

    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    // Attempt 2 looked the moment it started: nothing of attempt 1 ran any more.
    expect(JSON.parse(readFileSync(join(root, "seen-by-attempt-2.json"), "utf8"))).toEqual({ running: [] });
    for (const pid of [leader, child]) {
      let state = "gone";
      try {
        state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[0]!;
      } catch {
        // gone
      }
      expect(["gone", "Z"]).toContain(state);
    }
    started = []; // gone: the numbers may belong to others soon
    const last = [read(counter), read(childCounter)];
    await new Promise((resolve) => setTimeout(resolve, 200)); // four of the agent's ticks
    expect([read(counter), read(childCounter)]).toEqual(last);

    const status = JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as { state: string; modules: { id: string; state: string; attempts: { state: string }[] }[] };
    expect(status.state).toBe("done");
    expect(status.modules).toHaveLength(1);
    expect(status.modules[0]!.attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
  });
});
