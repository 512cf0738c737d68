import { createColors } from "picocolors";

export type Colors = ReturnType<typeof createColors>;

/** Colour only on a terminal, and never when NO_COLOR is set; FORCE_COLOR forces it. */
export function colorsFor(stream: NodeJS.WriteStream): Colors {
  return createColors(colorsOn(stream));
}

export function colorsOn(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  return env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" ? true : !env.NO_COLOR && !!stream.isTTY && env.TERM !== "dumb";
}

export { plural } from "../plural.js";
