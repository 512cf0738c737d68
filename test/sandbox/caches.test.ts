import { describe, expect, it } from "vitest";
import { toolCaches, SANDBOX_GRADLE_HOME } from "../../src/sandbox/caches.js";
import { buildTools } from "../../src/validate/build-tools.js";
import { makeProject } from "../helpers/project.js";

const home = "/home/ann";

describe("toolCaches: the build tools' dependency caches, read offline", () => {
  it("reads each tool's cache folder under the home by default, never its settings or credentials, and runs the tool offline", () => {
    const caches = toolCaches(["maven", "gradle", "cargo", "go"], {}, home);
    expect(caches.readable).toEqual([
      "/home/ann/.m2/repository",
      "/home/ann/.gradle/caches",
      "/home/ann/.cargo/registry",
      "/home/ann/.cargo/git",
      "/home/ann/go/pkg/mod",
    ]);
    for (const secret of ["/home/ann/.m2", "/home/ann/.gradle", "/home/ann/.cargo", "/home/ann/.netrc"]) expect(caches.readable).not.toContain(secret);
    expect(caches.set).toEqual({
      MAVEN_ARGS: "-o",
      GRADLE_RO_DEP_CACHE: "/home/ann/.gradle/caches",
      GRADLE_USER_HOME: SANDBOX_GRADLE_HOME,
      CARGO_NET_OFFLINE: "true",
      GOMODCACHE: "/home/ann/go/pkg/mod",
      GOPROXY: "off",
    });
  });

  it("follows the variables that move a cache, and says where it is inside", () => {
    const env = { MAVEN_OPTS: "-Xmx1g -Dmaven.repo.local=/data/m2 -Dhttp.proxyPassword=pw", GRADLE_USER_HOME: "/data/gradle", CARGO_HOME: "/data/cargo", GOPATH: "/data/gopath:/other" };
    const caches = toolCaches(["maven", "gradle", "cargo", "go"], env, home);
    expect(caches.readable).toEqual(["/data/m2", "/data/gradle/caches", "/data/cargo/registry", "/data/cargo/git", "/data/gopath/pkg/mod"]);
    expect(caches.set).toMatchObject({ MAVEN_OPTS: "-Dmaven.repo.local=/data/m2", GRADLE_RO_DEP_CACHE: "/data/gradle/caches", CARGO_HOME: "/data/cargo", GOMODCACHE: "/data/gopath/pkg/mod" });
    // The user's other MAVEN_OPTS (a proxy's password) are not copied in.
    expect(caches.set.MAVEN_OPTS).not.toMatch(/Xmx|proxyPassword/);
    expect(toolCaches(["go"], { GOMODCACHE: "/data/mod", GOPATH: "/data/gopath" }, home).readable).toEqual(["/data/mod"]);
    expect(toolCaches(["maven"], { MAVEN_OPTS: "-Dmaven.repo.local=/srv/m2" }, home).readable).toEqual(["/srv/m2"]);
  });

  it("never opens a whole home through a variable that points at one (or above it)", () => {
    expect(toolCaches(["maven"], { MAVEN_OPTS: `-Dmaven.repo.local=${home}` }, home).readable).toEqual([]);
    expect(toolCaches(["go"], { GOMODCACHE: "/home" }, home).readable).toEqual([]);
    expect(toolCaches(["go"], { GOMODCACHE: "/" }, home).readable).toEqual([]);
  });

  it("adds nothing for a project with no such tool", () => {
    expect(toolCaches([], { CARGO_HOME: "/data/cargo" }, home)).toEqual({ readable: [], set: {} });
  });
});

describe("buildTools: the tools a project uses, from its build files", () => {
  it("finds them in the root and in sub-projects one or two levels down, not in skipped folders", () => {
    expect(buildTools(makeProject({ "pom.xml": "<project/>", "README.md": "" }))).toEqual(["maven"]);
    const mono = makeProject({ "backend/Cargo.toml": "", "services/billing/go.mod": "module b\n", "web/app/x/build.gradle.kts": "", "node_modules/p/pom.xml": "" });
    expect(buildTools(mono)).toEqual(["cargo", "go"]);
    expect(buildTools(makeProject({ "settings.gradle": "" }))).toEqual(["gradle"]);
    expect(buildTools(makeProject({ "package.json": "{}" }))).toEqual([]);
  });
});
