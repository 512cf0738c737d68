import type { AttemptRecord, Store } from "../../src/store/types.js";

/** The prompt `attempt` was sent, as the store keeps it with the attempt's record. */
export function keptPrompt(store: Store, attempt: Pick<AttemptRecord, "runId" | "moduleId" | "n">): string {
  const prompt = store.getAttemptText(attempt.runId, attempt.moduleId, attempt.n).prompt;
  if (prompt === undefined) throw new Error(`no prompt kept for attempt ${attempt.n} of ${attempt.moduleId}`);
  return prompt;
}
