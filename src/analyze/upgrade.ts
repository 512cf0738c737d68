import type { SpecTree } from "../spec/types.js";

/**
 * "Update Clipper2 to 1.4", "bump tokio from 1.36 to 1.38", "upgrade Spring Boot to 3.4": a dependency
 * moved to a version (a name of up to three words, the later ones capitalised); "upgrade to Go 1.23": the
 * version after the name.
 */
const UPGRADE = /^\s*(?:please\s+)?(bump|upgrade|update|pin)\s+(?:the\s+)?([A-Za-z][\w.+-]*?(?:\s+[A-Z][\w.+-]*?){0,2})(?:\s+(?:dependency|library|crate|package|gem|module|sdk))?\s+(?:from\s+\S+\s+)?to\s+v?\d/i;
const UPGRADE_TO = /^\s*(?:please\s+)?(bump|upgrade|update|move)\s+to\s+([A-Za-z][\w.+-]*?(?:\s+[A-Z][\w.+-]*?){0,2})\s+v?\d/i;

/**
 * A request to move a dependency to another version, when the system spec names that dependency as
 * part of the project's stack ("C++20 with CMake, Clipper2 for polygon offsets"): the whole project
 * builds on it, though one module's purpose names it too ("inset polygons with Clipper2"). The words
 * that say so, else undefined.
 */
export function stackUpgrade(text: string, spec: SpecTree): string | undefined {
  const m = UPGRADE.exec(text) ?? UPGRADE_TO.exec(text);
  if (!m) return undefined;
  // "upgrade esp-idf to 5.3 and React Native to 0.76": each dependency of the list, the stack's among them.
  const rest = text.slice(m.index + m[0].length, m.index + m[0].length + MORE_REACH);
  const names = [m[2]!, ...[...rest.matchAll(MORE)].map((x) => x[1]!)].map((n) => n.replace(/[.+-]+$/, ""));
  const name = names.find((n) => new RegExp(`(?<![\\w.-])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "i").test(spec.system.body));
  return name !== undefined ? `${m[1]!.toLowerCase()} ${name} (the project's stack)` : undefined;
}

/** Another dependency of the list, after "and" or a comma: "... and React Native to 0.76". */
const MORE = /(?:,|\band)\s+(?:the\s+)?([A-Za-z][\w.+-]*?(?:\s+[A-Z][\w.+-]*?){0,2})\s+to\s+v?\d/gi;
/** How far on the list is read: a request's first line of dependencies, not a pasted lock file. */
const MORE_REACH = 200;
