import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { spawnCli } from "../helpers/queue.js";
import { agent, runProject } from "../workspace/run-fixture.js";

interface Status { state: string; modules: { id: string; state: string }[] }

describe("resume with only a layer gate left, without the agent's login or key", () => {
  it("stops, resumable, when the gate fails, its modules left done, rather than fail them in fix attempts no agent can run", async () => {
    const { root, agents } = runProject([{ id: "m" }]);
    const started = join(agents, "layer-gate-started");
    const failing = join(agents, "layer-gate-fails");
    // The layer gate waits for Ctrl-C in the first session, and fails in the resumed one.
    writeFileSync(join(agents, "gate.sh"), `if [ -e ${failing} ]; then echo "lint: 1 problem"; exit 1; fi\ntouch ${started}\nsleep 60\n`);
    const gates = `graceMs: 100\ngates:\n  sandbox: false\n  layer: [ { name: lint, kind: command, run: "sh ${agents}/gate.sh" } ]\n`;
    writeFileSync(join(root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${agents}/$ORCHESTRATE_MODULE.sh\n  prompt: file\nretries: 1\n${gates}`);
    agent(agents, "m", "mkdir -p src && echo m > src/m.txt");
    const first = spawnCli(["run", "implement system"], root);
    while (!existsSync(started) && first.child.exitCode === null) await sleep(50);
    first.child.kill("SIGINT");
    expect(await first.exited, first.stderr()).toBe(130);

    // Resumed with an agent that needs an API key, and none given.
    writeFileSync(join(root, "orchestrate.config.yaml"), `agent: anthropic\nanthropic:\n  model: claude-sonnet-4-5\nretries: 1\n${gates}`);
    writeFileSync(failing, "");
    const resumed = runCli(["resume"], { cwd: root, env: { ANTHROPIC_API_KEY: "" } });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(130);
    expect(resumed.stderr).toContain("orchestrate: warning: layer gate l1 failed, and its fix attempts need the agent, which cannot run here: no API key: set ANTHROPIC_API_KEY");
    expect(resumed.stdout).not.toContain("attempt 2 started");
    const status = JSON.parse(runCli(["status", "--json"], { cwd: root }).stdout) as Status;
    expect(status.state).toBe("interrupted");
    expect(status.modules.map((m) => [m.id, m.state])).toEqual([["m", "done"]]);
  }, 60_000);
});
