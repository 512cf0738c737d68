/**
 * What the page says when the dashboard's process is not there (stopped, killed, a `run --dashboard`
 * whose run ended): the browser's own words ("Failed to fetch") said nothing of it.
 */
export const GONE = "The dashboard does not answer (its process stopped?): this page follows the run again as soon as it is back, without a reload";

/** The JSON API, from the page's side: the cookie set by the first load authenticates every call. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await reach(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(await errorOf(res));
  return (await res.json()) as T;
}

export async function postJson<T>(path: string): Promise<T> {
  const res = await reach(path, { method: "POST", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(await errorOf(res));
  return (await res.json()) as T;
}

async function errorOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    return body.error ?? `${res.status} ${res.statusText}`;
  } catch {
    return `${res.status} ${res.statusText}`;
  }
}

/** `fetch`, its network failure (nothing listening, the connection cut) said as GONE. */
async function reach(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new Error(GONE);
  }
}
