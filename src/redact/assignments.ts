/**
 * A value given to a secret-named key: `password=hunter2hunter2`, `DB_PASSWORD: s3cr3t!x`,
 * `"api_key": "k3y-v4lue"`, `--token=abc123def456`. The key stays, the value goes.
 *
 * The same redactor runs over prompts, which carry specs and code, so a value that reads as
 * code is left alone: a name or a path of names (`token=token`, `password=self.password`,
 * `secret: SecretStr`), a call or an index (`request.form["password"]`, `token=get_token()`),
 * a reference (`$DB_PASSWORD`, `${{ secrets.X }}`, `<your-token>`), a comparison (`==`, `!=`),
 * an arrow (`=>`) or a path (`Token::new`). What is left is a value of 8 characters or more
 * with a digit or a sign in it, quoted or not. An all-letter value (`password=letmeinplease`)
 * reads as a name and is missed: the cost of not blanking code.
 *
 * Linear: the regex starts at a fixed word, and every run in it is bounded.
 */
export const KEY = "(?:pass(?:word|wd|phrase)|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?key)";
/** An unquoted value ends at a space, a quote, a bracket or a separator (`&` of a query string, `,` of a list). */
const BARE = "[^\\s\"'`,;&()\\[\\]{}<>|]";
// Each run is taken whole inside a lookahead (atomic in JavaScript) and matched again by
// reference: a run that is not followed by its end fails at once, without trying every shorter run.
const VALUE = `"(?=([^"\\s]{8,256}))\\1"|'(?=([^'\\s]{8,256}))\\2'|(?=(${BARE}{8,256}))\\3(?!${BARE})`;

/** `<key>["']? [:=] <value>`; `(?![=>~:])` rules out `==`, `=>`, `=~` and `::`. */
const ASSIGNMENT = new RegExp(`${KEY}["']?[ \\t]{0,4}[:=](?![=>~:])[ \\t]{0,4}(?:${VALUE})`, "gi");
/** The start every assignment has: a text without it has none (a quarter of the time ASSIGNMENT takes to say so). */
const ASSIGNMENT_START = new RegExp(`${KEY}["']?[ \\t]{0,4}[:=]`, "i");
/** The longest text ASSIGNMENT_START matches: `private_key` (11), a quote, four spaces, the sign. */
export const ASSIGNMENT_START_CHARS = 17;

/** Whether `text` holds the start of an assignment (a key and its sign): without one, `redactAssignments` changes nothing. */
export function holdsAssignmentStart(text: string): boolean {
  return ASSIGNMENT_START.test(text);
}

/** A name or a dotted path of names, which is how a variable reads in code. */
const NAME_PATH = /^[A-Za-z_$][A-Za-z_$.]*$/;

export const ASSIGNMENT_MARKER = "[REDACTED:secret-value]";

function isCode(value: string, next: string | undefined): boolean {
  if (NAME_PATH.test(value)) return true;
  // A reference to a value held elsewhere, or one already redacted.
  if (/^[$%*=:]/.test(value) || value.includes("[REDACTED:")) return true;
  // A call, an index or a member of the value: `token=fetch2fa(x)`.
  return next === "(" || next === "[";
}

/** `text` with the values of secret-named keys replaced by a marker (see above for what counts). */
export function redactAssignments(text: string): string {
  if (!holdsAssignmentStart(text)) return text;
  ASSIGNMENT.lastIndex = 0;
  if (!ASSIGNMENT.test(text)) return text;
  return text.replace(ASSIGNMENT, (match: string, dq: string | undefined, sq: string | undefined, bare: string | undefined, at: number) => {
    const value = (dq ?? sq ?? bare)!;
    if (isCode(value, text[at + match.length])) return match;
    const cut = match.lastIndexOf(value);
    return `${match.slice(0, cut)}${ASSIGNMENT_MARKER}${match.slice(cut + value.length)}`;
  });
}
