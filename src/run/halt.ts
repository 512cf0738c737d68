import type { Budget } from "./budget.js";

/**
 * When a run stops starting work: on a signal (then running attempts get `graceMs`
 * before they are cancelled; a second signal cancels at once), or once its budget is spent.
 */
export class Halt {
  readonly abort = new AbortController();
  stopping = false;
  /** Why the run stopped for money, when it did. */
  overBudget: string | undefined;
  private graceTimer: NodeJS.Timeout | undefined;

  stop(graceMs: number): boolean {
    if (this.stopping) {
      this.cancel();
      return false;
    }
    this.stopping = true;
    this.graceTimer = setTimeout(() => this.cancel(), graceMs);
    this.graceTimer.unref();
    return true;
  }

  cancel(): void {
    this.stopping = true;
    this.abort.abort();
  }

  /** True once nothing new may start; `onBudget` hears the first time the budget is found spent. */
  halted(budget: Budget, onBudget: (reason: string) => void): boolean {
    if (this.stopping || this.overBudget) return true;
    const reason = budget.runExceeded();
    if (!reason) return false;
    this.overBudget = reason;
    onBudget(reason);
    // With `onExceeded: cancel` running attempts stop too.
    if (budget.cancelOnExceed) this.abort.abort();
    return true;
  }

  dispose(): void {
    clearTimeout(this.graceTimer);
  }
}
