/**
 * Private-key blocks (PEM and PGP armour: `-----BEGIN RSA PRIVATE KEY-----` ...
 * `-----END RSA PRIVATE KEY-----`). Found with two searches that only move forward, not
 * with one regex over the body: a body pattern would rescan the rest of the text for
 * every BEGIN line without an END, quadratic on hostile input.
 */
const BEGIN = /-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----/g;

export const KEY_MARKER = "[REDACTED:private-key]";

/**
 * Replaces each private-key block with the marker. `inKey` says the text continues a
 * block begun earlier (a stream cut into lines); a block with no END runs to the end of
 * the text, since a truncated key is still a secret, and the result says it is still open.
 */
/** What every block begins with: a text without it has none. */
export const KEY_BLOCK_START = "-----BEGIN";

export function redactKeyBlocks(text: string, inKey = false): { text: string; inKey: boolean } {
  if (!inKey && !text.includes(KEY_BLOCK_START)) return { text, inKey };
  let out = "";
  let at = 0;
  let open = inKey;
  for (;;) {
    if (open) {
      END.lastIndex = at;
      const end = END.exec(text);
      if (!end) return { text: out, inKey: true };
      at = end.index + end[0].length;
      open = false;
      continue;
    }
    BEGIN.lastIndex = at;
    const begin = BEGIN.exec(text);
    if (!begin) return { text: out + text.slice(at), inKey: false };
    out += text.slice(at, begin.index) + KEY_MARKER;
    at = begin.index + begin[0].length;
    open = true;
  }
}
