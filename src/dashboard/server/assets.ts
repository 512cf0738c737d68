import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * The page, bundled at build time (`npm run build`: scripts/build-dashboard.mjs) into
 * dist/dashboard/assets/: the server and its assets ship together, nothing is fetched from
 * elsewhere. Run from src/ (the tests), the bundle is the one built into dist/.
 */
const CANDIDATES = [fileURLToPath(new URL("../assets/", import.meta.url)), fileURLToPath(new URL("../../../dist/dashboard/assets/", import.meta.url))];

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

export function assetsDir(): string | undefined {
  return CANDIDATES.find((dir) => existsSync(join(dir, "app.js")));
}

/** `app.js` or `app.css`; anything else is not ours. */
export function readAsset(name: string): Asset | undefined {
  const dir = assetsDir();
  const ext = /^app\.(js|css)$/.exec(name)?.[1];
  if (!dir || !ext) return undefined;
  return { body: readFileSync(join(dir, name)), type: TYPES[ext]! };
}

/** The page shell: the bundle does the rest. */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>orchestrate dashboard</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;

/** No external requests: the policy says so to the browser too. */
export const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
