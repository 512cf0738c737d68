import type { TypeWord } from "./asking.js";

// Requests that carry code over without changing what it does: cut into parts, or moved to a newer
// version or idiom of what it uses. Read from a command's verb to the end of its clause.

/** "split it up", "split up the view model": code cut into smaller parts. */
export function splitsUp(tokens: readonly TypeWord[], at: number): boolean {
  for (let k = at + 1; k < Math.min(tokens.length, at + 4) && !tokens[k]?.start; k++) if (tokens[k]?.word === "up") return true;
  return false;
}

/** Command verbs that carry code over to another version or idiom of what it uses. */
export const PORTS = new Set(["move", "convert", "port", "upgrade", "migrate"]);
/** Words that say the destination is an idiom or a version of an API, not another place or value. */
const IDIOM = new Set(["api", "apis", "syntax", "runes", "idiom", "idioms", "conventions", "dsl"]);

/** Whether the verb's clause goes "to" a version (`v1`) or an idiom ("the 2.x syntax", "the v1 APIs"). */
export function toNewerIdiom(tokens: readonly TypeWord[], at: number): boolean {
  let to = false;
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) {
    const word = tokens[k]?.word ?? "";
    if (word === "to") to = true;
    // "upgrade paho mqtt to v1.5": a release of a dependency (a minor after the major), not another version of an API.
    else if (to && (IDIOM.has(word) || (/^v\d+$/.test(word) && !(tokens[at]?.word === "upgrade" && /^\d+$/.test(tokens[k + 1]?.word ?? ""))))) return true;
  }
  return false;
}
