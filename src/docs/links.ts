import type { Edit, Heading, Line } from "./lines.js";

/** `[label]: destination`, the destination without angle brackets; a title after it is allowed. */
const DEFINITION = /^ {0,3}\[([^\]]+)\]:[ \t]*([^\s<>]+)/;
/** A compare URL whose head is the release's tag: `.../compare/v1.1.0...v1.2.0`. */
const COMPARE = /^(.*\/compare\/)(.+?)(\.{2,3})(.+)$/;

/**
 * The link reference for a `## [Unreleased]` heading just made, in a changelog whose newest
 * release heading is a link to a compare URL (Keep a Changelog's
 * `[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0`): `[Unreleased]: .../compare/v1.2.0...HEAD`,
 * next to that release's definition (before it when releases run newest first, after it when
 * oldest first). None when the file already defines `[Unreleased]`, or when its links do not show
 * the pattern (a `releases/tag/` URL, a host whose compare URLs read otherwise): then a guess
 * could be a wrong link, and the heading simply renders as text.
 */
export function unreleasedLink(lines: Line[], newest: Heading | undefined, oldestFirst: boolean, eol: string): Edit[] {
  const label = newest ? /^\[([^\]]+)\]/.exec(newest.text)?.[1] : undefined;
  if (!label) return [];
  const definitions = lines.flatMap((line) => {
    const match = line.verbatim ? null : DEFINITION.exec(line.text);
    return match?.[1] && match[2] ? [{ line, label: normalize(match[1]), url: match[2] }] : [];
  });
  if (definitions.some((d) => d.label === "unreleased")) return [];
  // The first definition of a label is the one markdown uses.
  const release = definitions.find((d) => d.label === normalize(label));
  const compare = release ? COMPARE.exec(release.url) : null;
  if (!release || !compare) return [];
  const [, base = "", , dots = "", head = ""] = compare;
  if (!head.endsWith(label.trim())) return [];
  const text = `[Unreleased]: ${base}${head}${dots}HEAD`;
  return oldestFirst
    ? [{ offset: release.line.end, rank: 2, text: eol + text }]
    : [{ offset: release.line.start, rank: 2, text: text + eol }];
}

/** Link labels match case-insensitively, with runs of whitespace as one space. */
function normalize(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}
