import type { RunEvent, Timed } from "../../run/events.js";
import type { Colors } from "../style.js";
import { colorsFor } from "../style.js";
import { redact } from "../../redact/index.js";
import { renderFrame } from "./progress-frame.js";
import { applyEvent, createView } from "./progress-model.js";
import { plainLine } from "./progress-plain.js";

export interface ProgressOptions {
  /** Redraw a display in place instead of printing a line per event. @default on a terminal that moves its cursor, outside CI (`liveOn`) */
  live?: boolean;
  /** Where CI and TERM are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Clock for elapsed times and throttling. @default Date.now */
  now?: () => number;
  /** @default colorsFor(stream) in live mode; plain mode never colours */
  colors?: Colors;
  /** Redraws per second at most, besides the immediate redraw on a state change. @default 10 */
  fps?: number;
}

export interface Progress {
  listener: (event: Timed<RunEvent>) => void;
  /** Writes what is held now (plain mode holds lines until the event loop turns); the caller writes next. */
  flush(): void;
  /** Draws the final frame and gives the terminal back (cursor shown). Safe to call twice. */
  stop(): void;
}

const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";
const CLEAR_LINE = "\x1b[2K";
const CLEAR_BELOW = "\x1b[J";

/** What a person sees of a run: a live display on a terminal, log lines elsewhere. */
export function createProgress(stream: NodeJS.WriteStream, options: ProgressOptions = {}): Progress {
  const live = options.live ?? liveOn(stream, options.env ?? process.env);
  return live ? liveProgress(stream, options) : plainProgress(stream);
}

/** A display redrawn in place: on a terminal, outside CI, and not a `TERM=dumb` one (Emacs' shell, a serial console), which prints cursor moves as they come. */
export function liveOn(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return !!stream.isTTY && !env.CI && env.TERM !== "dumb";
}

/**
 * Lines are gathered and written once the event loop turns, not one write each: events come
 * in bursts (a turn's commit tells its listeners every event of the turn), and a write is a
 * system call through the stream's machinery, three per module. `flush` writes them now,
 * before anyone else writes to the stream or to one it may share (stderr), so the order stays.
 */
function plainProgress(stream: NodeJS.WriteStream): Progress {
  const view = createView();
  let pending = "";
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    held.delete(flush);
    if (pending === "") return;
    const text = pending;
    pending = "";
    stream.write(text);
  };
  return {
    listener(event) {
      applyEvent(view, event);
      const line = plainLine(view, event);
      if (line === undefined) return;
      // Live events come from memory, not the (redacted) store: an agent's error may hold a key.
      pending += redact(`${line}\n`);
      if (!scheduled) {
        // Unref'd: never what keeps a process alive; one that exits first writes them in its exit handler.
        scheduled = setImmediate(flush).unref();
        holding(flush);
      }
    },
    flush,
    stop: flush,
  };
}

/** Plain progresses holding lines, written if the process exits before its next turn. */
const held = new Set<() => void>();
let exitHandler = false;

function holding(flush: () => void): void {
  held.add(flush);
  if (exitHandler) return;
  exitHandler = true;
  process.once("exit", () => {
    for (const f of held) f();
  });
}

function liveProgress(stream: NodeJS.WriteStream, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const colors = options.colors ?? colorsFor(stream);
  const interval = 1000 / (options.fps ?? 10);
  const view = createView();
  let height = 0; // lines of the frame on screen, which the next frame overwrites
  let lastDraw = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const restore = () => stream.write(SHOW_CURSOR);
  const draw = () => {
    const lines = renderFrame(view, { now: now(), rows: stream.rows || 24, columns: stream.columns || 80, colors });
    const up = height > 0 ? `\x1b[${height}A\r` : HIDE_CURSOR;
    // One write per frame, each line cleared as it is overwritten: no flicker.
    stream.write(`${up}${lines.map((l) => `${CLEAR_LINE}${redact(l)}\n`).join("")}${CLEAR_BELOW}`);
    height = lines.length;
    lastDraw = now();
  };
  const start = () => {
    process.once("exit", restore);
    // The timer animates the spinner and clocks; unref'd so it never keeps a finished process alive.
    timer = setInterval(draw, interval);
    timer.unref();
  };

  return {
    flush() {},
    listener(event) {
      if (stopped) return;
      if (!timer) start();
      // A burst of state changes (a failure blocking forty modules) draws once; the timer catches up.
      if (applyEvent(view, event) && now() - lastDraw >= interval / 4) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (!timer) return;
      clearInterval(timer);
      draw();
      restore();
      process.off("exit", restore);
    },
  };
}
