import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package's own folder (holding package.json, examples/, templates/), from src/ or dist/ alike. */
export const PACKAGE_ROOT: string = fileURLToPath(new URL("..", import.meta.url));

export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
