/**
 * A signal of its own for one request or tool call, aborted with `parent`. The SDKs (openai,
 * the MCP client) add an abort listener to the signal of every request and never remove it:
 * on the attempt's one long-lived signal they pile up, a turn each, until Node prints a
 * MaxListenersExceededWarning. Theirs go with this signal; ours is removed by `dispose`.
 */
export function linkedSignal(parent: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener("abort", onAbort, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener("abort", onAbort) };
}

/** Runs `body` with a signal linked to `parent` (see `linkedSignal`), unlinked when it settles. */
export async function withLinkedSignal<T>(parent: AbortSignal, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const linked = linkedSignal(parent);
  try {
    return await body(linked.signal);
  } finally {
    linked.dispose();
  }
}
