import * as fsp from "node:fs/promises";
import path from "node:path";
import { OrchestrateError } from "../errors.js";
import { writeFileAtomic } from "./atomic.js";

/** A documentation file orchestrate edits cannot be read or written as one: a folder, a link out of the project, unreadable. */
export class DocsFileError extends OrchestrateError {
  override name = "DocsFileError" as const;
  constructor(file: string, message: string, options?: ErrorOptions) {
    super("DOCS_FILE", message, { file }, options);
  }
}

/** How a documentation file's bytes became text, so that the same bytes go back. */
export type TextEncoding = "utf8" | "latin1";

export interface DocText {
  /** The file to write: `file` itself, or the target of a link to a file inside the project. */
  target: string;
  /** Undefined when the file does not exist. */
  text: string | undefined;
  encoding: TextEncoding;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Bytes to text without losing one: valid UTF-8 is decoded as UTF-8, anything else as
 * Latin-1 (one character per byte), never with U+FFFD in place of a byte.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: UTF8.decode(bytes), encoding: "utf8" };
  } catch {
    return { text: Buffer.from(bytes).toString("latin1"), encoding: "latin1" };
  }
}

/** The bytes of `text` in `encoding`; Latin-1 text must hold only characters up to U+00FF (see `fitEncoding`). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return Buffer.from(text, encoding);
}

/**
 * Text to insert into a file of `encoding`: in a Latin-1 file, characters it cannot hold
 * become markdown numeric character references (`→` as `&#x2192;`), which render the same.
 */
export function fitEncoding(text: string, encoding: TextEncoding): string {
  if (encoding === "utf8") return text;
  return text.replace(/[^\u0000-\u00FF]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);
}

/**
 * Reads a documentation file orchestrate is about to edit. A symbolic link is followed only
 * to a file inside `root` (the target is then the file written); a link out of the project,
 * a dangling link or a folder is refused with a DocsFileError naming the file.
 */
export async function readDocFile(file: string, root: string): Promise<DocText> {
  const target = await resolveTarget(file, root);
  let bytes: Buffer | undefined;
  try {
    bytes = await fsp.readFile(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw failure(file, "read", error);
  }
  if (bytes === undefined) return { target, text: undefined, encoding: "utf8" };
  return { target, ...decodeText(bytes) };
}

async function resolveTarget(file: string, root: string): Promise<string> {
  const stat = await fsp.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw failure(file, "read", error);
  });
  let target = path.resolve(file);
  if (stat?.isSymbolicLink()) {
    const link = await fsp.readlink(file).catch(() => "?");
    target = await fsp.realpath(file).catch((error: NodeJS.ErrnoException) => {
      throw new DocsFileError(file, `Expected a file, found a symbolic link to \`${link}\`, which does not exist`, { cause: error });
    });
    const realRoot = await fsp.realpath(root).catch(() => path.resolve(root));
    const inside = path.relative(realRoot, target);
    if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside)) {
      throw new DocsFileError(file, `Expected a file inside the project, found a symbolic link to \`${target}\` outside it; nothing written (replace the link with a file)`);
    }
  }
  const real = stat?.isSymbolicLink() ? await fsp.stat(target) : stat;
  if (real?.isDirectory()) throw new DocsFileError(file, "Expected a file, found a folder; nothing written (remove or rename the folder)");
  return target;
}

/** Writes `data` to the file `readDocFile` resolved, atomically; a failure names the file. */
export async function writeDocFile(file: string, target: string, data: Uint8Array): Promise<void> {
  await writeFileAtomic(target, data).catch((error: unknown) => {
    throw failure(file, "write", error);
  });
}

function failure(file: string, verb: "read" | "write", error: unknown): DocsFileError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new DocsFileError(file, `Cannot ${verb} the file: ${reason}`, { cause: error });
}
