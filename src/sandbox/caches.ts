import { isAbsolute, join, resolve } from "node:path";

/** Build tools whose downloads a sandbox without the network can read from their caches. */
export type BuildTool = "maven" | "gradle" | "cargo" | "go";

/** What a sandbox with no network adds for the build tools a project uses. */
export interface ToolCaches {
  /** Cache folders made readable (read-only): downloaded artifacts only, never a tool's settings or credentials. */
  readable: string[];
  /** Variables set inside: the tools offline, and where their caches are when the user moved them. */
  set: Record<string, string>;
}

export const NO_CACHES: ToolCaches = Object.freeze({ readable: [], set: {} }) as ToolCaches;

/** Where the Gradle user home is inside the sandbox: the fresh, writable /tmp, since its caches go read-only. */
export const SANDBOX_GRADLE_HOME = "/tmp/.gradle";

/**
 * The dependency caches of `tools` and the variables that run each offline, from the user's
 * environment (`MAVEN_OPTS -Dmaven.repo.local`, `GRADLE_USER_HOME`, `CARGO_HOME`,
 * `GOMODCACHE`/`GOPATH`) or the tools' defaults under `home`. Only the folders of downloaded
 * artifacts: `~/.m2/settings.xml`, `~/.gradle/gradle.properties`, `~/.cargo/credentials.toml`
 * and `~/.netrc` sit beside them and stay hidden. A cache that would be a home folder itself
 * (or hold one) is left out, so a stray variable never opens a whole home.
 */
export function toolCaches(tools: Iterable<BuildTool>, env: NodeJS.ProcessEnv, home: string): ToolCaches {
  const readable: string[] = [];
  const set: Record<string, string> = {};
  const at = (value: string) => (isAbsolute(value) ? value : resolve(home, value));
  for (const tool of new Set(tools)) {
    if (tool === "maven") {
      // mvn splits MAVEN_OPTS on spaces, unquoted: the path is one word.
      const moved = /-Dmaven\.repo\.local=(\S+)/.exec(env.MAVEN_OPTS ?? "")?.[1];
      readable.push(moved ? at(moved) : join(home, ".m2", "repository"));
      if (moved) set.MAVEN_OPTS = `-Dmaven.repo.local=${at(moved)}`;
      // Maven 3.9 reads MAVEN_ARGS: a configured `mvn test` goes offline too (older Mavens ignore it; discovered gates say -o).
      set.MAVEN_ARGS = "-o";
    } else if (tool === "gradle") {
      // Gradle writes locks in its user home's caches: they are read as a read-only dependency cache, the user home a fresh one.
      const caches = join(env.GRADLE_USER_HOME ? at(env.GRADLE_USER_HOME) : join(home, ".gradle"), "caches");
      readable.push(caches);
      set.GRADLE_RO_DEP_CACHE = caches;
      set.GRADLE_USER_HOME = SANDBOX_GRADLE_HOME;
    } else if (tool === "cargo") {
      const cargoHome = env.CARGO_HOME ? at(env.CARGO_HOME) : join(home, ".cargo");
      readable.push(join(cargoHome, "registry"), join(cargoHome, "git"));
      if (env.CARGO_HOME) set.CARGO_HOME = cargoHome;
      set.CARGO_NET_OFFLINE = "true";
    } else {
      const gopath = (env.GOPATH ?? "").split(":").find(Boolean);
      const modcache = env.GOMODCACHE ? at(env.GOMODCACHE) : join(gopath ? at(gopath) : join(home, "go"), "pkg", "mod");
      readable.push(modcache);
      set.GOMODCACHE = modcache;
      // GOPROXY=off reads the module cache only; -mod stays readonly, so a gate never rewrites the agent's go.mod.
      set.GOPROXY = "off";
    }
  }
  const homes = [home, "/root", "/home"];
  const opensAHome = (path: string) => path === "/" || homes.some((h) => h === path || h.startsWith(`${path}/`));
  return { readable: readable.filter((p) => !opensAHome(p)), set };
}
