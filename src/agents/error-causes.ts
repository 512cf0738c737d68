/** An error's message and its causes', joined: `fetch failed: connect ECONNREFUSED ...`, not `fetch failed` alone. */
export function causesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && messages.length < 4; e = (e as { cause?: unknown }).cause) {
    const message = e instanceof Error ? e.message : String(e);
    if (!messages.some((m) => m.includes(message))) messages.push(message);
  }
  return messages.join(": ");
}
