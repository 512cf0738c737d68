import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCommandAgent } from "../../src/agents/command.js";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";

afterEach(cleanup);

describe("command agent: the process event (finding 6)", () => {
  it("tells the engine its process group and the leader's start time before the command ends", async () => {
    const cwd = await tempDir();
    // The shell writes its own pid and its /proc stat while it still runs.
    const agent = createCommandAgent({ run: "echo $$ > pid.txt; cat /proc/$$/stat > stat.txt; true" });
    const { ctx, events } = makeContext();
    expect((await agent.run(makeTask(cwd), ctx)).ok).toBe(true);
    const pid = Number(await readFile(join(cwd, "pid.txt"), "utf8"));
    const stat = await readFile(join(cwd, "stat.txt"), "utf8");
    const ticks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    const boot = (await readFile("/proc/sys/kernel/random/boot_id", "utf8")).trim();
    const told = events.filter((e) => e.type === "process");
    expect(told).toEqual([{ type: "process", pid, startTime: `${boot}:${ticks}` }]);
    // Told first, before anything the command's run reports.
    expect(events.findIndex((e) => e.type === "process")).toBeLessThanOrEqual(1);
  });
});
