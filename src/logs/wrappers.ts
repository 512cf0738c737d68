// What collectors and process managers write before every line of a program's output. Each
// is anchored and bounded, so a line costs at most a few hundred characters of matching.
const STAMP = "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?(?: ?(?:Z|[+-]\\d\\d:?\\d\\d|UTC))?";
const SYSLOG_STAMP = "[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d";
const LEVEL = "(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRITICAL|FATAL|PANIC|trace|debug|info|warn|warning|error|fatal|crit|critical)";
const WRAPPERS: RegExp[] = [
  // GitHub Actions' workflow commands: `##[error]TypeError: x`, `##[group]Run npm test`.
  /^##\[[a-z]{1,16}\]/,
  // docker compose (`api-1  | `, v1's `api_1  | `) and pm2 (`0|api      | `).
  /^(?:\d{1,6}\|)?[A-Za-z0-9][\w.-]{0,62} *\|(?: |$)/,
  // kubectl logs --prefix: `[pod/api-7d9f/api] `.
  /^\[pod\/[^\]\s]{1,253}\] /,
  // journald and syslog: `Jan 02 03:04:05 web1 node[1234]: `, `-o short-iso`'s ISO stamp likewise.
  // The ISO form needs the pid: `2026-01-02 03:04:05 ERROR TypeError: x` is no host and process.
  // A syslog relay keeps the priority first: `<11>Jan 02 03:04:05 web1 api: `.
  new RegExp(`^(?:<\\d{1,3}>)?${SYSLOG_STAMP} [\\w.-]{1,64} [\\w./@-]{1,64}(?:\\[\\d{1,10}\\])?: `),
  // RFC 5424: `<11>1 2026-01-02T03:04:05.000Z web1 api 1234 - - `: priority and version, stamp, host, app,
  // process id, message id (each a word or `-`), then `-` or structured data in brackets.
  /^<\d{1,3}>\d{1,2} \S{1,64} \S{1,255} \S{1,48} \S{1,128} \S{1,32} (?:-|(?:\[[^\]]{0,1024}\]){1,8})(?: |$)/,
  new RegExp(`^${STAMP} [\\w.-]{1,64} [\\w./@-]{1,64}\\[\\d{1,10}\\]: `),
  // A timestamp, maybe bracketed, then a pid and a level: `2026-01-02 03:04:05.123 ERROR `,
  // `[2026-01-02 03:04:05 +0000] [7] [ERROR] `, pm2's `2026-01-02T03:04:05: `.
  new RegExp(`^\\[?${STAMP}\\]?:?(?: \\[?\\d{1,10}\\]?)?(?: \\[?${LEVEL}\\]?:?)? `),
];
/** Wrappers nest (`api-1  | 2026-01-02T03:04:05Z ...`); more than this many is no wrapper. */
const MAX_WRAPPERS = 4;

/**
 * A log line without what its collector wrote before it: docker compose's and pm2's service
 * column, kubectl's pod, journald's host and process, a timestamp with a level, GitHub Actions'
 * `##[error]`. A stack whose every line is so wrapped reads like one printed to a terminal.
 * Only one separating space goes, so indentation after the wrapper is kept.
 */
export function unwrap(line: string): string {
  let text = line;
  for (let n = 0; n < MAX_WRAPPERS; n++) {
    const found = WRAPPERS.find((wrapper) => wrapper.test(text));
    if (!found) break;
    const next = text.replace(found, "");
    if (next === text) break;
    text = next;
  }
  return text;
}
