import { describe, expect, it } from "vitest";
import { followedNote } from "../../src/queue/executor.js";

describe("the line of an attempt that follows an earlier attempt's job", () => {
  it("says the job was re-queued when the earlier attempt's worker was lost, not that the run was cut off", () => {
    const note = followedNote("r1.m.1", { n: 1, worker: "host-a:41", error: "lost: worker host-a:41 stopped renewing job r1.m.1's lock (killed, or cut off from Redis); BullMQ re-queued it" });
    expect(note).toBe("following job r1.m.1, which BullMQ re-queued when attempt 1's worker host-a:41 was lost: no new job, whichever worker takes it runs it");
  });

  it("says the run was cut off when the earlier attempt was interrupted (a resumed run)", () => {
    expect(followedNote("r1.m.2", { n: 2, error: "interrupted: the run stopped during this attempt" })).toBe("re-attached to job r1.m.2, which attempt 2 dispatched before the run was cut off");
  });
});
