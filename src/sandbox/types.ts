/** `bwrap`: bubblewrap confines the command; `none`: the command runs as the user, unconfined. */
export type SandboxMode = "bwrap" | "none";

/** The `sandbox` section of orchestrate.config.yaml, as written. */
export interface SandboxOptions {
  /** @default "bwrap" */
  mode?: SandboxMode;
  /** Whether sandboxed commands may use the network. @default false */
  network?: boolean;
  /** Environment variables passed through besides PATH, HOME, LANG, LC_ALL, TERM, TZ, USER. Never a secret's name. @default [] */
  env?: string[];
  /** Folders writable besides the workspace (absolute, `~/...`, or relative to the workspace). @default [] */
  writable?: string[];
  /** Folders under the home folder made readable again (a toolchain in `~/.nvm`, `~/.cargo`, ...). @default [] */
  readable?: string[];
  /** Per-process limits of every sandboxed command (run_command, gates). */
  limits?: Partial<SandboxLimits>;
  /**
   * Variables set in every command, whatever the allow-list says: the build tools offline where
   * their caches are readable (caches.ts). Given by the run to the agents' sandbox; not a config key.
   */
  set?: Record<string, string>;
}

/** Per-process resource limits (setrlimit through `prlimit`); 0 turns one off. */
export interface SandboxLimits {
  /** Memory a process may make writable (RLIMIT_DATA), in MB. @default 8192 */
  memoryMb: number;
  /** The largest file a process may write (RLIMIT_FSIZE), in MB. @default 1024 */
  fileMb: number;
}

export interface CompiledSandboxOptions {
  mode: SandboxMode;
  network: boolean;
  env: string[];
  writable: string[];
  readable: string[];
  limits: SandboxLimits;
  /** SandboxOptions' `set`. */
  set?: Record<string, string>;
}

/** How to start one shell command inside the sandbox. */
export interface SandboxLaunch {
  /** Program and arguments placed before `/bin/sh -c <command>`; empty: run the shell directly. */
  launcher: string[];
  /** The command's whole environment. */
  env: NodeJS.ProcessEnv;
}

export interface LaunchRequest {
  /** The workspace: the command's folder, and the one folder it may write (besides `writable`). */
  cwd: string;
  /** Variables set to these values, whatever the allow-list says (ORCHESTRATE_*, `command.env`). */
  set?: Record<string, string>;
  /** Variables passed through from the process environment besides the allow-list, secrets included. */
  pass?: readonly string[];
  /** Files or folders readable even where they are hidden (the prompt file under a home folder). */
  readable?: readonly string[];
}

/**
 * Where agent-issued commands run. Every mode builds the environment from an allow-list;
 * `bwrap` also confines the file system, the network and the processes.
 */
export interface Sandbox {
  readonly mode: SandboxMode;
  readonly network: boolean;
  /** The limits applied to each process of a command (none: `{ memoryMb: 0, fileMb: 0 }`). */
  readonly limits: SandboxLimits;
  /** For the run's first line, e.g. "bwrap (network off)". */
  readonly description: string;
  launch(request: LaunchRequest): SandboxLaunch;
}
