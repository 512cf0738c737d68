import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

/** The kernel settings that decide whether an unprivileged user may create namespaces (Debian, Ubuntu's AppArmor, any Linux). */
const USERNS_SETTINGS = ["/proc/sys/user/max_user_namespaces", "/proc/sys/kernel/unprivileged_userns_clone", "/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "/proc/sys/kernel/unprivileged_userns_apparmor_policy"];

/**
 * What a successful probe of bubblewrap depends on, hashed: the program found on `PATH` (its
 * file, by stat), the shell the probe starts, who we are and in which namespaces (a container
 * is another), this boot of the kernel and its settings for user namespaces, and the probe's
 * own arguments. Undefined when the program is not found: the probe then says why.
 */
export function probeKey(program: string, args: readonly string[], path = process.env.PATH ?? ""): string | undefined {
  const file = located(program, path);
  if (!file) return undefined;
  const hash = createHash("sha256");
  const add = (...parts: (string | number | bigint | undefined)[]) => hash.update(parts.map((p) => String(p ?? "-")).join("\0")).update("\n");
  add(file, path, JSON.stringify(args));
  for (const f of [file, "/bin/sh"]) {
    const s = statSync(f, { throwIfNoEntry: false, bigint: true });
    add(s?.dev, s?.ino, s?.size, s?.mtimeNs, s?.ctimeNs, s?.mode, s?.uid);
  }
  add(process.getuid?.(), process.getgid?.());
  for (const ns of ["user", "mnt", "pid", "net"]) add(readlinkOr(`/proc/self/ns/${ns}`));
  add(readOr("/proc/sys/kernel/random/boot_id"));
  for (const setting of USERNS_SETTINGS) add(readOr(setting));
  return hash.digest("base64url");
}

/**
 * Whether `file` records a success under `key`. Only successes are kept: a probe that failed
 * is made again, so a kept answer can never run a command unconfined that a probe would
 * have confined. The other way round (bubblewrap kept as working, then broken by a change
 * the key does not see) a confined command fails with bubblewrap's error, and says so.
 */
export function keptSuccess(file: string, key: string): boolean {
  return readOr(file) === `ok ${key}\n`;
}

/** Records a success under `key`: only inside a `.orchestrate/` that exists already (never the reason a project has one); best effort. */
export function keepSuccess(file: string, key: string): void {
  if (!existsSync(dirname(dirname(file)))) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, `ok ${key}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written costs the next run a probe, nothing more.
    rmSync(tmp, { force: true });
  }
}

/** `program` as `execFile` finds it: a path as it is, a name in the first folder of `path` that has it. */
function located(program: string, path: string): string | undefined {
  if (program.includes("/")) return existsSync(program) ? program : undefined;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readlinkOr(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined;
  }
}

/** Where a project keeps its last successful probe: beside its other caches, in `.orchestrate/cache/`. */
export function probeFile(root: string): string {
  return join(root, ".orchestrate", "cache", "bwrap-probe");
}
