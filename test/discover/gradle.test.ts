import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { gradleDependencies } from "../../src/discover/gradle-projects.js";
import { makeProject } from "../helpers/project.js";

/** A Gradle multi-project build of our own: a tally app, its ledger, and an exporter it loads by ServiceLoader, never by an import. */
const kt = (pkg: string, body: string) => `package org.tally.${pkg}\n\n${body}\n`;
const TALLY = {
  "settings.gradle.kts": 'rootProject.name = "tally"\n\ninclude(\n    ":ledger-core",\n    ":app",\n    ":export:csv",\n)\n// Kept in libs/ since 2024.\nproject(":ledger-core").projectDir = file("libs/ledger")\n',
  "build.gradle.kts": 'plugins {\n    kotlin("jvm") version "2.0.0" apply false\n}\n',
  "libs/ledger/build.gradle.kts": "dependencies {\n}\n",
  "libs/ledger/src/main/kotlin/org/tally/ledger/Ledger.kt": kt("ledger", "class Ledger {\n    fun total(): Int = 0\n}"),
  "export/csv/build.gradle": "dependencies {\n    implementation project(':ledger-core')\n}\n",
  "export/csv/src/main/kotlin/org/tally/csv/CsvExporter.kt": kt("csv", "import org.tally.ledger.Ledger\n\nclass CsvExporter {\n    fun write(l: Ledger) = l.total().toString()\n}"),
  "app/build.gradle.kts": 'dependencies {\n    implementation(projects.ledgerCore)\n    runtimeOnly(project(":export:csv"))\n    // runtimeOnly(project(":export:pdf"))\n    testImplementation(project(":fixtures"))\n}\n',
  "app/src/main/kotlin/org/tally/app/Main.kt": kt("app", "import org.tally.ledger.Ledger\n\nfun main() {\n    println(Ledger().total())\n}"),
};

describe("discover: Gradle project dependencies", () => {
  it("a subproject depends on the projects its build script names, though no file imports them", () => {
    const d = discover(makeProject(TALLY));
    // Before: app depended on ledger alone, and the exporter it loads at run time could be planned after it.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ ledger: [], csv: ["ledger"], app: ["ledger", "csv"] });
  });

  it("reads Groovy and Kotlin scripts: a path, `path:`, an accessor, a projectDir set in settings; test configurations, comments and the root script (its `subprojects { }`) are not read", () => {
    const settings = [{ dir: "", text: TALLY["settings.gradle.kts"] }];
    const builds = [
      { dir: "", text: 'subprojects {\n    dependencies { implementation(project(":ledger-core")) }\n}\n' },
      { dir: "app", text: TALLY["app/build.gradle.kts"] },
      { dir: "export/csv", text: "dependencies {\n    api project(path: ':ledger-core', configuration: 'default')\n}\n" },
    ];
    expect(gradleDependencies(settings, builds).map((x) => `${x.names.join(" -> ")}: ${x.dir} -> ${x.on}`)).toEqual([
      ":app -> :export:csv: app -> export/csv",
      ":app -> :ledger-core: app -> libs/ledger",
      ":export:csv -> :ledger-core: export/csv -> libs/ledger",
    ]);
  });
});
