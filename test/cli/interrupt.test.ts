import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { StartInterrupt } from "../../src/cli/interrupt.js";

// The signals are real process events (process.emit): what the CLI's handler hears from Ctrl-C.

const open: StartInterrupt[] = [];
afterEach(() => {
  for (const i of open.splice(0)) i.dispose();
});

function interrupt() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exits: number[] = [];
  const early = new StartInterrupt(out, "no run was recorded", (code) => exits.push(code));
  open.push(early);
  return { early, exits, text: () => text };
}

describe("StartInterrupt", () => {
  it("the first signal says it is stopping and aborts; the second stops at once with a line and exit 130", () => {
    const { early, exits, text } = interrupt();
    process.emit("SIGINT", "SIGINT");
    expect(text()).toBe("SIGINT: stopping before the run starts (again to stop at once)\n");
    expect(early.signal.aborted).toBe(true);
    expect(early.interrupted).toBe("SIGINT");
    expect(exits).toEqual([]);
    process.emit("SIGINT", "SIGINT");
    expect(text()).toMatch(/\nSIGINT: stopped at once before the run started; no run was recorded\n$/);
    expect(exits).toEqual([130]);
    expect(early.stoppedLine()).toBe("Interrupted (SIGINT) before the run started; no run was recorded\n");
  });

  it("SIGTERM is heard as SIGINT is; once handed off, signals go to the run's own handler only", () => {
    const { early, exits, text } = interrupt();
    const heard: string[] = [];
    early.handOff((signal) => heard.push(signal));
    process.emit("SIGTERM", "SIGTERM");
    process.emit("SIGINT", "SIGINT");
    expect(heard).toEqual(["SIGTERM", "SIGINT"]);
    expect(text()).toBe("");
    expect(exits).toEqual([]);
    expect(early.interrupted).toBeUndefined();
  });

  it("disposed, it no longer listens", () => {
    const before = process.listenerCount("SIGINT");
    const { early } = interrupt();
    expect(process.listenerCount("SIGINT")).toBe(before + 1);
    early.dispose();
    expect(process.listenerCount("SIGINT")).toBe(before);
  });
});
