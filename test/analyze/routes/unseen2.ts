import { fileURLToPath } from "node:url";
import type { Route } from "./ledger.js";
import { layer, mods, sys } from "./ledger.js";

// A second round of trees written apart from the router's tuning (quality-unseen2.test.ts), in
// domains and spec styles none of the other fixtures have: a React + API tool with kebab ids,
// CamelCase spec files and Claude Code front matter; an ML training stack with terse
// abbreviated ids and "Files:" lines; C firmware whose drivers are named by part numbers; a
// Rust game server with blockquote purposes. The requests are phrased as users write them:
// symptoms without a module's name, pasted errors, questions, typos, "every/all" phrases.
// Type and scope are what a careful human would answer, written before the router was run
// on them: a bug report without a keyword is still debug, and a miss says so.

const tree = (name: string) => fileURLToPath(new URL(`../../fixtures/trees/${name}`, import.meta.url));

// Project management: layers api (auth-api, projects-api, tasks-api, search-api, comments-api),
// workers (notify-worker, import-export, recurring), web (kanbanboard, taskdrawer, ganttview,
// appshell; spec files `KanbanBoard_AGENT.md`...).
export const TASKBOARD = tree("taskboard");
export const TASKBOARD_ROUTES: Route[] = [
  ["cards jump back to their old column after I drag them",            "debug",     mods("kanbanboard", "tasks-api"), []],
  ["Add a 'blocked' status between in progress and review",            "implement", mods("tasks-api"),      []],
  ["users get logged out every few minutes",                           "debug",     mods("auth-api"),       []],
  ["Okta SAML login fails with 'Invalid signature on SAML response'",   "debug",     mods("auth-api"),       []],
  ["search doesn't find tasks by words in their comments",             "debug",     mods("search-api"),     []],
  ["the digest email arrives at 3am instead of the morning",           "debug",     mods("notify-worker"),  []],
  ["reminders are sent an hour late since the DST change",             "debug",     mods("recurring"),      []],
  ["import our Asana boards",                                          "implement", mods("import-export"),  []],
  ["the Jira import maps every status to todo",                        "debug",     mods("import-export"),  []],
  ["make the board load faster for projects with 2000 cards",          "optimize",  mods("kanbanboard"),    []],
  ["the timeline view is laggy when zoomed out to months",             "optimize",  mods("ganttview"),      []],
  ["add a dark mode toggle to the settings page",                      "implement", mods("appshell"),       []],
  ["TypeError: Cannot read properties of null (reading 'assignee') at TaskDrawer (web/src/task/TaskDrawer.tsx:88:21)", "debug", mods("taskdrawer"), []],
  ["viewers can still edit tasks",                                     "debug",     mods("projects-api", "tasks-api"), []],
  ["how are card positions within a column stored?",                   "analyze",   mods("tasks-api"),      []],
  ["refactor the importers so Trello and Jira share the status mapping", "refactor", mods("import-export"), []],
  ["move the mention parsing out of the comments API into the notify worker", "refactor", mods("comments-api", "notify-worker"), []],
  ["review the workers layer",                                         "analyze",   layer("workers"),       []],
  ["make every endpoint return 404 instead of 403 for projects you can't see", "general", layer("api"), []],
  ["upgrade the whole frontend to React 19",                           "general",   layer("web"),           []],
  ["attachments over 10 MB fail to upload",                            "debug",     mods("comments-api"),   []],
  ["the unread badge never goes down after I read my notifications",   "debug",     mods("notify-worker"),  []],
  ["let people @mention a whole team in a comment",                    "implement", mods("comments-api"),   []],
  ["clean up the retries in apiClient",                                "refactor",  mods("appshell"),       []],
  ["why does useDragDrop re-render the whole board on every mouse move?", "analyze", mods("kanbanboard"),   []],
  ["recurring taks get created twice on the first monday",             "debug",     mods("recurring"),      []],
  ["the Gantt arrows between dependent tasks point the wrong way",     "debug",     mods("ganttview"),      []],
];

// ML training: layers data (ds_loader, tok, augment), model (arch, optim, ckpt), training
// (train_loop, dist, evals, tracking, sweeps), serving (onnx_export, infer_srv). One spec's
// names are under "Interface", which is not read as Provides.
export const TRAINER = tree("trainer");
export const TRAINER_ROUTES: Route[] = [
  ["loss goes NaN after about 2k steps with bf16",                     "debug",     mods("train_loop"),     []],
  ["resuming from a checkpoint repeats the first 10k samples",         "debug",     mods("ds_loader", "ckpt"), []],
  ["RuntimeError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1275, unhandled system error", "debug", mods("dist"), []],
  ["add a cosine schedule with restarts",                              "implement", mods("optim"),          []],
  ["GPU utilization is only 40%, the dataloader can't keep up",        "optimize",  mods("ds_loader"),      []],
  ["support RoPE scaling for longer context",                          "implement", mods("arch"),           []],
  ["the tokenizer splits emoji into garbage bytes",                    "debug",     mods("tok"),            []],
  ["log the learning rate to wandb every step",                        "implement", mods("tracking"),       []],
  ["perplexity on the validation set is computed over padding tokens too", "debug", mods("evals"),          []],
  ["speed up the ONNX export",                                         "optimize",  mods("onnx_export"),    []],
  ["the inference server runs out of memory when batches get large",   "debug",     mods("infer_srv"),      []],
  ["p99 latency of /predict is 800 ms, make it faster",                "optimize",  mods("infer_srv"),      []],
  ["how does the sweep runner decide which trials to stop?",           "analyze",   mods("sweeps"),         []],
  ["refactor save_checkpoint and load_checkpoint to share the S3 code", "refactor", mods("ckpt"),           []],
  ["what happens to the optimizer state when we switch from DDP to FSDP?", "analyze", mods("optim", "dist"), []],
  ["mixup is applied to the validation batches too",                   "debug",     mods("augment"),        []],
  ["review the data layer",                                            "analyze",   layer("data"),          []],
  ["add type hints to all the modules",                                "refactor",  sys,                    []],
  ["every job should write its resolved config to the run directory",  "implement", sys,                    []],
  ["checkpoints from last week won't load: KeyError: 'model.layers.0.attn.qkv.weight'", "debug", mods("ckpt"), []],
  ["trainer/distributed/fsdp.py wraps the embedding twice",            "debug",     mods("dist"),           []],
  ["the BLEU numbers don't match sacrebleu",                           "debug",     mods("evals"),          []],
  ["multi node jobs hang at startup on the new cluster",               "debug",     mods("dist"),           []],
  ["move gradient clipping from the training loop into the optimizer module", "refactor", mods("optim", "train_loop"), []],
];

// Battery sensor firmware in C: layers hal (hal_i2c, hal_spi, hal_uart, hal_clk), drivers
// (bme280, sx1276, w25q: part numbers), app (sensing, lorawan, fota, pwr_mgr, dbg_shell, nvs).
export const FIELDNODE = tree("fieldnode");
export const FIELDNODE_ROUTES: Route[] = [
  ["the node draws 2 mA in sleep instead of 20 uA",                    "debug",     mods("pwr_mgr"),        []],
  ["I2C bus locks up after a brown-out, sensor reads return 0xFF",     "debug",     mods("hal_i2c"),        []],
  ["humidity reads 100% all the time",                                 "debug",     mods("bme280"),         []],
  ["add US915 support",                                                "implement", mods("lorawan"),        []],
  ["OTAA join retries drain the battery when there is no gateway",     "debug",     mods("lorawan"),        []],
  ["an update with a bad signature still boots",                       "debug",     mods("fota"),           []],
  ["the device bricks if power is lost in the middle of a firmware update", "debug", mods("fota"),          []],
  ["add a shell command that prints the battery voltage",              "implement", mods("dbg_shell"),      []],
  ["settings are lost after reflashing",                               "debug",     mods("nvs"),            []],
  ["calibration offsets should survive a factory reset",               "implement", mods("nvs"),            []],
  ["erasing the flash log takes 400 ms and blocks the radio",          "optimize",  mods("w25q"),           []],
  ["sensing_task() misses its 15 minute slot when the uplink is slow", "debug",     mods("sensing"),        []],
  ["refactor the hal so every peripheral uses the same timeout handling", "refactor", layer("hal"),         []],
  ["review the drivers layer for blocking calls inside interrupt handlers", "analyze", layer("drivers"),    []],
  ["HardFault in hal_uart_write when the console prints during boot",  "debug",     mods("hal_uart"),       []],
  ["why does the watchdog reset the board during a sector erase?",     "debug",     mods("hal_clk", "w25q"), []],
  ["reduce the uplink payload size so it fits at SF12",                "optimize",  mods("lorawan"),        []],
  ["port the firmware to the STM32WL",                                 "general",   sys,                    []],
  ["the radio never goes to sleep after TX done",                      "debug",     mods("sx1276"),         []],
  ["how do downlink commands change the sampling interval?",           "analyze",   mods("sensing", "lorawan"), []],
  ["soil moisture values jump around when the radio transmits",        "debug",     mods("sensing"),        []],
  ["firmware/drivers/sx1276.c: the spreading factor is written to the wrong register", "debug", mods("sx1276"), []],
  ["the spi flash sometimes reads back zeros after deep power-down",   "debug",     mods("w25q"),           []],
];

// Game server in Rust: layers net (gateway, proto, netsync), sim (physics, combat, npc_ai,
// world), meta (mm, ranking, econ, chat, acct). Purposes in a blockquote under the title.
export const ARENA = tree("arena");
export const ARENA_ROUTES: Route[] = [
  ["players get kicked with 'session ticket expired' when the match takes long to start", "debug", mods("gateway", "mm"), []],
  ["hits that clearly landed don't register at 150 ms ping",           "debug",     mods("combat"),         []],
  ["players rubber-band when walking up stairs",                       "debug",     mods("physics"),        []],
  ["queue times are over 5 minutes in Oceania",                        "optimize",  mods("mm"),             []],
  ["parties of 3 get split across teams",                              "debug",     mods("mm"),             []],
  ["add a ranked season reset that soft-resets everyone's rating",     "implement", mods("ranking"),        []],
  ["a player was charged twice for the same skin",                     "debug",     mods("econ"),           []],
  ["the profanity filter blocks the word 'Scunthorpe'",                "debug",     mods("chat"),           []],
  ["bots walk into walls on the new map",                              "debug",     mods("npc_ai"),         []],
  ["bandwidth per client is 80 kB/s, cut it down",                     "optimize",  mods("netsync"),        []],
  ["add a new message type for emotes",                                "implement", mods("proto"),          []],
  ["banned players can still join matches",                            "debug",     mods("mm", "acct"),     []],
  ["how does lag compensation rewind hitboxes?",                       "analyze",   mods("combat"),         []],
  ["refactor apply_damage and grant_item to go through one event bus", "refactor",  mods("combat", "econ"), []],
  ["the sim tick takes 25 ms with 10 players, profile it",             "optimize",  layer("sim"),           []],
  ["review everything in meta for SQL injection",                      "analyze",   layer("meta"),          []],
  ["upgrade all the crates to tokio 1.40",                             "general",   sys,                    []],
  ["the respawn timer shows 0 but the player stays dead",              "debug",     mods("combat", "world"), []],
  ["the match never ends when a player disconnects in the last round", "debug",     mods("world"),          []],
  ["friends list shows people as online after they quit",              "debug",     mods("acct"),           []],
  ["thread 'tokio-runtime-worker' panicked at 'index out of bounds: the len is 0 but the index is 0', crates/netsync/src/lib.rs:212:9", "debug", mods("netsync"), []],
  ["rename InterestGrid to VisibilityGrid",                            "refactor",  mods("netsync"),        []],
  ["chat messgaes arrive out of order in team chat",                   "debug",     mods("chat"),           []],
  ["explain how the matchmaker balances teams",                        "analyze",   mods("mm"),             []],
];
