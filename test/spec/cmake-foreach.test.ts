import { describe, expect, it } from "vitest";
import { cmakeCalls } from "../../src/spec/cmake.js";
import { unrollForeach } from "../../src/spec/cmake-foreach.js";
import { cpuMs } from "../helpers/cpu-time.js";

const TESTS = new Set(["add_test"]);
const tests = (code: string) => cmakeCalls(unrollForeach(code), TESTS).map((c) => c.args);

describe("unrolling CMake's foreach loops", () => {
  it("a loop over written names: the body once for each, `${var}` replaced", () => {
    const code = "foreach(name units stats)\n  add_executable(test_${name} test_${name}.cpp)\n  add_test(NAME test_${name} COMMAND test_${name})\nendforeach()\nadd_test(NAME tail COMMAND tail)\n";
    expect(tests(code)).toEqual(["NAME test_units COMMAND test_units", "NAME test_stats COMMAND test_stats", "NAME tail COMMAND tail"]);
    expect(cmakeCalls(unrollForeach(code), new Set(["add_executable"])).map((c) => c.args)).toEqual(["test_units test_units.cpp", "test_stats test_stats.cpp"]);
  });

  it("items from set() lists of the file: `${LIST}`, IN LISTS, IN ITEMS, `;`-separated; nested loops; FOREACH in capitals", () => {
    const code = [
      "set(CORE_TESTS units timestamp)",
      'set(MORE "reading;storage")',
      "foreach(t ${CORE_TESTS})\n add_test(NAME a_${t} COMMAND x)\nendforeach()",
      "foreach(t IN LISTS MORE ITEMS extra)\n add_test(NAME b_${t} COMMAND x)\nendforeach()",
      "FOREACH(t IN ITEMS p;q)\n foreach(u 1 2)\n  add_test(NAME c_${t}_${u} COMMAND x)\n endforeach()\nENDFOREACH()",
    ].join("\n");
    expect(tests(code)).toEqual(["NAME a_units COMMAND x", "NAME a_timestamp COMMAND x", "NAME b_reading COMMAND x", "NAME b_storage COMMAND x", "NAME b_extra COMMAND x", "NAME c_p_1 COMMAND x", "NAME c_p_2 COMMAND x", "NAME c_q_1 COMMAND x", "NAME c_q_2 COMMAND x"]);
  });

  it("a RANGE loop, an unknown list and an unclosed loop are left as written", () => {
    expect(tests("foreach(i RANGE 3)\nadd_test(NAME t${i} COMMAND x)\nendforeach()")).toEqual(["NAME t${i} COMMAND x"]);
    expect(tests("foreach(t IN LISTS NOPE)\nadd_test(NAME t${t} COMMAND x)\nendforeach()")).toEqual([]);
    expect(tests("foreach(t a b)\nadd_test(NAME t${t} COMMAND x)\n")).toEqual(["NAME t${t} COMMAND x"]);
  });

  it("loops nested deep over many items stay within a bound of added text and time", () => {
    const items = Array.from({ length: 50 }, (_, i) => `i${i}`).join(" ");
    const code = `${`foreach(v ${items})\n`.repeat(8)}add_test(NAME t_\${v} COMMAND x)\n${"endforeach()\n".repeat(8)}`;
    const started = cpuMs();
    const out = unrollForeach(code);
    expect(out.length).toBeLessThan(code.length + 1024 * 1024 + 1);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
