import { lstat, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** A path the model asked for that the workspace tools refuse; its message goes back to the model. */
export class WorkspacePathError extends Error {
  override name = "WorkspacePathError" as const;
}

export interface WorkspacePath {
  /** Absolute, with every existing symbolic link resolved. */
  abs: string;
  /** Relative to the project root, `/`-separated; "." for the root itself. */
  rel: string;
}

/** Folders the model may read but never write: the repository and the engine's state. */
const PROTECTED = [".git", ".orchestrate"];

function escapes(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

const toRel = (rel: string) => (rel === "" ? "." : rel.split(sep).join("/"));

/**
 * The project root a workspace is confined to. Every path goes through `resolve()`:
 * relative to the root, no way out through `..`, an absolute path or a symbolic link
 * (checked on the real path of the nearest existing ancestor, so a link to a folder
 * outside is refused even when the file below it does not exist yet).
 */
export class Workspace {
  private constructor(
    /** The root as given (absolute). */
    readonly root: string,
    /** The root with symbolic links resolved. */
    readonly realRoot: string,
  ) {}

  static async open(root: string): Promise<Workspace> {
    const abs = resolve(root);
    return new Workspace(abs, await realpath(abs));
  }

  async resolve(input: unknown, intent: "read" | "write" = "read"): Promise<WorkspacePath> {
    if (typeof input !== "string" || input.trim() === "") {
      throw new WorkspacePathError(`Expected \`path\` to be a non-empty path relative to the project root, got ${JSON.stringify(input)}`);
    }
    if (input.includes("\0")) throw new WorkspacePathError(`Path \`${input}\` contains a NUL byte`);
    // Accept absolute paths under either spelling of the root (e.g. /tmp vs /private/tmp).
    const base = isAbsolute(input) && !escapes(relative(this.realRoot, input)) ? this.realRoot : this.root;
    const wanted = resolve(base, input);
    if (escapes(relative(base, wanted))) {
      throw new WorkspacePathError(`Path \`${input}\` is outside the project; use a path relative to the project root`);
    }
    const real = await this.realOf(wanted, input);
    const rel = relative(this.realRoot, real);
    if (escapes(rel)) {
      throw new WorkspacePathError(`Path \`${input}\` leads outside the project through a symbolic link`);
    }
    const shown = toRel(rel);
    if (intent === "write" && PROTECTED.some((p) => shown === p || shown.startsWith(`${p}/`))) {
      throw new WorkspacePathError(`Path \`${input}\` is inside \`${shown.split("/")[0]}/\`, which the tools may not change`);
    }
    return { abs: real, rel: shown };
  }

  /** Real path of `wanted`: the nearest existing ancestor resolved, the missing rest appended. */
  private async realOf(wanted: string, input: string): Promise<string> {
    let probe = wanted;
    for (;;) {
      try {
        return join(await realpath(probe), relative(probe, wanted));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      // A dangling link would be followed by a write: refuse it rather than guess its target.
      const link = await lstat(probe).then((s) => s.isSymbolicLink(), () => false);
      if (link) throw new WorkspacePathError(`Path \`${input}\` goes through a symbolic link whose target does not exist`);
      const parent = dirname(probe);
      if (parent === probe) return wanted;
      probe = parent;
    }
  }
}
