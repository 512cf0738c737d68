import type { AttemptRecord } from "./types.js";
import { toAttempt, type AttemptCells } from "./rows.js";

/**
 * Past this many modules the store keeps no more (a caller that never reads them back, a run
 * without hooks, must not grow memory by a record a module); the rest are read from SQL.
 */
const MAX_MODULES = 256;

/**
 * The attempts this store wrote, of modules whose every attempt it wrote (their first was
 * numbered 1 here), as the cells their rows hold: what `getAttempts(run, module)` would read
 * back. A run reads a module's attempts once, when the module ends (its memory, in
 * src/run/hooks.ts), right after writing them: that read is answered from here and lets the
 * module go, so a read costs no statement and the store holds only modules in flight. Strings
 * are kept only when SQLite stores them unchanged (no lone surrogate, which UTF-8 cannot hold).
 */
export class OwnAttempts {
  private readonly modules = new Map<string, AttemptCells[]>();

  started(cells: AttemptCells): void {
    const runId = cells[0];
    const moduleId = cells[1];
    const n = cells[2];
    const key = keyOf(runId, moduleId);
    const kept = this.modules.get(key);
    if (!cellsKeep(cells)) this.modules.delete(key);
    else if (n === 1 && !kept && this.modules.size < MAX_MODULES) this.modules.set(key, [cells]);
    else if (kept && kept.at(-1)![2] === n - 1) kept.push(cells);
    else this.modules.delete(key);
  }

  /** An ended attempt's record: the running one's cells with those its end wrote, as `finishAttempt` writes them. */
  finished(runId: string, moduleId: string, n: number, end: AttemptEnded): void {
    const key = keyOf(runId, moduleId);
    const cells = this.modules.get(key)?.find((c) => c[2] === n);
    if (!cells) return;
    if (!textKeeps(end.summary) || !textKeeps(end.error) || !textKeeps(end.worker)) {
      this.modules.delete(key);
      return;
    }
    cells[5] = end.state;
    cells[7] = end.summary;
    cells[8] = end.error;
    cells[9] = end.filesChanged;
    cells[10] = end.inputTokens;
    cells[11] = end.outputTokens;
    cells[12] = end.costUsd;
    cells[13] = end.gates;
    cells[15] = end.endedAt;
    cells[16] = end.worker;
  }

  /** `setAttemptWorker`: the worker of a running attempt. */
  worker(runId: string, moduleId: string, n: number, worker: string): void {
    const key = keyOf(runId, moduleId);
    const cells = this.modules.get(key)?.find((c) => c[2] === n && c[5] === "running");
    if (!cells) return;
    if (textKeeps(worker)) cells[16] = worker;
    else this.modules.delete(key);
  }

  /** The module's attempts as `getAttempts` reads them, when this store wrote them all; the module is then let go. */
  take(runId: string, moduleId: string): AttemptRecord[] | undefined {
    const key = keyOf(runId, moduleId);
    const kept = this.modules.get(key);
    if (!kept) return undefined;
    this.modules.delete(key);
    return kept.map(toAttempt);
  }

  /** A rollback undid writes of this store: what it kept may no longer be so. */
  clear(): void {
    this.modules.clear();
  }
}

/** What finishAttempt writes of an attempt's end, as it writes it (redacted texts, JSON). */
export interface AttemptEnded {
  state: AttemptCells[5];
  summary: string | null;
  error: string | null;
  filesChanged: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  gates: string | null;
  worker: string | null;
  endedAt: number;
}

function keyOf(runId: string, moduleId: string): string {
  return `${runId}\u0000${moduleId}`;
}

function cellsKeep(cells: AttemptCells): boolean {
  return textKeeps(cells[0]) && textKeeps(cells[1]) && textKeeps(cells[3]) && textKeeps(cells[4]) && textKeeps(cells[6]);
}

/** Whether SQLite gives the text back as it was given (a lone surrogate is stored as U+FFFD). */
function textKeeps(text: string | null): boolean {
  return text === null || (text as WellFormed).isWellFormed();
}

/** Node 20 has it; TypeScript's lib has it from ES2024, past the project's ES2023. */
type WellFormed = string & { isWellFormed(): boolean };
