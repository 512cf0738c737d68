/** Tokens and money an agent spent: agents report it, the store keeps it, the budget and reports add it up. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export const NO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
