import { OrchestrateError } from "../errors.js";

/** A queued run's or a worker's setup is wrong: a Redis URL that is not one, a git remote nobody can reach. */
export class QueueError extends OrchestrateError {
  override name = "QueueError" as const;
  constructor(message: string, options?: ErrorOptions) {
    super("QUEUE", message, {}, options);
  }
}
