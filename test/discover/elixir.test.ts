import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { validationOf } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

/** A mix project of our own: modules called by full name, through `alias` (a group too) and `import`. */
const GREENHOUSE = {
  "mix.exs": 'defmodule Greenhouse.MixProject do\n  use Mix.Project\n  def project, do: [app: :greenhouse]\nend\n',
  "config/config.exs": "import Config\nconfig :greenhouse, Greenhouse.Store, pool: 5\n",
  "lib/greenhouse/plants/plant.ex": "defmodule Greenhouse.Plants.Plant do\n  defstruct [:moisture]\n  def thirsty?(%__MODULE__{moisture: m}), do: m < 30\nend\n",
  "lib/greenhouse/plants/schedule.ex": 'defmodule Greenhouse.Plants.Schedule do\n  @moduledoc """\n  Uses Greenhouse.Web.Router? No.\n  """\n  alias Greenhouse.Plants.Plant\n  # Greenhouse.Store is not called here.\n  def due(plants), do: Enum.filter(plants, &Plant.thirsty?/1)\n  defp noop, do: :ok\nend\n',
  "lib/greenhouse/store.ex": "defmodule Greenhouse.Store do\n  alias Greenhouse.Plants.{Plant, Schedule}\n  def save(%Plant{} = p), do: {:ok, p}\n  def due, do: Schedule.due([])\n\n  defmodule Row do\n    defstruct [:id]\n  end\nend\n",
  "lib/greenhouse/web/router.ex": "defmodule Greenhouse.Web.Router do\n  import Greenhouse.Web.Helpers\n  def route(path), do: json(Greenhouse.Store.due(), %Greenhouse.Store.Row{id: path})\nend\n",
  "lib/greenhouse/web/helpers.ex": "defmodule Greenhouse.Web.Helpers do\n  def json(data, _row), do: inspect(data)\nend\n",
  "lib/greenhouse/application.ex": "defmodule Greenhouse.Application do\n  use Application\n  def start(_t, _a), do: Supervisor.start_link([Greenhouse.Web.Router], strategy: :one_for_one)\nend\n",
  "test/test_helper.exs": "ExUnit.start()\n",
  "test/greenhouse/plants/schedule_test.exs": "defmodule Greenhouse.Plants.ScheduleTest do\n  use ExUnit.Case\n  alias Greenhouse.Plants.{Plant, Schedule}\n  test \"due\", do: assert Schedule.due([%Plant{moisture: 1}]) != []\nend\n",
};

/** A mix umbrella: an app each under apps/, depending on each other by module name. */
const HARBOR = {
  "mix.exs": 'defmodule Harbor.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: "apps"]\nend\n',
  "apps/harbor_core/mix.exs": "defmodule HarborCore.MixProject do\n  use Mix.Project\n  def project, do: [app: :harbor_core]\nend\n",
  "apps/harbor_core/lib/harbor_core/berth.ex": "defmodule HarborCore.Berth do\n  defstruct [:length]\n  def fits?(b, ship), do: ship.length <= b.length\nend\n",
  "apps/harbor_core/test/harbor_core/berth_test.exs": "defmodule HarborCore.BerthTest do\n  use ExUnit.Case\n  test \"fits\", do: assert HarborCore.Berth.fits?(%HarborCore.Berth{length: 9}, %{length: 1})\nend\n",
  "apps/harbor_store/mix.exs": "defmodule HarborStore.MixProject do\n  use Mix.Project\n  def project, do: [app: :harbor_store]\nend\n",
  "apps/harbor_store/lib/harbor_store/ledger.ex": "defmodule HarborStore.Ledger do\n  alias HarborCore.Berth\n  def book(%Berth{} = b), do: {:ok, b}\nend\n",
  "apps/harbor_store/test/harbor_store/ledger_test.exs": "defmodule HarborStore.LedgerTest do\n  use ExUnit.Case\n  test \"book\", do: assert {:ok, _} = HarborStore.Ledger.book(%HarborCore.Berth{})\nend\n",
  "apps/harbor_web/mix.exs": "defmodule HarborWeb.MixProject do\n  use Mix.Project\n  def project, do: [app: :harbor_web]\nend\n",
  "apps/harbor_web/lib/harbor_web/berth_controller.ex": "defmodule HarborWeb.BerthController do\n  def create(p), do: HarborStore.Ledger.book(struct(HarborCore.Berth, p))\nend\n",
};

const specOf = (d: ReturnType<typeof discover>) => ({ layers: ["core"], modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false });

describe("discover: Elixir", () => {
  it("a mix project: modules by file or folder, dependencies by the module names its code calls, tests by what they call", () => {
    const root = makeProject(GREENHOUSE);
    const d = discover(root);
    // Before: "Found no ... source files": Elixir was not read.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, { layer: m.layer, dependsOn: m.dependsOn, tests: m.tests }]))).toEqual({
      plant: { layer: "foundation", dependsOn: [], tests: [] },
      // The names in its @moduledoc and its comment are no calls.
      schedule: { layer: "foundation", dependsOn: ["plant"], tests: ["test/greenhouse/plants/schedule_test.exs"] },
      // `alias Greenhouse.Plants.{Plant, Schedule}` is both.
      store: { layer: "infrastructure", dependsOn: ["plant", "schedule"], tests: [] },
      helpers: { layer: "foundation", dependsOn: [], tests: [] },
      // `%Greenhouse.Store.Row{}` is the module nested in store.ex.
      router: { layer: "interface", dependsOn: ["helpers", "store"], tests: [] },
      application: { layer: "interface", dependsOn: ["router"], tests: [] },
    });
    expect(d.modules.find((m) => m.id === "schedule")!.provides).toEqual(["Schedule", "due"]);
    expect(d.skipped).toEqual([
      { path: "config/config.exs", why: "an Elixir script (configuration, seeds)" },
      { path: "mix.exs", why: "a build tool's configuration" },
    ]);
    expect(d.notes).toContain("test/test_helper.exs: a test helper the tests share, attached to no module");
    expect(validationOf(root, specOf(d), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual(["system: mix test", "schedule: mix test test/greenhouse/plants/schedule_test.exs"]);
  });

  it("a mix umbrella: an app a module (named by its app), gates run in the app's folder", () => {
    const root = makeProject(HARBOR);
    const d = discover(root);
    expect(d.modules.map((m) => `${m.id} ${m.folder} <- ${m.dependsOn.join(",")} tests:${m.tests.length}`)).toEqual([
      "core apps/harbor_core <-  tests:1",
      "store apps/harbor_store <- core tests:1",
      "web apps/harbor_web <- core,store tests:0",
    ]);
    expect(validationOf(root, specOf(d), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual([
      "system: mix test",
      "core: cd apps/harbor_core && mix test test/harbor_core/berth_test.exs",
      "store: cd apps/harbor_store && mix test test/harbor_store/ledger_test.exs",
    ]);
  });
});
