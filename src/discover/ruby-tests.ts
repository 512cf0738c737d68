import { posix } from "node:path";
import type { Unit } from "./group.js";

/** A Ruby test's name (`cart_spec.rb`, `cart_test.rb`, `test_cart.rb`); `test_helper.rb` is none. */
export const RUBY_TEST = /^test_(?!helper\.rb$).*\.rb$|_(?:test|spec)\.rb$/;

/**
 * The module a Ruby test tests, by the path it mirrors: RSpec's `spec/shop/cart_spec.rb` and
 * minitest's `test/shop/cart_test.rb` test `lib/shop/cart.rb`; `spec/models/order_spec.rb`
 * tests a Rails app's `app/models/order.rb`. The file whose path ends with the test's path
 * below its `spec/` or `test/` folder, else the one file of its name.
 */
export class RubyMirror {
  private readonly byName = new Map<string, string[]>();

  constructor(private readonly units: ReadonlyMap<string, Unit>) {
    for (const file of units.keys()) {
      if (!file.endsWith(".rb")) continue;
      const name = posix.basename(file);
      this.byName.set(name, [...(this.byName.get(name) ?? []), file]);
    }
  }

  testedBy(test: string): Unit | undefined {
    if (!RUBY_TEST.test(posix.basename(test))) return undefined;
    const name = posix.basename(test).replace(/_(?:spec|test)\.rb$/, ".rb").replace(/^test_/, "");
    const candidates = this.byName.get(name) ?? [];
    const below = /(?:^|\/)(?:spec|specs|test|tests)\/(.*)$/.exec(posix.dirname(test))?.[1];
    const tail = below ? `/${below}/${name}` : undefined;
    const mirrored = tail ? candidates.filter((f) => `/${f}`.endsWith(tail)) : [];
    const file = mirrored.length === 1 ? mirrored[0] : candidates.length === 1 ? candidates[0] : undefined;
    return file === undefined ? undefined : this.units.get(file);
  }
}
