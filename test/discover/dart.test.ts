import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { validationOf } from "../../src/validate/discover.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { loadSpec } from "../../src/spec/load.js";
import { extractImports } from "../../src/spec/imports.js";
import { maskSource } from "../../src/validate/source.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

/** A pub workspace of our own: two packages and a Flutter app, using each other through `package:` URIs. */
const LARDER = {
  "pubspec.yaml": "name: larder_workspace\npublish_to: none\nenvironment:\n  sdk: ^3.6.0\nworkspace:\n  - packages/larder_core\n  - packages/larder_store\n  - apps/larder_app # the Flutter app\n",
  "packages/larder_core/pubspec.yaml": "name: larder_core\ndescription: Jars on shelves, and when they run out.\nresolution: workspace\n",
  "packages/larder_core/lib/larder_core.dart": "library;\n\nexport 'src/jar.dart';\nexport 'src/shelf_life.dart' show daysLeft;\n",
  "packages/larder_core/lib/src/jar.dart": "/// One jar on a shelf.\nclass Jar {\n  const Jar(this.label, this.grams);\n  final String label;\n  final int grams;\n  Jar take(int g) => Jar(label, grams - g);\n}\n\nenum Size { small, large }\n\nconst emptyLabel = '';\n",
  "packages/larder_core/lib/src/shelf_life.dart": "import 'jar.dart';\n\n/* import 'package:larder_store/larder_store.dart'; /* nested */ still a comment */\nint daysLeft(Jar jar, int perDay) => perDay == 0 ? 999 : jar.grams ~/ perDay;\n\nint _spare() => 0;\n",
  "packages/larder_core/lib/src/jar.g.dart": "// GENERATED CODE - DO NOT MODIFY BY HAND\npart of 'jar.dart';\n",
  "packages/larder_core/test/jar_test.dart": "import 'package:larder_core/larder_core.dart';\nimport 'package:test/test.dart';\n\nvoid main() {\n  test('take', () => expect(const Jar('rice', 3).take(1).grams, 2));\n}\n",
  "packages/larder_core/test/fakes.dart": "import 'package:larder_core/larder_core.dart';\n\nconst fakeJar = Jar('fake', 1);\n",
  "packages/larder_store/pubspec.yaml": "name: larder_store\nresolution: workspace\ndependencies:\n  larder_core: any\n",
  "packages/larder_store/lib/larder_store.dart": "export 'src/memory_store.dart';\n",
  "packages/larder_store/lib/src/memory_store.dart": "import 'dart:collection';\nimport 'package:larder_core/larder_core.dart';\n\n/// Keeps jars in memory, by label.\nclass MemoryStore {\n  final _jars = HashMap<String, Jar>();\n  void put(Jar jar) => _jars[jar.label] = jar;\n  Jar? get(String label) => _jars[label];\n}\n",
  "packages/larder_store/test/memory_store_test.dart": "import 'package:larder_core/larder_core.dart';\nimport 'package:larder_store/larder_store.dart';\nimport 'package:test/test.dart';\n\nvoid main() {\n  test('put', () => expect((MemoryStore()..put(const Jar('oat', 1))).get('oat')!.grams, 1));\n}\n",
  "apps/larder_app/pubspec.yaml": "name: larder_app\nresolution: workspace\ndependencies:\n  flutter:\n    sdk: flutter\n  larder_store: any\n",
  "apps/larder_app/lib/main.dart": "import 'package:flutter/material.dart';\nimport 'screens/shelf_screen.dart';\n\nvoid main() => runApp(const MaterialApp(home: ShelfScreen()));\n",
  "apps/larder_app/lib/screens/shelf_screen.dart": "import 'package:flutter/material.dart';\nimport 'package:larder_store/larder_store.dart';\nimport 'package:larder_core/larder_core.dart' as core;\n\n/// The shelf, jar by jar.\nclass ShelfScreen extends StatelessWidget {\n  const ShelfScreen({super.key});\n  @override\n  Widget build(BuildContext context) {\n    final store = MemoryStore()..put(const core.Jar('tea', 4));\n    return Text('${store.get(\"tea\")?.grams}'); // import 'package:nothing/here.dart';\n  }\n}\n",
  "apps/larder_app/test/shelf_screen_test.dart": "import 'package:flutter_test/flutter_test.dart';\nimport 'package:larder_app/screens/shelf_screen.dart';\n\nvoid main() {\n  testWidgets('shows', (t) async => t.pumpWidget(const ShelfScreen()));\n}\n",
};

const specOf = (d: ReturnType<typeof discover>) => ({ layers: d.layers.map((l) => l.id), modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false });

describe("discover: Dart", () => {
  it("a pub workspace: a package a module, named by its pubspec `name`, depending on another through `package:` URIs; `_test.dart` files are its tests", () => {
    const root = makeProject(LARDER);
    const d = discover(root);
    // Before: "Found no ... source files": Dart was not read.
    expect(d.modules.map((m) => ({ id: m.id, layer: m.layer, primary: m.primary, files: m.files.length, tests: m.tests, dependsOn: m.dependsOn }))).toEqual([
      { id: "core", layer: "foundation", primary: "packages/larder_core/lib/larder_core.dart", files: 3, tests: ["packages/larder_core/test/jar_test.dart"], dependsOn: [] },
      { id: "store", layer: "core", primary: "packages/larder_store/lib/larder_store.dart", files: 2, tests: ["packages/larder_store/test/memory_store_test.dart"], dependsOn: ["core"] },
      // The URIs in a comment and in a string are none.
      { id: "app", layer: "interface", primary: "apps/larder_app/lib/main.dart", files: 2, tests: ["apps/larder_app/test/shelf_screen_test.dart"], dependsOn: ["core", "store"] },
    ]);
    const core = d.modules[0]!;
    // Public names, not `_spare`; the pubspec's description where the library file says nothing of itself.
    expect(core.provides).toEqual(["Jar", "Size", "emptyLabel", "daysLeft"]);
    expect(core.doc).toBe("Jars on shelves, and when they run out.");
    expect(d.skipped).toContainEqual({ path: "packages/larder_core/lib/src/jar.g.dart", why: "generated code" });
    expect(d.notes).toContain("packages/larder_core/test/fakes.dart: a test helper the tests share, attached to no module");
  });

  it("gates: each workspace member's tests in its folder, `flutter test` for a Flutter package; a module's by path", () => {
    const root = makeProject(LARDER);
    const found = validationOf(root, specOf(discover(root)), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`);
    expect(found).toEqual([
      "system: (cd packages/larder_core && dart test) && (cd packages/larder_store && dart test) && (cd apps/larder_app && flutter test)",
      "core: cd packages/larder_core && dart test test/jar_test.dart",
      "store: cd packages/larder_store && dart test test/memory_store_test.dart",
      "app: cd apps/larder_app && flutter test test/shelf_screen_test.dart",
    ]);
  });

  it("a single package: its files by themselves, a relative import a dependency; `dart test` at its root", () => {
    const files: Record<string, string> = { "pubspec.yaml": "name: tally\n", "test/counter_test.dart": "import 'package:tally/counter.dart';\nvoid main() {}\n", "lib/counter.dart": "import 'src/clock.dart';\nclass Counter { int n = now(); }\n", "lib/src/clock.dart": "int now() => 0;\n" };
    const root = makeProject(files);
    const d = discover(root);
    expect(d.modules.map((m) => ({ id: m.id, dependsOn: m.dependsOn, tests: m.tests }))).toEqual([{ id: "clock", dependsOn: [], tests: [] }, { id: "counter", dependsOn: ["clock"], tests: ["test/counter_test.dart"] }]);
    expect(validationOf(root, specOf(d), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual(["system: dart test", "counter: dart test test/counter_test.dart"]);
  });

  it("a melos repository: its `packages:` globs are the members whose tests the system gate runs", () => {
    const root = makeProject({
      "pubspec.yaml": "name: larder_repo\ndev_dependencies:\n  melos: ^6.0.0\n",
      "melos.yaml": "name: larder\npackages:\n  - packages/*\n  # the app is tried by hand\n",
      "packages/larder_core/pubspec.yaml": "name: larder_core\n",
      "packages/larder_core/lib/larder_core.dart": "class Jar {}\n",
      "packages/larder_core/test/jar_test.dart": "import 'package:larder_core/larder_core.dart';\nvoid main() {}\n",
      "packages/larder_store/pubspec.yaml": "name: larder_store\n",
      "packages/larder_store/lib/larder_store.dart": "import 'package:larder_core/larder_core.dart';\nclass Store { final Jar? jar = null; }\n",
      "packages/larder_store/test/store_test.dart": "import 'package:larder_store/larder_store.dart';\nvoid main() {}\n",
    });
    const d = discover(root);
    expect(d.modules.map((m) => `${m.id} <- ${m.dependsOn.join(", ")}`)).toEqual(["core <- ", "store <- core"]);
    expect(validationOf(root, specOf(d), {}).discovered.find((x) => x.level === "system")).toMatchObject({ check: { run: "(cd packages/larder_core && dart test) && (cd packages/larder_store && dart test)" }, from: "melos.yaml packages" });
  });

  it("a Flutter app: its `models/` the core, `repositories/` infrastructure, `services/` the services, `screens/` and `widgets/` the interface", () => {
    const root = makeProject({
      "pubspec.yaml": "name: birdlog\ndependencies:\n  flutter:\n    sdk: flutter\n",
      "lib/models/walk.dart": "class Walk { int total = 0; }\n",
      "lib/repositories/walk_repository.dart": "import '../models/walk.dart';\nclass WalkRepository { final walks = <Walk>[]; }\n",
      "lib/services/tally_service.dart": "import 'package:birdlog/repositories/walk_repository.dart';\nclass TallyService { TallyService(this.repo); final WalkRepository repo; }\n",
      "lib/widgets/count_badge.dart": "import 'package:flutter/widgets.dart';\nclass CountBadge extends StatelessWidget { const CountBadge({super.key}); }\n",
      "lib/screens/home_screen.dart": "import 'package:flutter/widgets.dart';\nimport '../services/tally_service.dart';\nimport '../widgets/count_badge.dart';\nclass HomeScreen { HomeScreen(this.t); final TallyService t; final b = const CountBadge(); }\n",
      "lib/main.dart": "import 'package:flutter/widgets.dart';\nimport 'screens/home_screen.dart';\nimport 'services/tally_service.dart';\nimport 'repositories/walk_repository.dart';\nvoid main() => runApp(HomeScreen(TallyService(WalkRepository())));\n",
      "test/services/tally_service_test.dart": "import 'package:birdlog/services/tally_service.dart';\nimport 'package:birdlog/repositories/walk_repository.dart';\nvoid main() { TallyService(WalkRepository()); }\n",
    });
    const d = discover(root);
    // Before: `count_badge` in the foundation and `home_screen` in the services, by their imports alone.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ walk: "core", walk_repository: "infrastructure", tally_service: "services", count_badge: "interface", home_screen: "interface", main: "interface" });
    expect(validationOf(root, specOf(d), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual(["system: flutter test", "tally_service: flutter test test/services/tally_service_test.dart"]);
  });

  it("reads directives: conditional imports' files, `part`, `export`; never `part of`, a comment's or a string's", () => {
    const code = "import 'stub.dart'\n    if (dart.library.io) 'io.dart'\n    if (dart.library.html) \"web.dart\";\nexport 'src/a.dart' show A;\npart 'a.g.dart';\npart of 'lib.dart';\n// import 'gone.dart';\nfinal s = r'import \"x.dart\"';\nfinal t = '''\nimport 'y.dart';\n''';\n";
    expect(extractImports(maskSource(code, "dart"), "dart").map((r) => `${r.line}:${r.specifier}`)).toEqual(["1:stub.dart", "1:io.dart", "1:web.dart", "4:src/a.dart", "5:a.g.dart"]);
  });
});

describe("checkArchitecture: Dart", () => {
  const L = ".claude/layers";
  const tree = (shelf: string) => loadSpec(makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, app.\n",
    [`${L}/core/modules/SHELF_AGENT.md`]: moduleSpec({ module: "packages/larder_core/lib/shelf.dart" }),
    [`${L}/app/modules/SCREEN_AGENT.md`]: moduleSpec({ module: "apps/larder_app/lib/screen.dart" }),
    "packages/larder_core/pubspec.yaml": "name: larder_core\n",
    "apps/larder_app/pubspec.yaml": "name: larder_app\n",
    "packages/larder_core/lib/shelf.dart": shelf,
    "apps/larder_app/lib/screen.dart": "import 'package:larder_core/shelf.dart';\nclass Screen {}\n",
  }));
  const violations = (shelf: string) => {
    const spec = tree(shelf);
    return checkArchitecture(spec, spec.system.layerOrder, { modules: ["shelf", "screen"] }).map((v) => `${v.file}:${v.line}: ${v.message}`);
  };

  it("reports a `package:` import of a later layer's package; the SDK's and a comment's are none", () => {
    // Before: none (Dart files were not read).
    expect(violations("import 'dart:io';\n// import 'package:larder_app/screen.dart';\nimport 'package:larder_app/screen.dart';\nclass Shelf {}\n")).toEqual([
      "packages/larder_core/lib/shelf.dart:3: imports `package:larder_app/screen.dart` (module screen, layer app), but layer core comes before app in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
    ]);
    expect(violations("import 'dart:io';\nclass Shelf {}\n")).toEqual([]);
  });
});
