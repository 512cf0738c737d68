/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Input read from the provider's prompt cache. @default input */
  cachedInput?: number;
  /** Input written to the prompt cache (Anthropic). @default input */
  cacheWrite?: number;
}

/** Tokens of one response or a sum of them; `input` excludes the cached and cache-write tokens. */
export interface TokenCount {
  input: number;
  output: number;
  cachedInput: number;
  cacheWrite: number;
}

export const NO_TOKENS: TokenCount = Object.freeze({ input: 0, output: 0, cachedInput: 0, cacheWrite: 0 });

export function addTokens(a: TokenCount, b: TokenCount): TokenCount {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cachedInput: a.cachedInput + b.cachedInput,
    cacheWrite: a.cacheWrite + b.cacheWrite,
  };
}

/** Anthropic bills cache reads at 0.1x and 5-minute cache writes at 1.25x the input price. */
const claude = (input: number, output: number): ModelPrice => ({ input, output, cachedInput: input / 10, cacheWrite: input * 1.25 });
const gpt = (input: number, cachedInput: number, output: number): ModelPrice => ({ input, output, cachedInput });

/**
 * List prices, standard tier, USD per million tokens. Sources: Anthropic's pricing page
 * (docs.anthropic.com/en/docs/about-claude/pricing) and OpenAI's (openai.com/api/pricing),
 * as quoted by pricing guides of March-June 2026. Families whose price we could not
 * confirm then (claude-opus-4-8, the claude 5 families) are left out: they cost 0 with a
 * progress note. Prices change: pass `prices` in the agent's options to correct or extend
 * the table. A model id matches an entry exactly or as `<entry>-<suffix>` (dated
 * snapshots), the longest entry first.
 */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-opus-4-7": claude(5, 25),
  "claude-opus-4-6": claude(5, 25),
  "claude-opus-4-5": claude(5, 25),
  "claude-opus-4-1": claude(15, 75),
  "claude-opus-4": claude(15, 75),
  "claude-sonnet-4-6": claude(3, 15),
  "claude-sonnet-4-5": claude(3, 15),
  "claude-sonnet-4": claude(3, 15),
  "claude-3-7-sonnet": claude(3, 15),
  "claude-haiku-4-5": claude(1, 5),
  "claude-3-5-haiku": claude(0.8, 4),
  "claude-3-haiku": claude(0.25, 1.25),
  "gpt-5.5": gpt(5, 0.5, 30),
  "gpt-5.4": gpt(2.5, 0.25, 15),
  "gpt-5.4-mini": gpt(0.75, 0.075, 4.5),
  "gpt-5.4-nano": gpt(0.2, 0.02, 1.25),
  "gpt-5.1": gpt(1.25, 0.125, 10),
  "gpt-5": gpt(1.25, 0.125, 10),
  "gpt-5-mini": gpt(0.25, 0.025, 2),
  "gpt-5-nano": gpt(0.05, 0.005, 0.4),
  "gpt-4.1": gpt(2, 0.5, 8),
  "gpt-4.1-mini": gpt(0.4, 0.1, 1.6),
  "gpt-4.1-nano": gpt(0.1, 0.025, 0.4),
  "gpt-4o": gpt(2.5, 1.25, 10),
  "gpt-4o-mini": gpt(0.15, 0.075, 0.6),
  "o3": gpt(2, 0.5, 8),
  "o4-mini": gpt(1.1, 0.275, 4.4),
  "o3-mini": gpt(1.1, 0.55, 4.4),
};

/** The price of `model`: from `overrides`, then `PRICES`; undefined when unknown. */
export function priceOf(model: string, overrides: Record<string, ModelPrice> = {}): ModelPrice | undefined {
  for (const table of [overrides, PRICES]) {
    const keys = Object.keys(table).sort((a, b) => b.length - a.length);
    const key = keys.find((k) => model === k || model.startsWith(`${k}-`));
    if (key !== undefined) return table[key];
  }
  return undefined;
}

/** Cost in USD of `tokens` at `price`, rounded to a millionth of a dollar. */
export function costOf(tokens: TokenCount, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const microUsd =
    tokens.input * price.input +
    tokens.output * price.output +
    tokens.cachedInput * (price.cachedInput ?? price.input) +
    tokens.cacheWrite * (price.cacheWrite ?? price.input);
  return Math.round(microUsd) / 1e6;
}
