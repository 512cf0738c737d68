import type { SectionName } from "./context.js";

/**
 * A part of a prompt's context that the budget keeps or leaves out whole (src/prompt/context.ts).
 * Every piece has every field (made by `piece`), so pieces of all kinds share one V8 hidden class.
 */
export interface Piece {
  section: SectionName;
  /** Lower is kept first: own spec and task, then interfaces, then signatures, then memories. */
  priority: number;
  label: string;
  text: string;
  /** `text`'s UTF-8 length when known already (a dependency's Provides, shared by its dependents). */
  bytes: number | undefined;
  /** Which dependency it belongs to, for dependency pieces. */
  dep: string | undefined;
  kind: "provides" | "signatures" | undefined;
  /** Its size as `fit` measures it (tokens, or bytes as their bound); set there, as is `kept`. */
  size: number;
  kept: boolean;
}

/**
 * A piece with all its fields, set in one order. Pieces with optional keys left out had four
 * shapes, and they appear at different times of a run (dependencies after the first wave,
 * memories and signatures once modules are done): each new one deoptimized `fit` and
 * `buildContext`, and V8 compiled them again, three times more each in a 10,000-module run.
 */
export function piece(section: SectionName, priority: number, label: string, text: string, dep?: string, kind?: Piece["kind"], bytes?: number): Piece {
  return { section, priority, label, text, bytes, dep, kind, size: 0, kept: false };
}
