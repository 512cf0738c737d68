import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// Requests on test/fixtures/trees/backtest: a Provides-heavy Python backtesting engine
// with owned folders (strategies/, quantlab/indicators/, cache/) and strategy files on
// disk. Layers data, core, engine, analytics; modules schwab_fetcher, yahoo_fetcher,
// market_data, events, indicators, strategy, portfolio, risk, execution, engine,
// performance, optimizer. The module `engine` sits in the layer `engine`.

export const BACKTEST = fileURLToPath(new URL("../../fixtures/trees/backtest", import.meta.url));

export const BACKTEST_ROUTES: Route[] = [
  // The five requests of issue 11, as its right-hand column says.
  ["add rate limiting to the Schwab API client",                       "implement", mods("schwab_fetcher"), ["schwab -> schwab_fetcher (id)"]],
  ["the sharpe ratio calculation is wrong",                            "debug",     mods("performance"),    ["sharpe, ratio -> performance (provides)"]],
  ["add max drawdown duration to the performance analyzer",            "implement", mods("performance"),    ["add", "performance"]],
  ["fix MACD_Trend_v4 crashing when VIX data is missing",              "debug",     mods("strategy"),       ["MACD_Trend_v4 (strategies/macd_trend_v4.py) -> strategy"]],
  ["the sma indicator returns NaN",                                    "debug",     mods("indicators"),     ["nan"]],
  ["fix the bug in portfolio position sizing",                         "debug",     mods("portfolio"),      ["fix", "portfolio"]],
  // Symptoms without a module name.
  ["sortino comes out negative for a profitable run",                  "debug",     mods("performance"),    []],
  ["the RSI values differ from TradingView after the warm-up",         "debug",     mods("indicators"),     []],
  ["bollinger bands return NaN for the first 19 bars",                 "debug",     mods("indicators"),     []],
  ["the refresh token expires and every download fails with 401",      "debug",     mods("schwab_fetcher"), []],
  ["limit orders fill even when the bar never touches the price",      "debug",     mods("execution"),      []],
  ["slippage is applied twice on partial fills",                       "debug",     mods("execution"),      []],
  ["trailing stop never triggers on gap downs",                        "debug",     mods("risk"),           []],
  ["the equity curve drops to zero after a split",                     "debug",     mods("portfolio"),      []],
  ["walk-forward windows overlap by one day",                          "debug",     mods("optimizer"),      []],
  ["grid search crashes with a pickling error in the worker processes","debug",     mods("optimizer"),      []],
  ["CAGR is wrong for backtests shorter than a year",                  "debug",     mods("performance"),    []],
  ["the trading calendar misses the Juneteenth holiday",               "debug",     mods("market_data"),    []],
  ["resampling minute bars to hourly drops the last bar of the day",   "debug",     mods("market_data"),    []],
  ["FillEvent has no commission field",                                "general",   mods("events"),         []],
  ["^VIX downloads come back empty for 2008",                          "debug",     mods("yahoo_fetcher"),  []],
  ["the profit factor in TradeStats divides by zero with no losing trades", "debug", mods("performance"), []],
  ["RiskManager lets gross exposure go above 200%",                    "debug",     mods("risk"),           []],
  ["commission per share should have a minimum per order",             "general",   mods("execution"),      []],
  // Paths inside owned folders.
  ["fix strategies/rsi_mean_reversion.py: it never exits",             "debug",     mods("strategy"),       ["strategies/rsi_mean_reversion.py -> strategy"]],
  ["add a pairs trading strategy in strategies/pairs_kalman.py",       "implement", mods("strategy"),       []],
  ["quantlab/indicators/atr.py uses the wrong true range on the first bar", "debug", mods("indicators"),    []],
  ["clean up cache/ loading: parquet and csv readers duplicate code",  "refactor",  mods("market_data"),    []],
  ["bollinger_breakout enters twice on the same bar",                  "debug",     mods("strategy"),       []],
  ["refactor pairs_spread to use the registry",                        "refactor",  mods("strategy"),       []],
  // Module names that are also task words.
  ["refactor performance",                                             "refactor",  mods("performance"),    ["refactor", "performance"]],
  ["the performance module is slow on 20 years of minute bars",        "optimize",  mods("performance"),    []],
  ["review the optimizer's walk-forward logic",                        "analyze",   mods("optimizer"),      []],
  ["optimize the optimizer: reuse worker processes between runs",      "optimize",  mods("optimizer"),      []],
  ["add a Calmar ratio to performance",                                "implement", mods("performance"),    []],
  ["explain how execution decides the fill price of a stop order",     "analyze",   mods("execution"),      []],
  ["speed up the engine loop",                                         "optimize",  mods("engine"),         []],
  // Named modules and layers.
  ["implement the risk module",                                        "implement", mods("risk"),           []],
  ["add a volatility target option to the position sizer",             "implement", mods("portfolio"),      []],
  ["audit the data layer for look-ahead bias",                         "analyze",   layer("data"),          []],
  ["refactor the analytics layer",                                     "refactor",  layer("analytics"),     []],
  ["decouple the strategy from the portfolio",                         "refactor",  mods("portfolio", "strategy"), []],
  ["add an EMA crossover example to the indicators docs",              "implement", mods("indicators"),     []],
  ["the yahoo fetcher should retry on HTTP 429",                       "general",   mods("yahoo_fetcher"),  []],
  ["both fetchers time out on large date ranges",                      "debug",     mods("schwab_fetcher", "yahoo_fetcher"), []],
  ["profile the event queue under a million bars",                     "optimize",  mods("events"),         []],
  // Really system-wide.
  ["implement the whole system",                                       "implement", sys,                    []],
  ["add type hints across the codebase",                               "refactor", sys,                    []],
  ["upgrade every module to pandas 2",                                 "general",   sys,                    []],
  ["review everything for look-ahead bias",                            "analyze",   sys,                    []],
];
