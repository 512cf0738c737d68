import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `System.InvalidOperationException: msg`, `Unhandled exception. Shop.BillingException: msg ---> ...`:
// a type name ending in Exception, then `:`, the end of the line or ` ---> ` (an inner exception).
const HEADER = /^\s*(?:Unhandled [Ee]xception[.:] ?)?([\w.`+]*Exception)(?::|$| --->)/;
const AT = /^\s+at \S/;
// Between the frames: where an inner exception's stack ends, and where an `await` resumed.
const SEPARATOR = /^\s+--- End of (?:inner exception stack trace|stack trace from previous location)/;
const INNER = " ---> ";
const MESSAGE_LINES = 10;

/**
 * A .NET exception as `ToString()` prints it (an unhandled exception, ASP.NET Core's and
 * Serilog's logs): `Type: message`, inner exceptions after ` ---> `, then `   at Ns.Type.Method(args)
 * in /src/File.cs:line 42` lines. The innermost exception's frames come first and its message
 * is the root cause's; frames without ` in file:line` (no symbols) have no file and are left out.
 */
export const parseDotnet: LineParser = (lines, at) => {
  const header = lines[at] ?? "";
  if (!HEADER.test(header)) return undefined;
  let i = at + 1;
  let message = header.trim().replace(/^Unhandled [Ee]xception[.:] ?/, "");
  for (; i < lines.length && i <= at + MESSAGE_LINES && !AT.test(lines[i] ?? ""); i++) {
    if ((lines[i] ?? "").trimStart().startsWith(INNER.trimStart())) message = `${message} ${(lines[i] ?? "").trim()}`;
  }
  if (!isDotnetAt(lines[i] ?? "")) return undefined;
  const frames: Frame[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (SEPARATOR.test(line) || line.trimStart().startsWith(INNER.trimStart())) continue;
    if (!isDotnetAt(line)) break;
    const found = dotnetFrame(line);
    if (found) frames.push(found);
  }
  if (frames.length === 0) return undefined;
  // `Outer: msg ---> Inner: msg`: the last inner exception is the root cause.
  const root = message.lastIndexOf(INNER);
  return spanning(at, i, { format: "dotnet", message: root < 0 ? message : message.slice(root + INNER.length).trim(), frames });
};

/**
 * `   at Ns.Type.Method(...)`, with or without ` in file:line N`; not a V8 line (a space before
 * `(`: `at fn (file:1:2)`) nor a JVM one (a source file or `Native Method` in the parentheses).
 */
function isDotnetAt(line: string): boolean {
  if (!AT.test(line)) return false;
  const body = line.trim().slice("at ".length);
  if (body.includes(") in ")) return dotnetFrame(line) !== undefined;
  const open = body.indexOf("(");
  if (open <= 0 || !body.endsWith(")") || body.slice(0, open).includes(" ")) return false;
  return !JVM_SOURCE.test(body.slice(open + 1, -1));
}

const JVM_SOURCE = /^(?:[\w$-]+\.[A-Za-z]+(?::\d+)?|Native Method|Unknown Source)$/;

/** `at Shop.Billing.Invoice.Total(Decimal rate) in /src/Billing/Invoice.cs:line 42`: a string scan from the last `) in `. */
function dotnetFrame(line: string): Frame | undefined {
  const body = line.trim().slice("at ".length);
  const split = body.lastIndexOf(") in ");
  if (split < 0) return undefined;
  const place = body.slice(split + ") in ".length);
  const mark = place.lastIndexOf(":line ");
  if (mark <= 0 || !/^\d+$/.test(place.slice(mark + ":line ".length))) return undefined;
  const call = body.slice(0, split + 1);
  const open = call.indexOf("(");
  return frame(place.slice(0, mark), Number(place.slice(mark + ":line ".length)), undefined, open > 0 ? call.slice(0, open) : call);
}
