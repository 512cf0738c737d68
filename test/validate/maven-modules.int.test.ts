import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gateConfinement } from "../../src/run/confinement.js";
import { onPath } from "../../src/sandbox/on-path.js";
import { runGate, type GateContext } from "../../src/validate/gates.js";
import { validationOf } from "../../src/validate/discover.js";
import { cleanup, tempDir } from "../sandbox/helpers.js";

// A module's discovered gate in a Maven multi-module build, run as a run runs it (the default
// sandbox: no network, ~/.m2/repository read offline). CI installs no Maven (scripts/system-deps.sh),
// so this skips there, saying why.

afterEach(cleanup);

const REPO = join(homedir(), ".m2/repository");
const NEEDED = ["org/junit/jupiter/junit-jupiter/5.11.4", "org/apache/maven/plugins/maven-surefire-plugin/3.2.5", "org/apache/maven/plugins/maven-compiler-plugin/3.13.0"];
const mavenMissing = !onPath("mvn") ? "mvn is not installed" : NEEDED.some((p) => !existsSync(join(REPO, p))) ? `junit-jupiter 5.11.4, surefire 3.2.5 and maven-compiler 3.13.0 are not in ${REPO} (run a project's mvn test once with the network)` : undefined;

const PLUGINS = ["maven-resources-plugin:3.3.1", "maven-compiler-plugin:3.13.0", "maven-surefire-plugin:3.2.5", "maven-jar-plugin:3.3.0", "maven-install-plugin:3.1.1"]
  .map((p) => `<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${p.split(":")[0]}</artifactId><version>${p.split(":")[1]}</version></plugin>`)
  .join("");

const ROOT_POM = `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>dev.tally</groupId><artifactId>parent</artifactId><version>0.1.0</version><packaging>pom</packaging>
  <modules><module>money</module><module>ledger</module><module>app</module></modules>
  <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version><scope>test</scope></dependency></dependencies>
  <build><pluginManagement><plugins>${PLUGINS}</plugins></pluginManagement></build>
</project>
`;

const modulePom = (id: string, deps: string[]) => `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.tally</groupId><artifactId>parent</artifactId><version>0.1.0</version></parent>
  <artifactId>${id}</artifactId>
  <dependencies>${deps.map((d) => `<dependency><groupId>dev.tally</groupId><artifactId>${d}</artifactId><version>0.1.0</version></dependency>`).join("")}</dependencies>
</project>
`;

const test = (pkg: string, name: string, body: string) =>
  `package dev.tally.${pkg};\nimport static org.junit.jupiter.api.Assertions.*;\nimport org.junit.jupiter.api.Test;\nclass ${name} { @Test void works() { ${body} } }\n`;

describe("a Maven multi-module build's module gate", () => {
  it.skipIf(mavenMissing)(`builds the module and what it needs (-pl ledger -am), not a module it does not need${mavenMissing ? ` (skipped: ${mavenMissing})` : ""}`, async () => {
    const root = await tempDir("/var/tmp");
    const files: Record<string, string> = {
      "pom.xml": ROOT_POM,
      "money/pom.xml": modulePom("money", []),
      "money/src/main/java/dev/tally/money/Money.java": "package dev.tally.money;\npublic record Money(long cents) { public Money plus(Money o) { return new Money(cents + o.cents); } }\n",
      "ledger/pom.xml": modulePom("ledger", ["money"]),
      "ledger/src/main/java/dev/tally/ledger/Ledger.java": "package dev.tally.ledger;\nimport dev.tally.money.Money;\npublic final class Ledger { public static Money total(Money a, Money b) { return a.plus(b); } }\n",
      "ledger/src/test/java/dev/tally/ledger/LedgerTest.java": test("ledger", "LedgerTest", "assertEquals(new dev.tally.money.Money(3), Ledger.total(new dev.tally.money.Money(1), new dev.tally.money.Money(2)));"),
      // Another module, half written: it does not compile. The ledger's gate has no need of it.
      "app/pom.xml": modulePom("app", ["ledger"]),
      "app/src/main/java/dev/tally/app/Main.java": "package dev.tally.app;\npublic final class Main { not java }\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const modules = [
      { id: "money", files: ["money/src/main/java/dev/tally/money/Money.java"] },
      { id: "ledger", files: ["ledger/src/main/java/dev/tally/ledger/Ledger.java", "ledger/src/test/java/dev/tally/ledger/LedgerTest.java"] },
      { id: "app", files: ["app/src/main/java/dev/tally/app/Main.java"] },
    ];
    const plan = validationOf(root, { layers: ["core"], modules, frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false }, {});
    const found = plan.discovered.find((d) => d.level === "module" && d.target === "ledger")!;
    // Before: `mvn -B test -Dtest=LedgerTest ...`, which compiled every module, app too, and failed there.
    expect(found.check.run).toBe("mvn -B test -pl ledger -am -Dtest=LedgerTest -Dsurefire.failIfNoSpecifiedTests=false");
    const confine = await gateConfinement(root, {});
    const spec = { root, modules: [], layers: [] } as unknown as GateContext["spec"];
    const result = await runGate("module", "ledger", [found.check], { root, spec, layerOrder: ["core"], modules: ["ledger"], vars: { module: "ledger", files: [] }, timeoutMs: 240_000, confine });
    expect(result.checks[0]!.message).toBe("tests 1/1");
    expect(result.ok).toBe(true);
    expect(existsSync(join(root, "app/target"))).toBe(false);
  }, 300_000);
});
