import { posix } from "node:path";

/** A PSR-4 prefix of a composer.json's `autoload`/`autoload-dev` and the folders it maps to, relative to the project root. */
export interface Psr4 {
  /** Lower case, with its trailing `\` (`app\`); "" maps every name. */
  prefix: string;
  dirs: string[];
}

/** The PSR-4 maps of a composer.json in `dir` ("" for the root); nothing when it is not JSON. */
export function readPsr4(text: string, dir: string): Psr4[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const found: Psr4[] = [];
  for (const key of ["autoload", "autoload-dev"]) {
    const map = (json as Record<string, Record<string, unknown> | undefined> | null)?.[key]?.["psr-4"];
    if (!map || typeof map !== "object") continue;
    for (const [prefix, value] of Object.entries(map as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
      const dirs = list.map((d) => posix.normalize(dir ? `${dir}/${d}` : d || ".").replace(/\/+$/, "").replace(/^\.$/, ""));
      found.push({ prefix: prefix.toLowerCase().replace(/^\\/, ""), dirs });
    }
  }
  // The longest prefix first, as Composer's loader tries them.
  return found.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The files a class name (`App\Domain\Money`) may be at under the PSR-4 maps, in the order tried. */
export function psr4Candidates(maps: Psr4[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const { prefix, dirs } of maps) {
    if (!lower.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length).replace(/\\/g, "/");
    for (const dir of dirs) out.push(`${dir ? `${dir}/` : ""}${rest}.php`);
  }
  return out;
}
