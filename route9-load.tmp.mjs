import { loadSpec } from "./dist/spec/load.js";
for (const t of ["sift", "gridcalc", "claimsure", "relay"]) {
  const s = loadSpec(`test/fixtures/trees/${t}`);
  console.log(t, JSON.stringify(s.layers?.map((l) => [l.id, l.modules ?? l.moduleIds])), s.modules.map((m) => `${m.id}(${m.layer}|${m.name ?? ""})`).join(" "));
  console.log("  warnings", (s.warnings ?? []).map((w) => w.code + ":" + w.message.slice(0, 80)));
}
