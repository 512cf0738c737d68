import type { StreamEvent } from "../../src/dashboard/server/views.js";

/** A run's event rows as the SSE endpoint sends them: read until no row has come for `quietMs`. */
export async function storedEvents(base: string, token: string, runId: string, quietMs = 400): Promise<StreamEvent[]> {
  const res = await fetch(`${base}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${token}` } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), quietMs)));
    const chunk = await Promise.race([reader.read(), quiet]);
    clearTimeout(timer);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return [...text.matchAll(/^event: run\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as StreamEvent);
}
