/** The JSON API, from the page's side: the cookie set by the first load authenticates every call. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(await errorOf(res));
  return (await res.json()) as T;
}

export async function postJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { method: "POST", headers: { accept: "application/json" } });
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
