import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { specOf } from "./helpers.js";

// Hand-written in the shapes Ruby 3.3/3.4, Rails and RSpec print (this machine has no Ruby):
// an uncaught exception's report (`file:12:in 'm': message (Class)` then `from` lines; 3.4 quotes
// with ' and names the class, 3.3 with a backquote), Rails' log (`Class (message):`, a blank
// line, bare frames) and RSpec's failure (`# ./path:12:in ...` under the message).
const RUBY_34 = [
  "app/models/user.rb:12:in 'User#full_name': undefined method 'upcase' for nil (NoMethodError)",
  "\tfrom app/services/greeter.rb:5:in 'Greeter#greet'",
  "\tfrom bin/greet:3:in '<main>'",
].join("\n");
const RUBY_33 = "/srv/app/releases/42/app/models/user.rb:12:in `full_name': undefined method `upcase' for nil:NilClass (NoMethodError)\n\tfrom /srv/app/releases/42/app/services/greeter.rb:5:in `greet'\n";
const RAILS = [
  'Started GET "/users/7" for 127.0.0.1 at 2026-12-02 10:14:03 +0000',
  "Processing by UsersController#show as HTML",
  "Completed 500 Internal Server Error in 12ms",
  "",
  "NoMethodError (undefined method `upcase' for nil):",
  "",
  "app/models/user.rb:12:in `full_name'",
  "app/controllers/users_controller.rb:8:in `show'",
  "",
].join("\n");
const RSPEC = [
  "  1) User#full_name upcases the first name",
  "     Failure/Error: first_name.upcase + last_name",
  "",
  "     NoMethodError:",
  "       undefined method `upcase' for nil",
  "     # ./app/models/user.rb:12:in `full_name'",
  "     # ./spec/models/user_spec.rb:7:in `block (2 levels) in <top (required)>'",
  "",
].join("\n");

const APP = specOf({ models: ["app/models/user.rb"], services: ["app/services/greeter.rb"], web: ["app/controllers/users_controller.rb"], specs: ["spec/models/user_spec.rb"] });

describe("parseLog: Ruby backtraces", () => {
  it("reads an uncaught exception's report, 3.4's quotes and 3.3's backquotes, innermost frame first", () => {
    const [error, ...rest] = parseLog(RUBY_34);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      format: "ruby",
      message: "undefined method 'upcase' for nil (NoMethodError)",
      frames: [
        { file: "app/models/user.rb", line: 12, function: "User#full_name" },
        { file: "app/services/greeter.rb", line: 5, function: "Greeter#greet" },
        { file: "bin/greet", line: 3, function: "<main>" },
      ],
      line: 1,
      endLine: 3,
    });
    expect(parseLog(RUBY_33)[0]).toMatchObject({ format: "ruby", message: "undefined method `upcase' for nil:NilClass (NoMethodError)", frames: [{ file: "/srv/app/releases/42/app/models/user.rb", line: 12 }, { file: "/srv/app/releases/42/app/services/greeter.rb", line: 5 }] });
  });

  it("reads Rails' and RSpec's bare backtraces with the message above them", () => {
    expect(parseLog(RAILS)).toMatchObject([{ format: "ruby", message: "NoMethodError (undefined method `upcase' for nil):", frames: [{ file: "app/models/user.rb", line: 12 }, { file: "app/controllers/users_controller.rb", line: 8 }] }]);
    expect(parseLog(RSPEC)).toMatchObject([{ format: "ruby", message: "NoMethodError: undefined method `upcase' for nil", frames: [{ file: "app/models/user.rb", line: 12, function: "full_name" }, { file: "spec/models/user_spec.rb", line: 7 }] }]);
  });

  it("routes each to the module owning the innermost frame, a deploy's absolute path by its owned tail", () => {
    expect(mapLogToModules(parseLog(RUBY_34), APP).modules).toEqual(["models", "services"]);
    expect(mapLogToModules(parseLog(RUBY_33), APP).modules).toEqual(["models", "services"]);
    expect(mapLogToModules(parseLog(RAILS), APP).modules).toEqual(["models", "web"]);
    expect(mapLogToModules(parseLog(RSPEC), APP).modules[0]).toBe("models");
  });
});
