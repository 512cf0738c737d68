import { realpathSync, type Stats } from "node:fs";
import { join } from "node:path";
import { SpecError } from "../errors.js";
import { insideProject } from "../inside-project.js";
import { fsProblem, readCappedStat, type CappedText } from "../read-capped.js";
import { withoutBom } from "./bom.js";
import { SPEC_MAX_BYTES } from "./limits.js";

/**
 * A spec file's text with LF line ends and no byte order mark, at most `SPEC_MAX_BYTES`, and its
 * stat from before reading it. A symbolic link is followed only when it leads to a file inside
 * the project: a spec is quoted in every prompt of its module, so a planted link
 * (`NOTES_AGENT.md -> ~/.aws/credentials`) would send that file to the model provider.
 * A file with a NUL byte is refused at its line: no markdown holds one, and a binary file read as
 * a spec made a module of nothing. Invalid UTF-8 (a spec saved as Latin-1) is read as before.
 */
export function readSpec(root: string, rel: string): { text: string; stat: Stats } {
  const path = join(root, rel);
  let read: CappedText | undefined;
  let stat: Stats;
  try {
    // `fileOnly`: a named pipe read as empty was a module of nothing, `EMPTY_SPEC` "the spec file is empty".
    ({ read, stat } = readCappedStat(path, SPEC_MAX_BYTES, { noFollow: true, fileOnly: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOOP") throw unreadable(error, path, rel);
    // ELOOP from O_NOFOLLOW: the file is a symbolic link (or a loop of them).
    ({ read, stat } = readLinked(root, path, rel));
  }
  if (!read) throw new SpecError("SPEC_PARSE", `Spec file is larger than ${SPEC_MAX_BYTES / 1024} KB: expected a spec of at most ${SPEC_MAX_BYTES / 1024} KB (split the module, or move long text to a linked file)`, { file: rel });
  checkText(read.text, rel);
  const text = withoutBom(read.text);
  return { text: text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text, stat };
}

function readLinked(root: string, path: string, rel: string): { read: CappedText | undefined; stat: Stats } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    throw unreadable(error, path, rel);
  }
  if (!insideProject(root, real)) {
    throw new SpecError("SPEC_MISSING", `Spec file is a symbolic link to \`${real}\`, outside the project: expected a spec inside the project (copy the file in, or link to one inside)`, { file: rel });
  }
  try {
    return readCappedStat(real, SPEC_MAX_BYTES, { fileOnly: true });
  } catch (error) {
    throw unreadable(error, real, rel);
  }
}

function unreadable(error: unknown, path: string, rel: string): SpecError {
  return new SpecError("SPEC_MISSING", `Cannot read spec file: ${fsProblem(error, path)}`, { file: rel }, { cause: error });
}

function checkText(text: string, rel: string): void {
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    throw new SpecError("SPEC_PARSE", "Spec file holds a NUL byte: expected markdown text (is it a binary file?)", { file: rel, line: lineAt(text, nul) });
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
