import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { FIRMWARE } from "../helpers/langs.js";

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

  it("a source that says nothing of itself takes its purpose from its header's leading comment", () => {
    const root = makeProject({
      "include/ring.h": "/* A fixed-size ring buffer of bytes. */\n#ifndef RING_H\n#define RING_H\nint ring_push(int b);\n#endif\n",
      "src/ring.c": '#include "ring.h"\nint ring_push(int b) { return b; }\n',
      "include/frame.h": "int frame_read(void);\n",
      "src/frame.c": "/* Frames messages read from the ring. */\n#include \"frame.h\"\n#include \"ring.h\"\nint frame_read(void) { return ring_push(1); }\n",
    });
    const byId = new Map(discover(root).modules.map((m) => [m.id, m]));
    expect(byId.get("ring")!.doc).toBe("A fixed-size ring buffer of bytes.");
    // The source's own comment wins.
    expect(byId.get("frame")!.doc).toBe("Frames messages read from the ring.");
  });

  it("the specs it writes pass the gate; an include of a later layer's header fails it at its line", () => {
    const root = makeProject(FIRMWARE);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "fw")));
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/util/ring_buffer.c": '#include "util/ring_buffer.h"\n#include <stdlib.h>\n#include "drivers/uart.h"\n' });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/util\/ring_buffer\.c:3 imports `drivers\/uart\.h`/)]);
  });

  it("a project of one src/ folder and one include/ folder of many files is a module per header and source, not one", () => {
    const names = ["uart", "spi", "i2c", "gpio", "timer", "adc", "dma", "flash"];
    const files: Record<string, string> = { "include/fw/config.h": "#define FW_CLOCK_HZ 16000000\n" };
    for (const n of names) {
      files[`include/fw/${n}.h`] = `int ${n}_init(void);\n`;
      files[`src/${n}.c`] = `#include "fw/${n}.h"\n${n === "uart" ? '#include "fw/dma.h"\n' : ""}int ${n}_init(void) { return 0; }\n`;
    }
    files["src/main.c"] = `${names.map((n) => `#include "fw/${n}.h"`).join("\n")}\n#include "fw/config.h"\nint main(void) {\n${names.map((n) => `  ${n}_init();`).join("\n")}\n  return 0;\n}\n`;
    const d = discover(makeProject(files));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual([...names, "config", "main"].sort());
    expect(byId.get("uart")!.files).toEqual(["src/uart.c", "include/fw/uart.h"]);
    expect(byId.get("uart")!.dependsOn).toEqual(["dma"]);
    expect(byId.get("main")!.dependsOn.sort()).toEqual([...names, "config"].sort());
    expect(byId.get("main")!.layer).toBe("interface");
  });
});
