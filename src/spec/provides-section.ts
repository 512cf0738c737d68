import { plain } from "./simple-blocks.js";

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
/** A "Provides" heading's plain text (an emoji or an outline's number before it is not in it). */
export const PROVIDES_HEADING = /^provides?\b/i;
/**
 * What teams also call a module's Provides ("Exports", "API", "Public Interface"): read when
 * its spec has no Provides (a template's "Interfaces" beside its Provides holds whole classes).
 */
export const EXPORTS_HEADING = /^(?:exports?|exported (?:api|names|symbols|functions|types)|public (?:api|interface)|api|interfaces?)\b/i;

/**
 * What a heading must hold, as written, for its plain text to match PROVIDES_HEADING or
 * EXPORTS_HEADING: `plain` only drops characters (`*`, `_` and backticks anywhere, signs at
 * the ends) and turns an entity into a sign, so the words a title starts with are in the
 * heading, maybe cut by markup. The test spares `plain` (seven replacements) for every other
 * heading of every dependency's spec: a run's prompts read them after the headings' memo is let go.
 */
const PROVIDES_CUE = cueOf(["provide"]);
const EXPORTS_CUE = cueOf(["export", "api", "interface"]);

function cueOf(words: string[]): RegExp {
  return new RegExp(words.map((w) => [...w].join("[*_`]*")).join("|"), "i");
}
const BACKTICK = 96;
const TILDE = 126;
const HASH = 35;

/** `**Provides:**` or `**Provides**:` (an emoji allowed) at a line's start, and what follows on its line. */
const FIELD = /^[ \t]*\*\*[^\p{L}\p{N}*]*(?:provides?|exports?):?\*\*:?[ \t]*(.*)$/imu;
const ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/;

/**
 * The body of a spec's "Provides" section (its heading may start with an emoji), as
 * written, up to the next heading of the same or a higher level; undefined when the spec
 * has none or it is empty. Headings inside code fences do not count. A spec with no such
 * heading may give it as a field, `**Provides:**` with its value or the list below it,
 * as the module's Provides are read (spec/module.ts); with neither, an "Exports", "API" or
 * "Interface" section is its Provides.
 */
export function providesSection(specText: string): string | undefined {
  const text = specText.includes("\r") ? specText.replace(/\r\n?/g, "\n") : specText;
  // A spec's title is no section of it: `# API` titles the api module's spec.
  return sectionBody(text, PROVIDES_HEADING, PROVIDES_CUE) ?? providesField(text) ?? sectionBody(text, EXPORTS_HEADING, EXPORTS_CUE, 2);
}

/** The body of the first section whose heading (of level `minLevel` or deeper) has plain text `title` matches (a heading without `cue` cannot), or undefined. */
function sectionBody(text: string, title: RegExp, cue: RegExp, minLevel = 1): string | undefined {
  let fence: string | undefined;
  let level = 0;
  let bodyAt = -1;
  let bodyEnd = text.length;
  // Line by line, by index: only a line that starts a fence or with `#` is cut out and read
  // (every dependency's spec is read for each run's prompts, and splitting it made a string of every line).
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    const f = fenceAt(text, at, end);
    if (f && (fence === undefined || f.startsWith(fence))) fence = fence === undefined ? f : undefined;
    const heading = fence === undefined && !f && text.charCodeAt(at) === HASH ? HEADING.exec(text.slice(at, end)) : null;
    if (level > 0) {
      if (heading && heading[1]!.length <= level) {
        bodyEnd = at - 1;
        break;
      }
    } else if (heading && heading[1]!.length >= minLevel && cue.test(heading[2]!) && title.test(plain(heading[2]!))) {
      level = heading[1]!.length;
      bodyAt = end + 1;
    }
    at = end + 1;
  }
  if (bodyAt < 0) return undefined;
  const body = text.slice(bodyAt, Math.max(bodyAt, bodyEnd)).trim();
  return body === "" ? undefined : body;
}

/** The fence marks a line opens with (```` ``` ```` or `~~~`, or more, after spaces and tabs), or undefined. */
function fenceAt(text: string, at: number, end: number): string | undefined {
  let i = at;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const mark = text.charCodeAt(i);
  if (mark !== BACKTICK && mark !== TILDE) return undefined;
  let j = i;
  while (j < end && text.charCodeAt(j) === mark) j++;
  return j - i >= 3 ? text.slice(i, j) : undefined;
}

/** `**Provides:** \`A\`, \`b()\``, or `**Provides:**` on a line of its own and the list right below it (blank lines before the list allowed). */
function providesField(text: string): string | undefined {
  const field = FIELD.exec(text);
  if (!field) return undefined;
  const lines = field[1]!.trim() ? [field[1]!.trim()] : [];
  for (let at = field.index + field[0].length + 1; at < text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    if (ITEM.test(line)) lines.push(line.trimEnd());
    else if (line.trim() !== "" || lines.length > (field[1]!.trim() ? 1 : 0)) break;
    at = end + 1;
  }
  return lines.length ? lines.join("\n") : undefined;
}
