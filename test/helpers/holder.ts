import { spawn } from "node:child_process";
import { processStartTime } from "../../src/exec/process-group.js";

export interface Holder {
  pid: number;
  startTime: string;
  kill(): void;
}

/**
 * A real, idle process to stand for another orchestrate holding a run's lock: a run whose
 * lock no live process holds is shown interrupted, its modules not running.
 */
export async function spawnHolder(): Promise<Holder> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  return { pid: child.pid!, startTime: processStartTime(child.pid!)!, kill: () => void child.kill("SIGKILL") };
}
