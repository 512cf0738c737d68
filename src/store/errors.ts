import { OrchestrateError } from "../errors.js";

export type StoreErrorCode =
  /** The run, module or attempt named does not exist. */
  | "STORE_NOT_FOUND"
  /** The write contradicts what is stored: a duplicate id, or an attempt already ended. */
  | "STORE_CONFLICT"
  /** The database was written by a newer orchestrate than this one. */
  | "STORE_SCHEMA"
  /** The database cannot be read, or read without a write, by this user (src/store/read-only.ts). */
  | "STORE_READ_ONLY"
  /** A commit failed (the disk is full, the file went away): the user's to fix. */
  | "STORE_WRITE"
  /** A stored row cannot be read back (a run's plan that is no JSON): the database was damaged. */
  | "STORE_UNREADABLE";

export interface StoreErrorData {
  runId?: string;
  moduleId?: string;
  n?: number;
}

/**
 * A store call that cannot be applied. Apart from `STORE_SCHEMA` these mean the
 * engine asked for something impossible, so the CLI rightly treats them as bugs.
 * The failed call changed nothing.
 */
export class StoreError extends OrchestrateError {
  override name = "StoreError" as const;
  declare readonly code: StoreErrorCode;
  readonly data: StoreErrorData;

  constructor(code: StoreErrorCode, message: string, data: StoreErrorData = {}, options?: ErrorOptions & { file?: string }) {
    super(code, message, options?.file ? { file: options.file } : {}, options);
    this.data = data;
  }

  /** A newer database, one this user may not read or write, a failed commit and a damaged row are the user's to fix; the others are the engine's bugs. */
  override get internal(): boolean {
    return this.code !== "STORE_SCHEMA" && this.code !== "STORE_WRITE" && this.code !== "STORE_UNREADABLE" && this.code !== "STORE_READ_ONLY";
  }
}

export function notFound(what: "run" | "module" | "attempt" | "merge", data: StoreErrorData): StoreError {
  const { runId, moduleId, n } = data;
  const name =
    what === "run" ? `run \`${runId}\`` :
    what === "module" ? `module \`${moduleId}\` in run \`${runId}\`` :
    what === "merge" ? `a recorded merge of module \`${moduleId}\` in run \`${runId}\`` :
    `attempt ${n} of module \`${moduleId}\` in run \`${runId}\``;
  return new StoreError("STORE_NOT_FOUND", `Expected ${name} to exist, found none`, data);
}
