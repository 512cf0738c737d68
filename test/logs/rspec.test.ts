import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { specOf } from "./helpers.js";

// Hand-written in the shapes RSpec 3 prints (this machine has no Ruby): an expectation's failure
// (expected/got under `Failure/Error:`), an exception's (`NoMethodError:` over its message), and
// the "Failed examples" list a user pastes alone.
const EXPECTATION = [
  "Failures:",
  "",
  "  1) Invoice#total adds the tax once",
  "     Failure/Error: expect(invoice.total).to eq(1210)",
  "",
  "       expected: 1210",
  "            got: 1331",
  "",
  "       (compared using ==)",
  "     # ./app/billing/tax.rb:18:in `apply'",
  "     # ./app/billing/invoice.rb:9:in `total'",
  "     # ./spec/billing/invoice_spec.rb:14:in `block (3 levels) in <top (required)>'",
  "",
  "  2) Invoice#number is sequential",
  "     Failure/Error: expect(second.number).to be > first.number",
  "       expected: > 7",
  "            got:   7",
  "     # ./spec/billing/invoice_spec.rb:30:in `block (3 levels) in <top (required)>'",
  "",
  "Finished in 0.04 seconds (files took 0.3 seconds to load)",
  "9 examples, 2 failures",
  "",
].join("\n");
const FAILED_EXAMPLES = [
  "Failed examples:",
  "",
  "rspec ./spec/billing/invoice_spec.rb:12 # Invoice#total adds the tax once",
  "rspec './spec/mailer/receipt_spec.rb[1:2:1]' # Receipt behaves like a mail subject",
  "",
].join("\n");

const APP = specOf({
  tax: ["app/billing/tax.rb"],
  invoice: ["app/billing/invoice.rb"],
  receipt: ["app/mailer/receipt.rb"],
  specs: ["spec/billing/invoice_spec.rb"],
});

describe("parseLog: RSpec's failures", () => {
  it("reads an expectation's failure: expected and got as its message, its frames innermost first, one error an example", () => {
    const errors = parseLog(EXPECTATION);
    expect(errors).toMatchObject([
      { format: "ruby", message: "expected: 1210, got: 1331", line: 3, frames: [{ file: "app/billing/tax.rb", line: 18, function: "apply" }, { file: "app/billing/invoice.rb", line: 9 }, { file: "spec/billing/invoice_spec.rb", line: 14 }] },
      { format: "ruby", message: "expected: > 7, got:   7", line: 14, frames: [{ file: "spec/billing/invoice_spec.rb", line: 30 }] },
    ]);
    expect(errors).toHaveLength(2);
  });

  it("reads each line of a pasted 'Failed examples' list: the example's file and line, its description as the message", () => {
    expect(parseLog(FAILED_EXAMPLES)).toMatchObject([
      { format: "ruby", message: "Invoice#total adds the tax once", frames: [{ file: "spec/billing/invoice_spec.rb", line: 12 }] },
      { format: "ruby", message: "Receipt behaves like a mail subject", frames: [{ file: "spec/mailer/receipt_spec.rb" }] },
    ]);
  });

  it("says the failing code when the report gives neither an exception nor expected/got, the error starting at the example", () => {
    const log = "  1) Cart is empty\n     Failure/Error: expect(cart).to be_empty\n     # ./spec/cart_spec.rb:5:in `block (2 levels)'\n";
    expect(parseLog(log)).toMatchObject([{ message: "Failure/Error: expect(cart).to be_empty", line: 1, endLine: 3, frames: [{ file: "spec/cart_spec.rb", line: 5 }] }]);
  });

  it("routes an expectation's failure to the code's innermost frame, and a failed example alone to the module its spec is named for", () => {
    expect(mapLogToModules(parseLog(EXPECTATION), APP).modules[0]).toBe("tax");
    expect(mapLogToModules(parseLog(FAILED_EXAMPLES), APP).modules).toContain("receipt");
  });
});
