import { readFileSync } from "node:fs";

/**
 * The CPU time the calling thread has used, in ms: what a hang check bounds (the work a parser
 * does on hostile input), where wall time also counts the time other processes had the CPU (at a
 * load of 20 on two cores, a 200 ms scan took over 2 s of wall time). Linux's
 * /proc/thread-self/stat (utime and stime, in ticks of 10 ms) gives the thread's own, not the
 * process's: the fast tests share a process, two files at once. Elsewhere: wall time.
 */
export function cpuMs(): number {
  let stat: string;
  try {
    stat = readFileSync("/proc/thread-self/stat", "utf8");
  } catch {
    return performance.now();
  }
  // Fields after the command's name, which is in parentheses and may hold spaces: state is the first, utime the 12th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
