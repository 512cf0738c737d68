/**
 * `fn` over `items` with at most `limit` calls running at once, each started as one ends;
 * answers the results in the items' order, whatever order they end in. Once `stopped()`
 * says so, no further call starts: the answer is then undefined, as not every item ran.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, stopped: () => boolean = () => false): Promise<R[] | undefined> {
  const results: R[] = [];
  let next = 0;
  let cut = false;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (stopped()) {
        cut = true;
        return;
      }
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return cut ? undefined : results;
}
