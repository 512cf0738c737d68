/**
 * Places in a request where a word is no name of the project's, though it is spelled as one: a host
 * name (`Booking.com`), a URL's path (`/api/recipes`), a key in a dotted data path (`items.3.price`).
 */

/**
 * A word of a host name (`Booking.com`, `api.stripe.com`, `www.booking.com`): a company or a site,
 * no module of the project, though a module is called `booking`.
 */
export function inHostName(text: string, start: number, end: number): boolean {
  return HOST_AFTER.test(text.slice(end, end + HOST_REACH)) || /(?:^|[^A-Za-z0-9])www\.$/i.test(text.slice(Math.max(0, start - 5), start));
}

/**
 * A word of a URL's path (`/api/recipes`, `GET /v2/admin/users`): a route the request points at, whose
 * first segment is how the server is mounted, not the layer of the same name; the words name the route's owner.
 */
export function inUrlPath(text: string, start: number, end: number): boolean {
  if (text[start - 1] !== "/") return false;
  // The path's run of characters, up to a space, read a bounded way back.
  const before = /[^\s`'"(]*$/.exec(text.slice(Math.max(0, start - URL_REACH), start))?.[0] ?? "";
  const after = /^[^\s`'")]*/.exec(text.slice(end, end + URL_REACH))?.[0] ?? "";
  const path = `${before}${text.slice(start, end)}${after}`.replace(/[.,;:?!]+$/, "");
  return path.startsWith("/") && !/\.[A-Za-z0-9]{1,5}$/.test(path);
}

/** How far around a word its URL path is read. */
const URL_REACH = 80;

/** The rest of a host name after one of its words: `.com`, `.stripe.com`, `.co.uk`. */
const HOST_AFTER = /^(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|app|ai|co|de|fr|nl|eu|uk|es|it|ch|at|se|jp|cn|in|me|cloud)(?![A-Za-z0-9_])/i;
/** How far after a word the rest of its host name is read: `.example.co.uk` fits. */
const HOST_REACH = 64;

/**
 * A part of a dotted path with a number in it (`model.layers.0.attn.qkv.weight` in a KeyError,
 * `items.3.price`): a key in data, no module path (a module's name never is a number), and
 * "layers" in it qualifies nothing.
 */
export function inDataPath(text: string, start: number, end: number, paths: () => DataPaths): boolean {
  if (text[start - 1] !== "." && text[end] !== ".") return false;
  // The dotted runs are found once a request: scanning each hit's run again was quadratic
  // (4,000 hits in one 32 KB run took 3 s).
  const { starts, ends } = paths();
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! > start) hi = mid - 1;
    else if (ends[mid]! < end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The spans of a text's dotted data paths (three parts or more, one a number), in order. */
export interface DataPaths {
  starts: number[];
  ends: number[];
}

export function dataPaths(text: string): DataPaths {
  const found: DataPaths = { starts: [], ends: [] };
  for (const m of text.matchAll(/[\w.]+/g)) {
    const parts = m[0].split(".");
    if (parts.length > 2 && parts.some((p) => /^\d+$/.test(p))) {
      found.starts.push(m.index);
      found.ends.push(m.index + m[0].length);
    }
  }
  return found;
}
