import { git, type GitOutput } from "../agents/git.js";
import { OrchestrateError } from "../errors.js";

/**
 * Flags for every commit orchestrate makes: the user's hooks (husky, pre-commit) and
 * signing are for their own commits, not for an agent's work in a throw-away worktree,
 * and a machine with no `user.email` must still commit.
 */
export const COMMIT_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false"];
export const IDENTITY = { GIT_AUTHOR_NAME: "orchestrate", GIT_AUTHOR_EMAIL: "orchestrate@localhost", GIT_COMMITTER_NAME: "orchestrate", GIT_COMMITTER_EMAIL: "orchestrate@localhost" };

/** A git command that failed where the run needed it to succeed. */
export class WorkspaceError extends OrchestrateError {
  override name = "WorkspaceError";
  constructor(message: string, options?: ErrorOptions) {
    super("WORKSPACE", message, {}, options);
  }
}

/** Runs git in `cwd` and answers its stdout; a non-zero exit is a WorkspaceError naming the command and git's message. */
export async function gitOk(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const out = await gitRun(args, cwd, env);
  if (out.code !== 0) throw new WorkspaceError(`git ${args.join(" ")} failed in ${cwd}: ${(out.stderr || out.stdout).trim().split("\n").slice(0, 5).join(" / ")}`);
  return out.stdout;
}

export async function gitRun(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<GitOutput> {
  try {
    return await git(args, cwd, env ? { ...process.env, ...env } : process.env);
  } catch (error) {
    throw new WorkspaceError(`git could not be started in ${cwd}: ${(error as Error).message}`, { cause: error });
  }
}

/** Commits with orchestrate's identity where the repository has none, never running the user's hooks or signing. */
export async function gitCommitting(args: string[], cwd: string, hasIdentity: boolean): Promise<string> {
  return gitOk([...COMMIT_CONFIG, ...args], cwd, hasIdentity ? undefined : IDENTITY);
}

/** Whether the repository (or the user's global config) names a committer. */
export async function hasIdentity(cwd: string): Promise<boolean> {
  const [name, email] = await Promise.all([gitRun(["config", "user.name"], cwd), gitRun(["config", "user.email"], cwd)]);
  return name.code === 0 && email.code === 0 && name.stdout.trim() !== "" && email.stdout.trim() !== "";
}
