import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** A small firmware: headers under include/, sources under src/, one include folder added by CMake, tests, build output. */
export const FIRMWARE: Record<string, string> = {
  "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(fw C)\ninclude_directories(include)\nadd_executable(fw src/app/main.c src/drivers/uart.c src/util/ring_buffer.c src/hal/hal.c)\ntarget_include_directories(fw PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src/hal)\n",
  "include/util/ring_buffer.h": "/* A fixed-size byte queue. */\n#ifndef RING_BUFFER_H\n#define RING_BUFFER_H\n#include <stddef.h>\n\ntypedef struct ring_buffer ring_buffer;\nint ring_buffer_push(ring_buffer *rb, unsigned char byte);\n\n#endif\n",
  "src/util/ring_buffer.c": '#include "util/ring_buffer.h"\n\nstruct ring_buffer { unsigned char data[64]; size_t head, tail; };\n\nint ring_buffer_push(ring_buffer *rb, unsigned char byte) {\n    rb->data[rb->head++ % 64] = byte;\n    return 0;\n}\n',
  "src/hal/hal.h": "#ifndef HAL_H\n#define HAL_H\nvoid hal_write_reg(unsigned addr, unsigned value);\n#endif\n",
  "src/hal/hal.c": '#include "hal.h"\n\nvoid hal_write_reg(unsigned addr, unsigned value) {\n    *(volatile unsigned *)addr = value;\n}\n',
  "include/drivers/uart.h": "#ifndef UART_H\n#define UART_H\nint uart_write(const char *text);\n#endif\n",
  "src/drivers/uart.c": '#include "drivers/uart.h"\n#include "util/ring_buffer.h"\n#include "hal.h"\n#include <string.h>\n\nstatic ring_buffer *tx;\n\nint uart_write(const char *text) {\n    for (size_t i = 0; i < strlen(text); i++) ring_buffer_push(tx, (unsigned char)text[i]);\n    hal_write_reg(0x4000, 1);\n    return 0;\n}\n',
  "src/app/main.cpp": '// The firmware\'s entry point.\n#include "drivers/uart.h"\n#include <cstdio>\n\nstatic int greet(int times) {\n    int failed = 0;\n    for (int i = 0; i < times; i++) {\n        const char *s = "#include \\"hal.h\\"";\n        failed += uart_write(s);\n    }\n    return failed;\n}\n\nint main() {\n    int failed = greet(3);\n    std::printf("%d\\n", failed);\n    return failed;\n}\n',
  "tests/test_uart.c": '#include "drivers/uart.h"\n#include <assert.h>\n\nint main(void) { assert(uart_write("x") == 0); return 0; }\n',
  "build/CMakeFiles/gen.c": '#include "hal.h"\n',
};

const gate = (root: string) => {
  const spec = loadSpec(root);
  return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.message}`);
};

describe("discover: C and C++", () => {
  it("a header and its source are one module wherever they sit; includes resolve beside the file, under include/ and CMake's folders; <...> never counts", () => {
    const root = makeProject(FIRMWARE);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["hal", "main", "ring_buffer", "uart"]);
    expect(byId.get("uart")!.files).toEqual(["src/drivers/uart.c", "include/drivers/uart.h"]);
    expect(byId.get("ring_buffer")!.files).toEqual(["src/util/ring_buffer.c", "include/util/ring_buffer.h"]);
    expect(byId.get("hal")!.files).toEqual(["src/hal/hal.c", "src/hal/hal.h"]);
    expect(byId.get("uart")!.dependsOn.sort()).toEqual(["hal", "ring_buffer"]);
    // The include inside a string is no include.
    expect(byId.get("main")!.dependsOn).toEqual(["uart"]);
    expect(byId.get("uart")!.tests).toEqual(["tests/test_uart.c"]);
    expect(byId.get("uart")!.provides).toContain("uart_write");
    expect(byId.get("ring_buffer")!.provides).toEqual(expect.arrayContaining(["ring_buffer", "ring_buffer_push"]));
    expect(byId.get("main")!.layer).toBe("interface");
    expect(byId.get("ring_buffer")!.layer).toBe("foundation");
    expect(byId.get("uart")!.layer).toBe("infrastructure");
    expect(d.skipped.map((s) => s.path)).toContain("build/");
  });

  it("the specs it writes pass the gate; an include of a later layer's header fails it at its line", () => {
    const root = makeProject(FIRMWARE);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "fw")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/util/ring_buffer.c": '#include "util/ring_buffer.h"\n#include <stdlib.h>\n#include "drivers/uart.h"\n' });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/util\/ring_buffer\.c:3 imports `drivers\/uart\.h`/)]);
  });
});
