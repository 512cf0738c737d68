export { WorkspaceError } from "./git.js";
export { openRepo, dirtyPaths, type Repo } from "./repo.js";
export { RunWorktrees, integrationBranch, attemptBranch, worktreesHome, removeRunWorktrees, type Worktree, type WorkspaceSetup, type MergeResult } from "./worktrees.js";
export { runSetup, type SetupCommand, type SetupLauncher } from "./setup.js";
export { applyBranch, commitDirty, type Applied } from "./apply.js";
export { cleanRun, runsWithLeftovers, type Cleaned, type IntegrationFate } from "./clean.js";
export { branchState, currentBranch, detachedHead } from "./branch.js";
export { bringInCommand, DETACHED_HEAD, type Detached } from "./bring-in.js";
