/**
 * Command lines for coding CLIs run non-interactively, one module at a time, in the
 * project folder. Each edits files without asking but does not get blanket shell
 * permission (Claude Code's `acceptEdits` and its equivalents); widen that in your own
 * `command.run` if your gates need the agent to run tests itself.
 */

/** How the prompt reaches the command. */
export type PromptMode =
  /** Written to the command's stdin. */
  | "stdin"
  /** Its path as `{promptFile}` (appended when the command line does not use it). */
  | "file"
  /** Its text as one argument, `{prompt}` (appended when the command line does not use it). */
  | "arg";

/** How stdout is read. */
export type OutputFormat =
  /** Claude Code's `--output-format json` result object. */
  | "claude-json"
  /** Free text; its tail becomes the summary. */
  | "text";

export interface Preset {
  run: string;
  prompt: PromptMode;
  output?: OutputFormat;
  /** The CLI's model API, reached through a sandbox's allow-list proxy unless `command.network` says otherwise. */
  hosts?: readonly string[];
}

export const PRESETS = {
  // https://docs.claude.com/en/docs/claude-code/headless — `-p` runs once and exits, stdin that is not a TTY is the prompt, `--output-format json` prints one result object
  claude: { run: "claude -p --output-format json --permission-mode acceptEdits", prompt: "stdin", output: "claude-json", hosts: ["api.anthropic.com:443"] },
  // https://developers.openai.com/codex/noninteractive — `codex exec` for scripts, `--sandbox workspace-write` allows edits (`--full-auto` is deprecated), PROMPT `-` reads stdin; --skip-git-repo-check for projects outside git
  codex: { run: "codex exec --sandbox workspace-write --skip-git-repo-check -", prompt: "stdin", output: "text", hosts: ["api.openai.com:443"] },
  // https://geminicli.com/docs/cli/headless — `-p/--prompt` forces headless mode; --approval-mode auto_edit approves edit tools (https://geminicli.com/docs/core/concepts)
  gemini: { run: "gemini --approval-mode auto_edit -p {prompt}", prompt: "arg", output: "text", hosts: ["generativelanguage.googleapis.com:443"] },
  // https://qwenlm.github.io/qwen-code-docs/en/users/features/headless — `-p/--prompt` runs headless; approval mode is spelled `auto-edit` here (QwenLM/qwen-code CLI choices)
  qwen: { run: "qwen --approval-mode auto-edit -p {prompt}", prompt: "arg", output: "text" },
  // https://aider.chat/docs/scripting.html — `--message-file` sends one message and exits, `--yes-always` confirms; --no-auto-commits so changes stay in the work tree for the gates and git detection
  aider: { run: "aider --yes-always --no-auto-commits --message-file {promptFile} {files}", prompt: "file", output: "text" },
  // https://opencode.ai/docs/cli — `opencode run <message>` sends one message and prints the reply without the TUI
  opencode: { run: "opencode run {prompt}", prompt: "arg", output: "text" },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
