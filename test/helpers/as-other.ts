import { spawnSync } from "node:child_process";
import { BIN, type CliResult } from "./cli.js";

/**
 * The CLI as a user who may not write a folder whose mode says so. Root writes anywhere: as root,
 * the CLI runs without the capabilities that override file modes (setpriv, util-linux), so the
 * folder's own mode holds. Not as another user: the checkout the tests run from may be in a
 * folder only its owner can enter.
 */
export function runAsOther(args: string[]): CliResult {
  const command = [process.execPath, BIN, ...args];
  const [file, ...rest] = process.getuid?.() === 0 ? ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", ...command] : command;
  const result = spawnSync(file!, rest, { env: { ...process.env, NO_COLOR: "1", CI: "true", HOME: "/tmp" }, input: "", encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
