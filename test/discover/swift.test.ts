import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { swiftTargets } from "../../src/spec/swift-package.js";
import { validationOf } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

/** A Swift package of our own: four targets (one at a path of its own, one executable) and two test targets. */
const PACKAGE = {
  "Package.swift": `// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "Orbits",
    targets: [
        .target(name: "Kepler"),
        .target(name: "OrbitKit", dependencies: ["Kepler"]),
        .target(name: "Ephemeris", dependencies: ["OrbitKit"], path: "Sources/EphemerisStore"),
        .executableTarget(name: "OrbitsCLI", dependencies: ["OrbitKit", "Ephemeris", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "KeplerTests", dependencies: ["Kepler"]),
        .testTarget(name: "OrbitKitTests", dependencies: ["OrbitKit"]),
    ]
)
`,
  "Sources/Kepler/Anomaly.swift": "import Foundation\n\n/// Solves Kepler's equation.\npublic func eccentricAnomaly(mean: Double, e: Double) -> Double { mean + e * sin(mean) }\n",
  "Sources/Kepler/Elements.swift": "/// The classical orbital elements.\npublic struct Elements {\n    public var eccentricity: Double\n}\n\ninternal let twoPi = 6.283\n",
  "Sources/OrbitKit/Orbit.swift": "import Kepler\n\n/// An orbit around one body.\npublic final class Orbit {\n    public let elements: Elements\n    public init(_ e: Elements) { elements = e }\n}\n\npublic protocol Body {}\n",
  "Sources/OrbitKit/Views/OrbitPath.swift": "/// Points along an orbit.\npublic struct OrbitPath { let orbit: Orbit }\n",
  "Sources/EphemerisStore/Table.swift": "import Kepler\n@testable import OrbitKit\n\n/// Positions by time.\npublic struct EphemerisTable { let orbit: Orbit }\n",
  "Sources/OrbitsCLI/main.swift": 'import OrbitKit\nimport Ephemeris\nimport ArgumentParser\n\nprint("""\nimport Kepler\n""")\n',
  "Tests/KeplerTests/AnomalyTests.swift": "import XCTest\n@testable import Kepler\n\nfinal class AnomalyTests: XCTestCase {}\n",
  "Tests/OrbitKitTests/OrbitTests.swift": "import XCTest\nimport Kepler\n@testable import OrbitKit\n\nfinal class OrbitTests: XCTestCase {}\n",
};

describe("discover: Swift packages", () => {
  it("reads Package.swift's targets and their folders", () => {
    expect(swiftTargets("", PACKAGE["Package.swift"]).map((t) => `${t.kind} ${t.name} ${t.dir}`)).toEqual([
      "target Kepler Sources/Kepler",
      "target OrbitKit Sources/OrbitKit",
      "target Ephemeris Sources/EphemerisStore",
      "executable OrbitsCLI Sources/OrbitsCLI",
      "test KeplerTests Tests/KeplerTests",
      "test OrbitKitTests Tests/OrbitKitTests",
    ]);
  });

  it("a module per target, imports by target name, a test target's tests with the target it is named for, layers by target name", () => {
    const root = makeProject(PACKAGE);
    const d = discover(root);
    // Before: "Found no ... source files": Swift was not read.
    const byId = Object.fromEntries(d.modules.map((m) => [m.id, { layer: m.layer, dependsOn: m.dependsOn, tests: m.tests, files: m.files.length }]));
    expect(byId).toEqual({
      kepler: { layer: "foundation", dependsOn: [], tests: ["Tests/KeplerTests/AnomalyTests.swift"], files: 2 },
      // It imports Kepler, whose files are two to its one: the test target's name says which it tests.
      orbit_kit: { layer: "foundation", dependsOn: ["kepler"], tests: ["Tests/OrbitKitTests/OrbitTests.swift"], files: 2 },
      // `EphemerisStore` ends in a word of the infrastructure; `OrbitsCLI` in one of the interface, and it is the executable.
      ephemeris: { layer: "infrastructure", dependsOn: ["kepler", "orbit_kit"], tests: [], files: 1 },
      orbits_cli: { layer: "interface", dependsOn: ["orbit_kit", "ephemeris"], tests: [], files: 1 },
    });
    const kepler = d.modules.find((m) => m.id === "kepler")!;
    expect(kepler.provides).toEqual(["eccentricAnomaly", "Elements"]);
    expect(kepler.doc).toBe("The classical orbital elements.");
    // The manifest is SwiftPM's input, not a module.
    expect(d.skipped).toContainEqual({ path: "Package.swift", why: "a build tool's configuration" });
  });

  it("gates: swift test, and a module's test classes by --filter <test target>.<class>", () => {
    const root = makeProject(PACKAGE);
    const d = discover(root);
    const spec = { layers: ["core"], modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false };
    expect(validationOf(root, spec, {}).discovered.map((x) => `${x.target}: ${x.check.run}`)).toEqual([
      "system: swift test",
      "kepler: swift test --filter KeplerTests.AnomalyTests",
      "orbit_kit: swift test --filter OrbitKitTests.OrbitTests",
    ]);
  });
});

/** One large target (15 files in four folders and its top) beside a small executable target. */
const LARGE = {
  "Package.swift": 'import PackageDescription\nlet package = Package(name: "Kiln", targets: [.target(name: "Kiln"), .executableTarget(name: "KilnTool", dependencies: ["Kiln"]), .testTarget(name: "KilnTests", dependencies: ["Kiln"])])\n',
  "Sources/Kiln/Kiln.swift": "/// Schedules firings.\npublic enum Kiln { public static let name = \"kiln\" }\n",
  "Sources/Kiln/Glazes/Glaze.swift": "public struct Glaze { public let cone: Cone }\n",
  "Sources/Kiln/Glazes/Cone.swift": "public struct Cone { let number: Int }\n",
  "Sources/Kiln/Glazes/Recipe.swift": "struct Recipe { var glazes: [Glaze] }\n",
  "Sources/Kiln/Glazes/Oxide.swift": "enum Oxide { case iron, cobalt }\n",
  "Sources/Kiln/Firing/Schedule.swift": "/// Ramps and holds.\npublic struct Schedule { let peak: Cone; let log: FiringLog }\n",
  "Sources/Kiln/Firing/Ramp.swift": "struct Ramp { let degreesPerHour: Int }\n",
  "Sources/Kiln/Firing/Controller.swift": "final class Controller { let schedule: Schedule\n  init(schedule: Schedule) { self.schedule = schedule; record(schedule) }\n}\n",
  "Sources/Kiln/Persistence/FiringLog.swift": "import Foundation\nfinal class FiringLog { var glazes: [Glaze] = [] }\n",
  "Sources/Kiln/Persistence/Archive.swift": "func record(_ s: Any) {}\n",
  "Sources/Kiln/Persistence/Backup.swift": "// A Schedule is backed up as text.\nstruct Backup { let text = \"Ramp\" }\n",
  "Sources/Kiln/Screens/ScheduleScreen.swift": "import SwiftUI\nstruct ScheduleScreen: View { let schedule: Schedule\n  var body: some View { Text(\"s\") }\n}\n",
  "Sources/Kiln/Screens/GlazeList.swift": "import SwiftUI\nstruct GlazeList: View { let glazes: [Glaze]\n  var body: some View { Text(\"g\") }\n}\n",
  "Sources/Kiln/Screens/Swatch.swift": "import SwiftUI\nstruct Swatch: View { let oxide: Oxide\n  var body: some View { Text(\"o\") }\n}\n",
  "Sources/KilnTool/main.swift": "import Kiln\nprint(Kiln.name)\n",
  "Tests/KilnTests/ScheduleTests.swift": "import XCTest\n@testable import Kiln\n\nfinal class ScheduleTests: XCTestCase { func testPeak() { _ = Schedule.self; _ = Cone.self } }\n",
  "Tests/KilnTests/GlazeTests.swift": "import XCTest\n@testable import Kiln\n\nfinal class GlazeTests: XCTestCase { func testCone() { _ = Glaze.self } }\n",
};

describe("discover: a large Swift target", () => {
  it("is a module per top folder (and one of its top files), tied by the names they use; an import of it depends on the parts it names", () => {
    const d = discover(makeProject(LARGE));
    const byId = Object.fromEntries(d.modules.map((m) => [m.id, { folder: m.folder, dependsOn: m.dependsOn, tests: m.tests }]));
    // Before: the target held most of the code, so it was one module per file (16 modules, no dependencies among them).
    expect(byId).toEqual({
      kiln: { folder: undefined, dependsOn: [], tests: [] },
      glazes: { folder: "Sources/Kiln/Glazes", dependsOn: [], tests: ["Tests/KilnTests/GlazeTests.swift"] },
      // `record(schedule)` calls Persistence's function; the comment and string naming `Schedule` and `Ramp` in Backup.swift are no use.
      persistence: { folder: "Sources/Kiln/Persistence", dependsOn: ["glazes"], tests: [] },
      firing: { folder: "Sources/Kiln/Firing", dependsOn: ["glazes", "persistence"], tests: ["Tests/KilnTests/ScheduleTests.swift"] },
      screens: { folder: "Sources/Kiln/Screens", dependsOn: ["glazes", "firing"], tests: [] },
      // It uses `Kiln.name` alone: the target's top file, not every part of it.
      kiln_tool: { folder: "Sources/KilnTool", dependsOn: ["kiln"], tests: [] },
    });
    expect(d.merged).toEqual([]);
  });

  it("a target of up to 12 files holding most of the code stays one module", () => {
    const small = Object.fromEntries(Object.entries(LARGE).filter(([path]) => !path.includes("/Screens/") && !path.includes("/Persistence/")));
    const d = discover(makeProject(small));
    // Before: one module per file of Sources/Kiln/ (it held most of the project's files).
    expect(d.modules.map((m) => `${m.id} ${m.folder} ${m.files.length}`)).toEqual(["kiln Sources/Kiln 8", "kiln_tool Sources/KilnTool 1"]);
  });
});
