import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { withDefaults } from "../../src/config/options.js";
import { isSecretName, sandboxEnv } from "../../src/sandbox/env.js";
import { compileSandboxOptions } from "../../src/sandbox/options.js";

describe("sandbox options", () => {
  it("default to bwrap without network", () => {
    expect(withDefaults({}).sandbox).toEqual({ mode: "bwrap", network: false, env: [], writable: [], readable: [], limits: { memoryMb: 8192, fileMb: 1024 } });
    expect(withDefaults(configSchema.parse({ sandbox: { mode: "none", env: ["NODE_ENV"] } })).sandbox).toMatchObject({ mode: "none", env: ["NODE_ENV"] });
  });

  it("refuse a secret's name in `sandbox.env`, naming the key", () => {
    expect(() => compileSandboxOptions({ env: ["NODE_ENV", "GITHUB_TOKEN"] })).toThrow(
      /^`sandbox\.env\.1`: Expected a name that does not hold a secret .*, got `GITHUB_TOKEN` \(string\)$/,
    );
    expect(configSchema.safeParse({ sandbox: { env: ["OPENAI_API_KEY"] } }).success).toBe(false);
    expect(configSchema.safeParse({ sandbox: { mode: "docker" } }).success).toBe(false);
    expect(configSchema.safeParse({ command: { run: "x", sandbox: true } }).success).toBe(true);
  });

  it("know a secret by its name", () => {
    for (const name of ["ANTHROPIC_API_KEY", "GITHUB_TOKEN", "AWS_SECRET", "DB_PASSWORD", "api_key", "AWS_SHARED_CREDENTIALS"]) expect(isSecretName(name)).toBe(true);
    for (const name of ["PATH", "KEYBOARD", "NODE_ENV", "TOKENIZER_PATH"]) expect(isSecretName(name)).toBe(false);
  });

  it("build the environment from the allow-list, the listed names and the set values", () => {
    const from = { PATH: "/bin", HOME: "/h", OTHER: "o", NODE_ENV: "test", NPM_TOKEN: "t", ANTHROPIC_API_KEY: "k" };
    expect(sandboxEnv(from, ["NODE_ENV", "NPM_TOKEN"], [], { CI: "1" })).toEqual({ PATH: "/bin", HOME: "/h", NODE_ENV: "test", CI: "1" });
    expect(sandboxEnv(from, [], ["ANTHROPIC_API_KEY"])).toEqual({ PATH: "/bin", HOME: "/h", ANTHROPIC_API_KEY: "k" });
  });
});
