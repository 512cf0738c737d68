import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gateConfinement, setupConfinement } from "../../src/run/confinement.js";
import { onPath } from "../../src/sandbox/on-path.js";
import { runGate, type GateContext } from "../../src/validate/gates.js";
import { validationOf } from "../../src/validate/discover.js";
import type { Config } from "../../src/config/schema.js";
import { cleanup, setEnv, tempDir } from "../sandbox/helpers.js";

// A discovered gate of a Maven or Cargo project passes in the default sandbox (no network, homes
// hidden): the tool's dependency cache is readable and the tool runs offline. CI installs neither
// tool (scripts/system-deps.sh), so these skip there, saying why.

afterEach(cleanup);

const JUNIT = join(homedir(), ".m2/repository/org/junit/jupiter/junit-jupiter/5.11.4");
const SUREFIRE = join(homedir(), ".m2/repository/org/apache/maven/plugins/maven-surefire-plugin/3.2.5");
const mavenMissing = !onPath("mvn") ? "mvn is not installed" : !existsSync(JUNIT) || !existsSync(SUREFIRE) ? `junit-jupiter 5.11.4 and surefire 3.2.5 are not in ${join(homedir(), ".m2/repository")} (run the project's mvn test once with the network)` : undefined;
const cargoMissing = onPath("cargo") && onPath("git") ? undefined : "cargo or git is not installed";

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** The project's discovered system gate, run as a run runs it (its confinement from `config`). */
async function systemGate(root: string, config: Pick<Config, "sandbox" | "gates" | "workspace"> = {}) {
  const plan = validationOf(root, { layers: [], modules: [], frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false }, {});
  const checks = plan.config.gates!.system!;
  const confine = await gateConfinement(root, config);
  const spec = { root, modules: [], layers: [] } as unknown as GateContext["spec"];
  const result = await runGate("system", "system", checks, { root, spec, layerOrder: [], modules: [], vars: { files: [] }, timeoutMs: 240_000, confine });
  return { run: checks[0]!.run, check: result.checks[0]! };
}

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId><artifactId>money</artifactId><version>0.1.0</version>
  <properties>
    <maven.compiler.source>17</maven.compiler.source><maven.compiler.target>17</maven.compiler.target>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin>
  </plugins></build>
</project>
`;

describe("build tools' caches in the default sandbox", () => {
  it("reads the caches and runs the tools offline only where the sandbox has no network; elsewhere the commands run as before", async () => {
    const root = await tempDir();
    write(root, { "Cargo.toml": '[package]\nname = "a"\n' });
    const home = process.env.HOME ?? homedir();
    const off = await gateConfinement(root, {});
    expect(off.offline).toBe(true);
    expect(off.readable).toEqual(expect.arrayContaining([join(home, ".cargo/registry"), join(home, ".cargo/git")]));
    expect(off.set).toMatchObject({ CARGO_NET_OFFLINE: "true" });
    for (const on of [await gateConfinement(root, { sandbox: { network: true } }), await setupConfinement(root, {}), await gateConfinement(root, { gates: { sandbox: false } })]) {
      expect(on.offline).toBe(false);
      expect(on.readable).toEqual([]);
      expect(on.set).toEqual({});
    }
    // A discovered check's offline command runs only there.
    const check = { name: "tests", kind: "command" as const, run: 'echo "online $CARGO_NET_OFFLINE"', offline: 'echo "offline $CARGO_NET_OFFLINE"' };
    const spec = { root, modules: [], layers: [] } as unknown as GateContext["spec"];
    const output = async (config: Pick<Config, "sandbox" | "gates">) =>
      (await runGate("system", "system", [check], { root, spec, layerOrder: [], modules: [], vars: { files: [] }, timeoutMs: 20_000, confine: await gateConfinement(root, config) })).checks[0]!.output;
    expect(await output({})).toBe("offline true");
    expect(await output({ sandbox: { network: true } })).toBe("online");
    expect(await output({ gates: { sandbox: false } })).toBe("online");
    // Go and Gradle (not installed here): what their commands find inside a project of each.
    const mono = await tempDir();
    write(mono, { "svc/go.mod": "module svc\n", "app/build.gradle.kts": "", "lib/pom.xml": "<project/>" });
    const env = { name: "env", kind: "command" as const, run: 'echo "$GOPROXY $GOMODCACHE|$GRADLE_USER_HOME $GRADLE_RO_DEP_CACHE|$MAVEN_ARGS"; mkdir -p "$GRADLE_USER_HOME" && touch "$GRADLE_USER_HOME/x" && echo writable' };
    const seen = (await runGate("system", "system", [env], { root: mono, spec, layerOrder: [], modules: [], vars: { files: [] }, timeoutMs: 20_000, confine: await gateConfinement(mono, {}) })).checks[0]!.output;
    expect(seen).toBe(`off ${join(home, "go/pkg/mod")}|/tmp/.gradle ${join(home, ".gradle/caches")}|-o\nwritable`);
  });

  it.skipIf(mavenMissing)(`a Maven project's discovered \`mvn -B test\` passes, junit read from ~/.m2/repository offline${mavenMissing ? ` (skipped: ${mavenMissing})` : ""}`, async () => {
    const root = await tempDir("/var/tmp");
    write(root, {
      "pom.xml": POM,
      "src/main/java/org/example/Money.java": "package org.example;\npublic record Money(long cents) { public Money plus(Money o) { return new Money(cents + o.cents); } }\n",
      "src/test/java/org/example/MoneyTest.java": "package org.example;\nimport static org.junit.jupiter.api.Assertions.*;\nimport org.junit.jupiter.api.Test;\npublic class MoneyTest { @Test public void adds() { assertEquals(new Money(3), new Money(1).plus(new Money(2))); } }\n",
    });
    const { run, check } = await systemGate(root);
    expect(run).toBe("mvn -B test");
    expect(check.message).toBe("tests 1/1");
    expect(check.ok).toBe(true);
    // A missing artifact still fails with the explanation: Maven's offline words for it.
    writeFileSync(join(root, "pom.xml"), POM.replace("</dependencies>", "<dependency><groupId>org.example.absent</groupId><artifactId>nothing</artifactId><version>9.9.9</version></dependency></dependencies>"));
    const missing = (await systemGate(root)).check;
    expect(missing.ok).toBe(false);
    expect(missing.message).toMatch(/^exit 1, it tried the network, which the sandbox does not have \(.*offline mode.*\); what it downloads must be in a cache on disk/);
  }, 300_000);

  it.skipIf(cargoMissing)(`a Cargo workspace's discovered \`cargo test\` passes with a git dependency from a relocated CARGO_HOME, offline${cargoMissing ? ` (skipped: ${cargoMissing})` : ""}`, async () => {
    // Under /tmp, which the sandbox replaces with an empty one: the dependency's repository is out of reach inside.
    const base = await tempDir();
    const dep = join(base, "dep");
    write(dep, { "Cargo.toml": '[package]\nname = "dep"\nversion = "0.1.0"\nedition = "2021"\n', "src/lib.rs": "pub fn two() -> u32 { 2 }\n" });
    const git = (args: string[], cwd: string) => expect(spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" }).status).toBe(0);
    git(["init", "-q"], dep);
    git(["add", "."], dep);
    git(["commit", "-qm", "dep"], dep);
    const root = join(base, "ws");
    write(root, {
      "Cargo.toml": '[workspace]\nmembers = ["app"]\nresolver = "2"\n',
      "app/Cargo.toml": `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n[dependencies]\ndep = { git = "file://${dep}" }\n`,
      "app/src/lib.rs": "#[cfg(test)]\nmod tests { #[test] fn four() { assert_eq!(dep::two() * 2, 4); } }\n",
    });
    const cargoHome = join(base, "cargo-home");
    // What the user did once, outside: the dependency fetched into their (moved) CARGO_HOME.
    const fetched = spawnSync("cargo", ["fetch"], { cwd: root, env: { ...process.env, CARGO_HOME: cargoHome }, encoding: "utf8" });
    expect(fetched.status, fetched.stderr).toBe(0);
    const restore = setEnv({ CARGO_HOME: cargoHome });
    try {
      const { run, check } = await systemGate(root);
      expect(run).toBe("cargo test");
      expect(check.message).toBe("tests 1/1");
      expect(check.ok).toBe(true);
      // Nothing of CARGO_HOME but its caches: a credentials file beside them stays hidden.
      writeFileSync(join(cargoHome, "credentials.toml"), '[registry]\ntoken = "secret"\n');
      const confine = await gateConfinement(root, {});
      const seen = await runGate("system", "system", [{ name: "peek", kind: "command", run: `cat "$CARGO_HOME/credentials.toml" || echo hidden; ls "$CARGO_HOME/git"` }], { root, spec: { root, modules: [], layers: [] } as unknown as GateContext["spec"], layerOrder: [], modules: [], vars: { files: [] }, timeoutMs: 20_000, confine });
      expect(seen.checks[0]!.output).toContain("hidden");
      expect(seen.checks[0]!.output).not.toContain("secret");
      expect(seen.checks[0]!.output).toContain("checkouts");
    } finally {
      restore();
    }
  }, 300_000);
});
