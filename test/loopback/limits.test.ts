import { describe, expect, it } from "vitest";
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_MS, boundedServerOptions } from "../../src/loopback/limits.js";

describe("boundedServerOptions", () => {
  it("keeps the production times unless a caller lowers them", () => {
    expect(boundedServerOptions()).toEqual({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS });
    expect([HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_MS]).toEqual([10_000, 30_000, 30_000]);
    expect(boundedServerOptions({ headersTimeoutMs: 1000, checkIntervalMs: 100 })).toEqual({ headersTimeout: 1000, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 100 });
  });
});
