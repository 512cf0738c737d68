import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { makeProject } from "../helpers/project.js";

/** A small audio tool: two libraries and a program, each declared in its folder's CMakeLists.txt. */
const AUDIO = {
  "CMakeLists.txt": "cmake_minimum_required(VERSION 3.20)\nproject(audio CXX)\nenable_testing()\nadd_subdirectory(src/dsp)\nadd_subdirectory(src/codec)\nadd_subdirectory(tools/encode)\nadd_subdirectory(tests)\n",
  "src/dsp/CMakeLists.txt": "# the signal maths\nadd_library(dsp ${CMAKE_CURRENT_SOURCE_DIR}/filter.cpp window.cpp)\nadd_library(audio::dsp ALIAS dsp)\ntarget_include_directories(dsp PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)\n",
  "src/dsp/filter.h": "#pragma once\nnamespace dsp { float lowpass(float x); }\n",
  "src/dsp/filter.cpp": '#include "filter.h"\nnamespace dsp { float lowpass(float x) { return x * 0.5f; } }\n',
  "src/dsp/window.cpp": "namespace dsp { float hann(int i) { return i * 0.25f; } }\n",
  "src/codec/CMakeLists.txt": "set(CODEC_SOURCES encoder.cpp)\nadd_library(codec STATIC ${CODEC_SOURCES})\ntarget_link_libraries(codec PUBLIC audio::dsp)\n",
  "src/codec/encoder.h": "#pragma once\nnamespace codec { int encode(const float* in, int n); }\n",
  // Linked to dsp, but includes none of its headers: the link alone is the dependency.
  "src/codec/encoder.cpp": '#include "encoder.h"\nnamespace codec { int encode(const float* in, int n) { return n > 0 ? int(in[0]) : 0; } }\n',
  "tools/encode/CMakeLists.txt": "add_executable(encode main.cpp)\ntarget_link_libraries(encode PRIVATE codec)\n",
  "tools/encode/main.cpp": '#include "codec/encoder.h"\nint main() { float x = 1; return codec::encode(&x, 1); }\n',
  "tests/CMakeLists.txt": "add_executable(dsp_test dsp_test.cpp)\ntarget_link_libraries(dsp_test PRIVATE dsp)\nadd_test(NAME dsp_test COMMAND dsp_test)\n",
  "tests/dsp_test.cpp": '#include "dsp/filter.h"\nint main() { return dsp::lowpass(2) == 1 ? 0 : 1; }\n',
};

describe("discover: CMake targets", () => {
  it("the libraries and executables CMakeLists.txt declare are the modules, named as the targets, depending on what they link", () => {
    const d = discover(makeProject(AUDIO));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["codec", "dsp", "encode"]);
    expect(byId.get("dsp")).toMatchObject({ folder: "src/dsp", files: ["src/dsp/filter.cpp", "src/dsp/filter.h", "src/dsp/window.cpp"], tests: ["tests/dsp_test.cpp"] });
    expect(byId.get("codec")).toMatchObject({ folder: "src/codec", files: ["src/codec/encoder.cpp", "src/codec/encoder.h"], dependsOn: ["dsp"] });
    expect(byId.get("encode")!.dependsOn).toEqual(["codec"]);
  });

  it("an executable target's short main.cpp is a module of its own in the interface layer, not folded into what it calls", () => {
    const d = discover(makeProject(AUDIO));
    const encode = d.modules.find((m) => m.id === "encode")!;
    expect(encode).toMatchObject({ files: ["tools/encode/main.cpp"], layer: "interface" });
    expect(d.modules.find((m) => m.id === "codec")!.files).not.toContain("tools/encode/main.cpp");
  });

  it("an executable target is the interface where its folder names no layer and the modules it links to name theirs", () => {
    const d = discover(makeProject({
      "CMakeLists.txt": "add_subdirectory(src/core)\nadd_subdirectory(src/db)\nadd_subdirectory(tools/ledger)\n",
      "src/core/CMakeLists.txt": "add_library(model entry.cpp)\n",
      "src/core/entry.cpp": "int entry_total(int a, int b) { return a + b; }\n",
      "src/db/CMakeLists.txt": "add_library(store journal.cpp)\ntarget_link_libraries(store PUBLIC model)\n",
      "src/db/journal.cpp": "int entry_total(int a, int b);\nint journal_sum(void) { return entry_total(1, 2); }\n",
      "tools/ledger/CMakeLists.txt": "add_executable(ledger run.cpp)\ntarget_link_libraries(ledger PRIVATE store)\n",
      "tools/ledger/run.cpp": "int journal_sum(void);\nint main() { return journal_sum(); }\n",
    }));
    expect(d.modules.map((m) => [m.id, m.layer])).toEqual([["model", "core"], ["store", "infrastructure"], ["ledger", "interface"]]);
  });

  it("targets sharing one CMakeLists.txt take the sources they list, and their headers by name", () => {
    const d = discover(makeProject({
      "CMakeLists.txt": "project(meter C)\nadd_library(sensor sensor.c)\nadd_executable(meter main.c)\ntarget_link_libraries(meter sensor)\n",
      "sensor.h": "int sensor_read(void);\n",
      "sensor.c": '#include "sensor.h"\nint sensor_read(void) { return 4; }\n',
      "main.c": '#include "sensor.h"\nint main(void) { return sensor_read(); }\n',
    }));
    expect(d.modules.map((m) => [m.id, m.files, m.layer])).toEqual([
      ["sensor", ["sensor.c", "sensor.h"], "foundation"],
      ["meter", ["main.c"], "interface"],
    ]);
  });

  it("the system spec counts in the singular for one: `1 dependency`; a module's purpose counts no lines (the count would go stale in the CHANGELOG)", () => {
    const root = makeProject({
      "src/clock.h": "int clock_now(void);\n",
      "src/alarm.c": '#include "clock.h"\n#include "alarm.h"\nint alarm_due(void) { return clock_now() > 0; }\n',
      "src/alarm.h": "int alarm_due(void);\n",
    });
    const files = specFiles(discover(root), "alarm");
    expect(files.get(".claude/system/SYSTEM_ORCHESTRATOR.md")).toContain("2 modules, 1 dependency, from 3 source files.");
    expect([...files.values()].join("\n")).not.toMatch(/lines? of code/);
  });
});
