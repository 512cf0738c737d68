import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { extractImports, languageOf } from "../../src/spec/imports.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { maskSource } from "../../src/validate/source.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** A gem as `bundle gem` lays it out: lib/tally.rb beside lib/tally/, RSpec specs and a minitest test (it loads with ruby 3.3). */
const GEM = {
  Gemfile: 'source "https://rubygems.org"\ngemspec\ngem "rspec", "~> 3.13"\n',
  "tally.gemspec": 'require_relative "lib/tally/version"\nGem::Specification.new do |s|\n  s.name = "tally"\n  s.version = Tally::VERSION\nend\n',
  "lib/tally.rb": [
    "# frozen_string_literal: true",
    "",
    'require "json"',
    'require "tally/version"',
    'require "tally/amount"',
    'require "tally/ledger/book"',
    "",
    "# Tally keeps household accounts in plain files.",
    "module Tally",
    "  class Error < StandardError; end",
    '  autoload :FileStore, "tally/store/file_store"',
    "",
    "  def self.open(path)",
    "    Ledger::Book.new(FileStore.new(path))",
    "  end",
    "end",
    "",
  ].join("\n"),
  "lib/tally/version.rb": 'module Tally\n  VERSION = "0.3.1"\nend\n',
  "lib/tally/amount.rb": [
    "# frozen_string_literal: true",
    "",
    "module Tally",
    "  # An amount of money in cents, with its currency.",
    "  class Amount",
    "    attr_reader :cents, :currency",
    "",
    '    def initialize(cents, currency = "EUR")',
    "      @cents = cents",
    "    end",
    "",
    "    def to_s",
    '      format("%.2f #{currency}", cents / 100.0) # "# no comment"',
    "    end",
    "",
    "    def self.parse(text) = new((Float(text) * 100).round)",
    "",
    "    private",
    "",
    "    def check!(other)",
    '      raise Error, "currency" unless other.currency == currency',
    "    end",
    "  end",
    "end",
    "",
  ].join("\n"),
  "lib/tally/ledger/entry.rb": 'require_relative "../amount"\n\nmodule Tally\n  module Ledger\n    # One line of the book.\n    Entry = Struct.new(:date, :payee, :amount) do\n      def credit? = amount.cents.positive?\n    end\n  end\nend\n',
  "lib/tally/ledger/book.rb": [
    'require_relative "entry"',
    "",
    "module Tally",
    "  module Ledger",
    "    # The book of entries, kept in a store.",
    "    class Book",
    "      attr_accessor :store",
    "",
    "      def add(date, payee, text)",
    "        Entry.new(date, payee, Amount.parse(text))",
    "      end",
    "",
    "      def report",
    "        <<~TEXT",
    "          class Fake",
    '          require "tally/cli/main"',
    "        TEXT",
    "      end",
    "",
    "      protected def secret; end",
    "    end",
    "  end",
    "end",
    "",
  ].join("\n"),
  "lib/tally/store/file_store.rb": 'require "csv"\nrequire File.expand_path("../ledger/entry", __dir__)\n\nmodule Tally\n  # Entries in a CSV file.\n  class FileStore\n    def load = CSV.read(@path)\n  end\nend\n',
  "lib/tally/cli/main.rb": 'require "optparse"\nrequire "tally"\n\nmodule Tally\n  module Cli\n    # The `tally` command.\n    class Main\n      def run(argv) = Tally.open(argv.first)\n    end\n  end\nend\n',
  "spec/spec_helper.rb": 'require "tally"\nRSpec.configure { |c| c.order = :random }\n',
  "spec/tally/amount_spec.rb": 'require "spec_helper"\n\nRSpec.describe Tally::Amount do\nend\n',
  "spec/tally/ledger/book_spec.rb": 'require "spec_helper"\nrequire "tally/ledger/book"\n\nRSpec.describe Tally::Ledger::Book do\nend\n',
  "test/test_helper.rb": '$LOAD_PATH.unshift File.expand_path("../lib", __dir__)\nrequire "tally"\nrequire "minitest/autorun"\n',
  "test/file_store_test.rb": 'require "test_helper"\n\nclass FileStoreTest < Minitest::Test\nend\n',
  "vendor/bundle/ruby/3.3.0/gems/csv-3.3.0/lib/csv.rb": "class CSV\nend\n",
};

describe("discover: Ruby", () => {
  it("a gem: a module per file, dependencies from require_relative, require under lib/, autoload and File.expand_path (gems left out), specs attached to the file they mirror", () => {
    const d = discover(makeProject(GEM));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["amount", "book", "entry", "file_store", "main", "tally", "version"]);
    expect(byId.get("tally")!.language).toBe("ruby");
    expect(byId.get("tally")!.primary).toBe("lib/tally.rb");
    expect(byId.get("tally")!.dependsOn.sort()).toEqual(["amount", "book", "file_store", "version"]);
    expect(byId.get("entry")!.dependsOn).toEqual(["amount"]);
    // `Amount.parse` inside `module Tally; module Ledger` is `Tally::Amount`, lib/tally/amount.rb, required or not;
    // reopening `module Tally` is no use of lib/tally.rb.
    expect(byId.get("book")!.dependsOn.sort()).toEqual(["amount", "entry"]);
    expect(byId.get("amount")!.dependsOn).toEqual([]);
    expect(byId.get("file_store")!.dependsOn).toEqual(["entry"]);
    expect(byId.get("main")!.dependsOn).toEqual(["tally"]);
    // `require "spec_helper"` loads the whole gem: a spec goes with the file it mirrors.
    expect(byId.get("amount")!.tests).toEqual(["spec/tally/amount_spec.rb"]);
    expect(byId.get("book")!.tests).toEqual(["spec/tally/ledger/book_spec.rb"]);
    expect(byId.get("file_store")!.tests).toEqual(["test/file_store_test.rb"]);
    expect(d.notes).toEqual(expect.arrayContaining(["spec/spec_helper.rb: a test helper the tests share, attached to no module", "test/test_helper.rb: a test helper the tests share, attached to no module"]));
    expect(d.skipped.map((s) => s.path)).toContain("vendor/");
    expect(d.layers.at(-1)!.modules).toEqual(["main"]);
  });

  it("Provides: classes (Struct ones too), modules that define methods, public methods and attributes; not a namespace, private methods or a heredoc's text. Purpose: the class's comment", () => {
    const d = discover(makeProject(GEM));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("amount")!.provides).toEqual(["Amount", "cents", "currency", "to_s", "parse"]);
    expect(byId.get("book")!.provides).toEqual(["Book", "store", "add", "report"]);
    expect(byId.get("entry")!.provides).toEqual(["Entry", "credit?"]);
    expect(byId.get("tally")!.provides).toEqual(["Tally", "Error", "open"]);
    expect(byId.get("version")!.provides).toEqual([]);
    expect(byId.get("amount")!.doc).toBe("An amount of money in cents, with its currency.");
    expect(byId.get("tally")!.doc).toBe("Tally keeps household accounts in plain files.");
  });

  it("a file beside the folder module of its name is that folder's entry (`tally_entry`), not `lib_tally_2`", () => {
    const files: Record<string, string> = { ...GEM };
    for (const name of ["tax", "rounding", "currency", "parser", "formatter"]) files[`lib/tally/${name}.rb`] = `module Tally\n  class X${name}\n  end\nend\n`;
    const d = discover(makeProject(files));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("tally")!.folder).toBe("lib/tally");
    expect(byId.get("tally_entry")!.files).toEqual(["lib/tally.rb"]);
    expect(byId.get("main")!.dependsOn).toEqual(["tally_entry"]);
  });

  it("a Rails-like app: dependencies from the constants it autoloads, models in the core, controllers the interface, a model spec attached to its model", () => {
    const d = discover(
      makeProject({
        Gemfile: 'gem "rails"\n',
        "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n",
        "app/models/order.rb": "# An order of the shop.\nclass Order < ApplicationRecord\n  def total = 0\nend\n",
        "app/models/customer.rb": "class Customer < ApplicationRecord\nend\n",
        "app/controllers/application_controller.rb": "class ApplicationController < ActionController::Base\nend\n",
        "app/controllers/orders_controller.rb": "class OrdersController < ApplicationController\n  def index\n    @orders = Order.all\n  end\n\n  private\n\n  def order_params; end\nend\n",
        "app/services/checkout.rb": "class Checkout\n  def self.call(order) = Billing::Invoice.new(order)\nend\n",
        "app/services/billing/invoice.rb": "module Billing\n  class Invoice\n    def initialize(order) = Tax.new(order, Customer)\n  end\nend\n",
        "app/services/billing/tax.rb": "module Billing\n  Tax = Struct.new(:order, :customer)\nend\n",
        "spec/rails_helper.rb": 'require "spec_helper"\nrequire_relative "../config/environment"\n',
        "spec/models/order_spec.rb": 'require "rails_helper"\n\nRSpec.describe Order do\nend\n',
      }),
    );
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("order")!.layer).toBe("core");
    expect(byId.get("order")!.tests).toEqual(["spec/models/order_spec.rb"]);
    expect(byId.get("checkout")!.layer).toBe("services");
    expect(byId.get("orders_controller")!.layer).toBe("interface");
    expect(byId.get("orders_controller")!.provides).toEqual(["OrdersController", "index"]);
    expect(byId.get("orders_controller")!.dependsOn.sort()).toEqual(["application_controller", "order"]);
    expect(byId.get("order")!.dependsOn).toEqual(["application_record"]);
    expect(byId.get("checkout")!.dependsOn).toEqual(["invoice"]);
    // `Tax` inside `module Billing` is `Billing::Tax`; `Customer` is the top-level model.
    expect(byId.get("invoice")!.dependsOn.sort()).toEqual(["customer", "tax"]);
  });

  it("init's specs pass the architecture gate, which reads Ruby requires: a later layer's file required by path or relatively fails it at its line; gems do not", () => {
    const root = makeProject(GEM);
    const d = discover(root);
    writeFiles(root, Object.fromEntries(specFiles(d, "tally")));
    expect(specFiles(d, "tally").get(".claude/layers/foundation/modules/VERSION_AGENT.md")).toContain("The Ruby module `lib/tally/version.rb`");
    const gate = () => {
      const spec = loadSpec(root);
      return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    };
    expect(gate()).toEqual([]);
    writeFiles(root, { "lib/tally/amount.rb": 'require "bigdecimal"\nrequire "tally/cli/main"\nrequire_relative "ledger/book"\n\nmodule Tally\n  class Amount\n  end\nend\n' });
    expect(gate()).toEqual(["lib/tally/amount.rb:2 tally/cli/main", "lib/tally/amount.rb:3 ./ledger/book"]);
  });
});

describe("Ruby source", () => {
  it("masking blanks comments, =begin blocks, strings, heredocs, %-literals, regexps and __END__; a require's string stays", () => {
    const code = [
      'require "tally/amount" # and "a comment"',
      'x = "a #{b["c"]} # d"',
      "=begin",
      "def hidden; end",
      "=end",
      "y = <<~SQL.strip + 'z'",
      "  class InHeredoc",
      "  SQL",
      "w = %w[def class] + %q(require 'no')",
      "r = /#not/ if a % 2",
      "class << self; end",
      "__END__",
      "def data; end",
    ].join("\n");
    const masked = maskSource(code, "ruby");
    expect(masked.split("\n")).toHaveLength(13);
    expect(masked).toContain('require "tally/amount"');
    expect(masked).not.toMatch(/a comment|InHeredoc|hidden|data|class\]|'no'|#not|# d/);
    expect(masked).toContain("if a % 2");
    expect(masked).toContain("class << self");
  });

  it("reads require, require_relative, load, autoload and the File.expand_path / File.join forms", () => {
    const code = [
      'require "shop/cart"',
      "require_relative 'money'",
      'require_relative "../lib/shop"',
      'autoload :Line, "shop/line"',
      'require File.expand_path("../store", __FILE__)',
      'require File.expand_path("store/sql", __dir__)',
      'require File.join(File.dirname(__FILE__), "a", "b")',
      'load "tasks/setup.rb"',
      'begin; require("optional"); rescue LoadError; end',
    ].join("\n");
    const refs = extractImports(maskSource(code, "ruby"), "ruby").map((r) => `${r.line} ${r.specifier}`);
    expect(refs).toEqual(["1 shop/cart", "2 ./money", "3 ../lib/shop", "4 shop/line", "5 ./store", "6 ./store/sql", "7 ./a/b", "8 tasks/setup.rb", "9 optional"]);
    expect(languageOf("ruby", "")).toBe("ruby");
    expect(languageOf("", 'require_relative "money"\n')).toBe("ruby");
  });
});
