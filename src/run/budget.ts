import type { Usage } from "../agents/types.js";
import type { AttemptRecord } from "../store/types.js";

export interface Limits {
  /** USD. */
  maxCostUsd?: number;
  /** Input plus output tokens. */
  maxTokens?: number;
}

export interface BudgetOptions extends Limits {
  /** Limits for each module, over all its attempts in the run. */
  module?: Limits;
  /** When the run's budget is reached: let running attempts finish, or cancel them. @default "finish" */
  onExceeded?: "finish" | "cancel";
}

const ZERO = (): Usage => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 });

function add(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, costUsd: a.costUsd + b.costUsd };
}

/** Spend of a run and its modules, finished attempts plus the live ones' usage so far, against the limits. */
export class Budget {
  private settled = ZERO();
  private readonly perModule = new Map<string, Usage>();
  private readonly live = new Map<string, { moduleId: string; usage: Usage }>();

  constructor(
    private readonly limits: BudgetOptions = {},
    earlier: AttemptRecord[] = [],
  ) {
    for (const a of earlier) this.addSettled(a.moduleId, a.usage);
  }

  /** Usage so far of a running attempt (cumulative, as agents report it). */
  update(attempt: string, moduleId: string, usage: Usage): void {
    this.live.set(attempt, { moduleId, usage });
  }

  settle(attempt: string, moduleId: string, usage: Usage): void {
    this.live.delete(attempt);
    this.addSettled(moduleId, usage);
  }

  spent(moduleId?: string): Usage {
    let total = moduleId ? (this.perModule.get(moduleId) ?? ZERO()) : this.settled;
    for (const l of this.live.values()) if (!moduleId || l.moduleId === moduleId) total = add(total, l.usage);
    return total;
  }

  /** Why the run may start nothing more, or undefined while within budget. */
  runExceeded(): string | undefined {
    // Asked before every attempt and after every usage report: with no limit there is nothing to add up.
    return limited(this.limits) ? exceeded(this.spent(), this.limits, "run") : undefined;
  }

  moduleExceeded(moduleId: string): string | undefined {
    const limits = this.limits.module ?? {};
    return limited(limits) ? exceeded(this.spent(moduleId), limits, `module ${moduleId}`) : undefined;
  }

  get cancelOnExceed(): boolean {
    return this.limits.onExceeded === "cancel";
  }

  private addSettled(moduleId: string, usage: Usage): void {
    this.settled = add(this.settled, usage);
    this.perModule.set(moduleId, add(this.perModule.get(moduleId) ?? ZERO(), usage));
  }
}

function limited(limits: Limits): boolean {
  return limits.maxCostUsd !== undefined || limits.maxTokens !== undefined;
}

function exceeded(spent: Usage, limits: Limits, what: string): string | undefined {
  if (limits.maxCostUsd !== undefined && spent.costUsd >= limits.maxCostUsd) return `budget of the ${what} reached: spent $${spent.costUsd.toFixed(4)} of $${limits.maxCostUsd}`;
  const tokens = spent.inputTokens + spent.outputTokens;
  if (limits.maxTokens !== undefined && tokens >= limits.maxTokens) return `budget of the ${what} reached: spent ${tokens} tokens of ${limits.maxTokens}`;
  return undefined;
}
