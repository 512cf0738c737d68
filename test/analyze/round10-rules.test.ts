import { describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import { findMentions } from "../../src/analyze/mentions.js";
import { systemIsObject } from "../../src/analyze/system-words.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

// Rules found on an eighth round of unseen trees (routes/unseen7.ts), each tried on a tree of its
// own: each case fails with its rule switched off.

const spec = (module: string, purpose: string, frontMatter?: string) => moduleSpec({ module, body: `## Purpose\n\n${purpose}\n`, ...(frontMatter ? { frontMatter } : {}) });

/** A bakery's order system: the invoices module is named in the requests below as a plain noun. */
function bakery() {
  return loadSpec(
    makeProject({
      ".claude/layers/core/modules/INVOICES_AGENT.md": spec("bake/invoices/", "Invoices per order, VAT lines, credit notes."),
      ".claude/layers/core/modules/ORDERS_AGENT.md": spec("bake/orders/", "Standing orders of cafés, cut-off at 14:00."),
      ".claude/layers/shop/modules/COUNTER_AGENT.md": spec("bake/counter/", "The till at the counter, receipts."),
    }),
  );
}

describe("a module's name after a word that qualifies it is a statement's subject, not a command's object", () => {
  // The name is read as "it": "PDF invoices do not show" reads "pdf it do not show", no command "pdf it".
  it("reads a fault after a qualified module name", () => {
    expect(analyzeTask("PDF invoices don't show the VAT lines", bakery()).type).toBe("debug");
    expect(analyzeTask("duplicate orders records are kept although the café cancelled", bakery()).type).toBe("debug");
  });

  it("reads a fault's verb right after a qualified module name", () => {
    expect(analyzeTask("VAT invoices drift by a cent per line", bakery()).type).toBe("debug");
  });

  it("still reads a command's object", () => {
    expect(detectType("speed it up").type).toBe("optimize");
    expect(analyzeTask("make invoices show the VAT lines", bakery()).type).not.toBe("debug");
  });
});

describe("faults of timing and of results that come back without anything", () => {
  it("reads drifting and desyncing as faults", () => {
    expect(detectType("subtitles drift by a second every ten minutes").type).toBe("debug");
    expect(detectType("clients desync after a rollback").type).toBe("debug");
  });

  it("reads 'returns no orders' as a wrong result, and a command to return none as no fault", () => {
    expect(detectType("the host query returns no orders for new tubes").type).toBe("debug");
    expect(detectType("return no orders for cancelled tubes").type).not.toBe("debug");
  });
});

describe("a statement before a short question in the same sentence", () => {
  it("still reports its fault", () => {
    expect(detectType("runners show as offline although they are running, heartbeat?").type).toBe("debug");
    expect(detectType("the nightly export is empty, any idea?").type).toBe("debug");
  });

  it("is a question when it opens as one", () => {
    expect(detectType("is the export empty on purpose, or a bug?").type).not.toBe("general");
    expect(detectType("how are exports named, by date?").type).toBe("analyze");
  });
});

describe("an action in a condition", () => {
  it("is when the fault the statement reports happens, not a request to act", () => {
    expect(detectType("the cache is lost when we add a runner").type).toBe("debug");
    expect(detectType("matrix entries are dropped when they add a new key").type).toBe("debug");
  });

  it("still asks in a command", () => {
    expect(detectType("add a retry when the upload is dropped").type).toBe("implement");
  });
});

describe("what happens despite what should prevent it", () => {
  it("is a fault", () => {
    expect(detectType("signed links expire after 5 minutes even though we set 6 hours").type).toBe("debug");
    expect(detectType("the nightly copy runs although the switch is off").type).toBe("debug");
  });

  it("is no fault in a wish", () => {
    expect(detectType("the copy should run although the switch is off").type).not.toBe("debug");
  });
});

/** A game server: `Player Inventory` (id `inventory`) among specs that all speak of players. */
function arenaServer() {
  return loadSpec(
    makeProject({
      ".claude/layers/sim/modules/PHYSICS_AGENT.md": spec("srv/physics/", "The fixed simulation tick, collisions, projectiles."),
      ".claude/layers/sim/modules/METRICS_AGENT.md": spec("srv/metrics/", "Tick-time histograms and per-match counters."),
      ".claude/layers/net/modules/SESSION_AGENT.md": spec("srv/session/", "Join tickets, reconnecting players to their slot."),
      ".claude/layers/net/modules/REPLICATION_AGENT.md": spec("srv/replication/", "Snapshots of what each player can see."),
      ".claude/layers/meta/modules/INVENTORY_AGENT.md": spec("srv/inventory/", "Cosmetics, loot drops, trades between players.", "name: Player Inventory"),
      ".claude/layers/meta/modules/LADDER_AGENT.md": spec("srv/ladder/", "Seasonal rankings, rank decay."),
      ".claude/layers/ops/modules/FLEET_AGENT.md": spec("srv/fleet/", "Allocating servers per region, draining before deploys."),
      ".claude/layers/ops/modules/CHAT_AGENT.md": spec("srv/chat/", "Team chat, profanity filter."),
    }),
  );
}

describe("a display name's qualifier that other specs use is the project's word, not the module", () => {
  it("does not route a request about something else to the module by it", () => {
    expect(analyzeTask("the tick takes 22 ms with 10 players", arenaServer()).scope).not.toEqual({ kind: "modules", ids: ["inventory"] });
  });

  it("still routes by it when it is all the request says", () => {
    expect(analyzeTask("what do we keep per player?", arenaServer()).scope).toEqual({ kind: "modules", ids: ["inventory"] });
  });
});

/** A CI runner in Rust: the cache restores tarballs for the job sandbox. */
function runner() {
  return loadSpec(
    makeProject({
      ".claude/layers/exec/modules/CACHE_AGENT.md": spec("crates/cache/", "Build caches saved and restored as tarballs."),
      ".claude/layers/exec/modules/SANDBOX_AGENT.md": spec("crates/sandbox/", "Runs a job's steps in a container."),
      ".claude/layers/core/modules/SECRETS_AGENT.md": spec("crates/secrets/", "Encrypted secrets handed to jobs."),
    }),
  );
}

describe("a module named in a load figure beside a path", () => {
  it("is what the work meets: the path's module is the scope", () => {
    expect(analyzeTask("crates/cache/src/restore.rs:41 is slow with 200 secrets", runner()).scope).toEqual({ kind: "modules", ids: ["cache"] });
  });

  it("stays beside a path when it is no load figure: 'many secrets' may be the secrets' to speed up too", () => {
    expect(analyzeTask("crates/cache/src/restore.rs:41 is slow with many secrets", runner()).scope).toEqual({ kind: "modules", ids: ["secrets", "cache"] });
  });
});

describe("a Rust error report pasted into a request", () => {
  const report = [
    "the job fails before its first step:",
    "",
    "Error: failed to restore the cache",
    "",
    "Caused by:",
    "    archive is empty",
    "",
    "Stack backtrace:",
    "   0: anyhow::error::<impl anyhow::Error>::msg",
    "             at /home/ci/.cargo/registry/src/anyhow-1.0.86/src/error.rs:83:36",
    "   1: cache::restore::unpack",
    "             at ./crates/cache/src/restore.rs:41:9",
    "   2: sandbox::job::prepare",
    "             at ./crates/sandbox/src/job.rs:77:5",
  ].join("\n");

  it("is the module of its innermost project frame, not its callers'", () => {
    const analysis = analyzeTask(report, runner());
    expect(analysis.type).toBe("debug");
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["cache"] });
  });
});

/** A transcoding pipeline whose system spec calls its layers stages. */
function pipelineStages() {
  return loadSpec(
    makeProject({
      ".claude/layers/ingest/modules/PROBE_AGENT.md": spec("tc/probe/", "Media probing: codecs, duration."),
      ".claude/layers/transcode/modules/LADDER_AGENT.md": spec("tc/ladder/", "Which renditions to make."),
      ".claude/layers/transcode/modules/ENCODER_AGENT.md": spec("tc/encoder/", "Running the encodes."),
    }),
  );
}

describe("a layer called a stage or a tier", () => {
  it("is the object of a command as 'the X layer' is, its modules named after it saying why", () => {
    expect(analyzeTask("refactor the transcode stage: ladder and encoder both parse the media info", pipelineStages()).scope).toEqual({ kind: "layer", id: "transcode" });
    expect(analyzeTask("refactor the transcode tier, ladder and encoder both parse the media info", pipelineStages()).scope).toEqual({ kind: "layer", id: "transcode" });
  });

  it("is where a module is after a preposition", () => {
    expect(analyzeTask("fix the ladder in the transcode stage", pipelineStages()).scope).toEqual({ kind: "modules", ids: ["ladder"] });
  });
});

/** A lab system whose module specs list the classes they provide. */
function lab() {
  const provides = (...names: string[]) => `\n## Provides\n${names.map((n) => `- \`${n}\``).join("\n")}\n`;
  return loadSpec(
    makeProject({
      ".claude/layers/domain/modules/PATIENTS_AGENT.md": spec("lab/patients/", `Patient index, merges.${provides("PatientMatcher")}`),
      ".claude/layers/checks/modules/AUTOVERIFY_AGENT.md": spec("lab/autoverify/", `Release rules for normal results.${provides("DeltaCheck", "class RangeRule(Rule)")}`),
      ".claude/layers/checks/modules/QC_AGENT.md": spec("lab/qc/", `Control runs.${provides("RangeRule")}`),
      ".claude/layers/flow/modules/RESULTS_AGENT.md": spec("lab/results/", `Review and release of results.${provides("ResultReleaser")}`),
    }),
  );
}

describe("a request that names a module only through a class it provides", () => {
  it("is that module's, though it names others as plain nouns", () => {
    expect(analyzeTask("fix #77\n\n> DeltaCheck compares against the previous result of another patient after a merge", lab()).scope).toEqual({ kind: "modules", ids: ["autoverify"] });
  });

  it("is decided by no name two modules provide", () => {
    expect(analyzeTask("RangeRule compares against the previous result of another patient", lab()).scope).not.toEqual({ kind: "modules", ids: ["autoverify"] });
  });

  it("looks names up in a request of about 100 KB within the bound", () => {
    const request = "DeltaCheckX delta_check_x ".repeat(4_000);
    expect(request.length).toBeGreaterThan(90_000);
    const spec = lab();
    const started = cpuMs();
    findMentions(request, spec);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});

/** A media pipeline whose ingest layer declares its modules in a table, no spec file each. */
function tabled() {
  return loadSpec(
    makeProject({
      ".claude/layers/ingest/INGEST_ORCHESTRATOR.md": [
        "# Ingest",
        "",
        "| Module | Files | Purpose |",
        "|--------|-------|---------|",
        "| uploader | `media/uploader/` | Resumable uploads in chunks |",
        "| probe | `media/probe/` | Codecs, duration and frame rate of a file |",
        "| inspect | `media/inspect/` | Quality check: black frames, silence, loudness |",
        "",
      ].join("\n"),
      ".claude/layers/out/modules/PACKAGER_AGENT.md": spec("media/packager/", "Streaming manifests and segments."),
    }),
  );
}

describe("modules a layer spec's table declares", () => {
  it("are each met by their own row's words, not by their siblings' rows", () => {
    expect(analyzeTask("loudness is measured wrong on stereo files", tabled()).scope).toEqual({ kind: "modules", ids: ["inspect"] });
  });
});

describe("words asking for all, after a statement's verb", () => {
  it("tell what the fault touches, not where to work", () => {
    expect(analyzeTask("the loudness check flags every file as too quiet", tabled()).scope).toEqual({ kind: "modules", ids: ["inspect"] });
  });

  it("are placed in a request of about 100 KB within the bound", () => {
    const request = `the check flags ${"every every ".repeat(7_500)}every file`;
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    expect(systemIsObject(request, "every file")).toBe(true);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it("still ask for all in a command or as a subject", () => {
    expect(analyzeTask("upgrade every package to the new logger", tabled()).scope).toEqual({ kind: "system" });
    expect(analyzeTask("every file is flagged as too quiet", tabled()).scope).toEqual({ kind: "system" });
  });
});
