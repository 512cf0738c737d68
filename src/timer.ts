/**
 * The longest delay a Node timer takes: 2^31 - 1 ms, about 24.8 days. A longer one fires at
 * once (with a warning), so an attempt would time out, or a grace period end, immediately.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
