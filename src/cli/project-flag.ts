import { shellQuote } from "../exec/shell.js";

/**
 * ` --project <dir>` for a command the user is told to run next, "" for the current folder. The
 * folder is quoted for the shell: a name with a space, a quote or a newline pasted as printed
 * named another folder, or ran part of it as a command.
 */
export function projectFlag(project: string): string {
  return project === "." ? "" : ` --project ${shellQuote(project)}`;
}
