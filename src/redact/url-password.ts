/**
 * `url` without its password (`redis://:PASSWORD@host` -> `redis://host`), or undefined when it
 * has none or is no URL. What a record keeps of a URL that can carry a password: a run's queue
 * (src/config/queue-kept.ts), and the same for runs recorded before (store migration 12).
 */
export function urlWithoutPassword(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.password) return undefined;
  parsed.password = "";
  return parsed.toString();
}
