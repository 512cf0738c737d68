import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";

// Rules found on a thirteenth round of unseen trees (routes/unseen12.ts), each tried on trees other than
// the one that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

// A bakery's ordering app whose modules the system spec alone declares (as the tile server's are), with
// an `app` layer the opening sentence also calls the product.
const BAKERY: Record<string, string> = {
  ".claude/settings.json": "{}\n",
  ".claude/CLAUDE.md": [
    "# Crumb",
    "",
    "Crumb is the ordering app of a chain of twelve bakeries. Kotlin on Android, a Ktor back end, Postgres.",
    "",
    "## Modules",
    "",
    "### 1. Kitchen layer",
    "- `proofing` (`kitchen/proofing/`): proofing schedules for sourdough and brioche doughs, retarding overnight in the fridge.",
    "- `ovens` (`kitchen/ovens/`): oven slots per shop, bake temperatures and steam.",
    "",
    "### 2. Shop layer",
    "- `basket` (`shop/basket/`): the customer's basket, pickup times and the order's total. Depends on ovens.",
    "- `loyalty` (`shop/loyalty/`): stamps, the free tenth coffee, birthday treats.",
    "- `app_api` (`shop/api/`): the HTTP API the Android screens call, sessions and rate limits.",
    "",
    "### 3. App layer",
    "- `screens` (`app/screens/`): the Android screens: menu, basket, pickup and stamps.",
    "- `sync` (`app/sync/`): offline cache of the menu and queued orders.",
    "",
    "Layer order: kitchen, shop, app.",
    "",
  ].join("\n"),
  "kitchen/proofing/Schedule.kt": "package crumb.kitchen.proofing\n\nclass Schedule\n",
};

let bakeryRoot = "";
let bakery: SpecTree;

beforeAll(() => {
  bakeryRoot = mkdtempSync(join(tmpdir(), "crumb-"));
  for (const [file, text] of Object.entries(BAKERY)) {
    mkdirSync(dirname(join(bakeryRoot, file)), { recursive: true });
    writeFileSync(join(bakeryRoot, file), text);
  }
  bakery = loadSpec(bakeryRoot);
});

afterAll(() => rmSync(bakeryRoot, { recursive: true, force: true }));

describe("a module the system spec's list declares is indexed by its own item", () => {
  it("a word of one item names that module, though the system spec its body carries holds every item", () => {
    expect(key(analyzeTask("sourdough comes out dense since the schedule change", bakery).scope)).toBe("proofing");
    expect(key(analyzeTask("the free tenth coffee is given on the ninth", bakery).scope)).toBe("loyalty");
  });
});

describe("the product's word in the system spec's opening sentence is not the layer", () => {
  it("\"the app\" is the product when the opening sentence calls it so, in names and in the index", () => {
    expect(key(analyzeTask("the app forgets my pickup time after an hour", bakery).scope)).toBe("basket");
  });

  it("named as the layer, it is the layer", () => {
    expect(key(analyzeTask("review the app layer", bakery).scope)).toBe("layer app");
  });

  it("a layer's word other specs use counts from their own items, not the system spec each carries", () => {
    expect(key(analyzeTask("restructure kitchen", bakery).scope)).toBe("layer kitchen");
  });
});

describe("a one-word module name another spec's purpose holds as a phrase is that module's thing", () => {
  it.each([
    // claimsure: "demand letters" is subrogation's (its purpose), not the letters module's.
    ["claimsure", "knock for knock claims still get demand letters", "subrogation"],
    // newsdesk: "related stories" is search's.
    ["newsdesk", "unpublished stories still come up under related stories", "search"],
    // cask: "media keys" are MPRIS's, not the keybindings'.
    ["cask", "media keys on GNOME do nothing while cask is paused", "mpris"],
  ])("%s: %s", (name, request, scope) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe(scope);
  });

  it("not when the named module's spec uses the other word too", () => {
    // letting: the landlord portal's purpose says "certificate expiry"; the certificates' spec speaks of expiry as well.
    expect(key(analyzeTask("certificate expiry reminders go out twice", tree("letting")).scope)).toBe("certificates");
  });

  it("nor for a name in capitals", () => {
    // servo: the odometry's purpose says "IMU yaw rate", but the IMU's yaw is the IMU's.
    expect(key(analyzeTask("IMU yaw drifts 10° per minute when stationary", tree("servo")).scope)).toBe("imu");
  });
});

describe("a module's word most purposes use is the domain's thing beside a name written otherwise", () => {
  it("gives way to a display name", () => {
    // innkeep: rates are in most specs' purposes; "the channel manager" is `channel_mgr`'s display name.
    expect(key(analyzeTask("the channel manager pushes rates every 5 seconds and Expedia throttles us", tree("innkeep")).scope)).toBe("channel_mgr");
  });

  it("two names written as ids are both the scope", () => {
    const ledger = loadSpec(fileURLToPath(new URL("../../examples/ledger", import.meta.url)));
    expect(key(analyzeTask("the importer and the reports", ledger).scope)).toBe("importer,reports");
  });
});

describe("a dependency moved to a version the system spec names is the system's", () => {
  it.each([
    ["skirmish", "update Agones to 1.44"],
  ])("%s: %s", (name, request) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe("system");
  });
});

describe("\"the whole thing\" asks for all", () => {
  it("in a tree it was not found on", () => {
    expect(key(analyzeTask("audit the whole thing for unmasked tokens in job output", tree("gantry")).scope)).toBe("system");
  });
});

// Types: found on the tile server, bank, hospital and slicer trees, tried here in other domains' words.
describe("faults told in plain words", () => {
  it.each([
    ["the retry banner shows even with the flag off", "even with"],
    ["seat numbers are all over the place after the import", "all over the place"],
    ["the invoice says 12 items but the order has 14", "says but"],
    ["the dashboard total is 3 orders lower than the ledger shows", "lower than shows"],
    ["the exported PDF has black boxes where the logo goes", "has boxes"],
    ["the router leaves grooves along the edge of the board", "leaves grooves"],
    ["thumbnails are completely black for HEIC uploads", "are black"],
    ["the exchange rate on the checkout is a day old", "is a day old"],
    ["deleting a board leaves its cards orphaned", "orphaned"],
    ["long team names overflow the sidebar", "overflow"],
    ["the volume gets reset after every track", "gets reset"],
  ])("%s", (request, cue) => {
    expect(detectType(request)).toEqual({ type: "debug", words: [cue] });
  });

  it("a compound subject before a modal states: \"sort order should keep pinned notes first but one was placed last\"", () => {
    expect(detectType("sort order should keep pinned notes first but an old one was placed last").type).toBe("debug");
  });

  it("a module's name as a compound subject's noun, its negation further on", () => {
    const ledger = loadSpec(fileURLToPath(new URL("../../examples/ledger", import.meta.url)));
    expect(analyzeTask("csv reports render without headers and won't open in Excel", ledger).type).toBe("debug");
  });

  it("a \"counts ... as\" a few words apart", () => {
    expect(detectType("the export counts customers who unsubscribed by email as active").type).toBe("debug");
  });
});

describe("what a request asks for", () => {
  it("\"please\" makes the verb after it asked for: a command ending \"too\" asks for one more thing", () => {
    expect(detectType("please add lunch deals too").type).toBe("implement");
  });

  it("make a setting configurable", () => {
    expect(detectType("make the retry count configurable per queue")).toEqual({ type: "implement", words: ["make configurable"] });
  });

  it("cache what is fetched again", () => {
    expect(detectType("rates are fetched on every page view, cache them").type).toBe("optimize");
  });

  it("a thing that needs a part", () => {
    expect(detectType("the weekly report needs a totals row").type).toBe("implement");
    expect(detectType("the service needs a restart after every deploy").type).not.toBe("implement");
  });

  it("a profile is a thing unless a command's verb", () => {
    expect(detectType("copy the settings from one profile to another").type).not.toBe("optimize");
    expect(detectType("profile the importer on a 1 GB file").type).toBe("optimize");
  });
});
