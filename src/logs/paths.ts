/**
 * Where installed packages, toolchains and standard libraries live. A frame there is
 * never the project's, even when its tail looks like an owned path (`utils.py`).
 */
const FOREIGN: RegExp[] = [
  /(?:^|\/)(?:site-packages|dist-packages|node_modules|bower_components)\//i,
  /(?:^|\/)lib\/python\d+(?:\.\d+)?\//i, // CPython's standard library
  /(?:^|\/)python\d*\/lib\//i, // ... on Windows (C:\Python311\Lib\...)
  /(?:^|\/)\.cargo\/registry\//,
  /(?:^|\/)\.rustup\/toolchains\//,
  /^\/rustc\/[0-9a-f]+\//, // Rust's standard library, as backtraces print it
  /(?:^|\/)(?:go\/)?pkg\/mod\//, // Go module cache
  /(?:^|\/)(?:usr\/lib\/go[^/]*|usr\/local\/go|go\/\d[^/]*\/x64)\/src\//, // GOROOT
  /(?:^|\/)(?:\.gradle\/caches|\.m2\/repository)\//,
];

export function isForeign(path: string): boolean {
  return FOREIGN.some((pattern) => pattern.test(path));
}

/**
 * A frame's path in `/` form, relative to `root` when under it: `file:///C:/w/x.py`,
 * `C:\w\x.py` and `webpack:///./src/x.ts` all become plain paths.
 */
export function plainPath(written: string, root: string): string {
  let path = written.trim();
  if (/^file:\/\//i.test(path)) {
    path = safeDecode(path.replace(/^file:\/\/(?:localhost)?/i, "")).replace(/^\/([A-Za-z]:)/, "$1");
  }
  // A dev server's URL (`http://localhost:5173/src/x.ts?t=1767`, `webpack-internal:///./src/x.ts`): its path, without query or hash.
  if (URL_SCHEME.test(path)) path = path.replace(URL_SCHEME, "").replace(/[?#].*$/, "");
  path = path
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .replace(/^(?:\.\/)+/, "");
  const prefix = `${root.replace(/\\/g, "/").replace(/\/$/, "")}/`;
  return prefix !== "/" && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** True for `/x`, `C:/x`: a path from some machine's root, not relative to anything. */
export function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

const URL_SCHEME = /^(?:https?|webpack-internal|webpack|vite|app):\/\/[^/]*\//i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
