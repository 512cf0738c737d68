import { describe, expect, it } from "vitest";
import { keptOptions, resumeQueue } from "../../src/config/queue-kept.js";
import { withDefaults } from "../../src/config/options.js";

const run = (queue?: { url: string; remote?: string }) => JSON.stringify(keptOptions(withDefaults({}, queue ? { queue } : {})));

describe("a run's queue as its record keeps it", () => {
  it("without a Redis password; a URL without one as it is", () => {
    expect(JSON.parse(run({ url: "redis://:pw@q:6379/2", remote: "/srv/r.git" })).queue).toStrictEqual({ url: "redis://q:6379/2", remote: "/srv/r.git", withoutPassword: true });
    expect(JSON.parse(run({ url: "rediss://ops:pw@q:6380" })).queue).toStrictEqual({ url: "rediss://ops@q:6380", withoutPassword: true });
    expect(JSON.parse(run({ url: "redis://q:6379", remote: "/srv/r.git" })).queue).toStrictEqual({ url: "redis://q:6379", remote: "/srv/r.git" });
    expect(JSON.parse(run()).queue).toBeUndefined();
  });
});

describe("the queue resume runs on", () => {
  it("the run's own, each of its parts unless the command line gives it", () => {
    const kept = run({ url: "redis://q:6379", remote: "/srv/r.git" });
    expect(resumeQueue(kept, {}, undefined, "r1")).toStrictEqual({ queue: { url: "redis://q:6379", remote: "/srv/r.git" } });
    expect(resumeQueue(kept, { remote: "/srv/other.git" }, { url: "redis://config:6379" }, "r1")).toStrictEqual({ queue: { url: "redis://q:6379", remote: "/srv/other.git" } });
    expect(resumeQueue(kept, { url: "redis://:pw@elsewhere:6379" }, undefined, "r1")).toStrictEqual({ queue: { url: "redis://:pw@elsewhere:6379", remote: "/srv/r.git" } });
  });

  it("a run that was not queued: the command line's, else (nothing here) the config's", () => {
    expect(resumeQueue(run(), {}, { url: "redis://config:6379" }, "r1")).toStrictEqual({});
    expect(resumeQueue(run(), { url: "redis://q:6379" }, undefined, "r1")).toStrictEqual({ queue: { url: "redis://q:6379" } });
    expect(resumeQueue("{cut short", {}, undefined, "r1")).toStrictEqual({});
  });

  it("a URL whose password was left out: the config's same URL with it, else one line saying what to pass", () => {
    const kept = run({ url: "redis://:pw@q:6379", remote: "/srv/r.git" });
    expect(resumeQueue(kept, {}, { url: "redis://:pw2@q:6379" }, "r1")).toStrictEqual({ queue: { url: "redis://:pw2@q:6379", remote: "/srv/r.git" } });
    expect(resumeQueue(kept, {}, { url: "redis://:pw@other:6379" }, "r1")).toStrictEqual({
      advice: "Run r1 ran on the queue redis://:***@q:6379, whose password is not kept in .orchestrate/state.db: resume it with `orchestrate resume r1 --queue redis://:PASSWORD@q:6379` (or set `queue.url` in orchestrate.config.yaml)",
    });
  });
});
