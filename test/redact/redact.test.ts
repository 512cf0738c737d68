import { describe, expect, it } from "vitest";
import { createRedactor, isSecretName, secretValues, TOKEN_RULES } from "../../src/redact/index.js";
import { FAKE, rep } from "../helpers/fake-tokens.js";
import { cpuMs } from "../helpers/cpu-time.js";

const redactor = createRedactor({ env: {} });

describe("token shapes (one per rule)", () => {
  const cases: [string, string, string][] = [
    ["anthropic-key", FAKE.anthropic, "[REDACTED:anthropic-key]"],
    ["openai-key (project)", FAKE.openaiProject, "[REDACTED:openai-key]"],
    ["openai-key (legacy)", FAKE.openaiLegacy, "[REDACTED:openai-key]"],
    ["github-token (classic)", FAKE.github, "[REDACTED:github-token]"],
    ["github-token (oauth)", FAKE.githubOauth, "[REDACTED:github-token]"],
    ["github-token (fine-grained)", FAKE.githubFine, "[REDACTED:github-token]"],
    ["gitlab-token", FAKE.gitlab, "[REDACTED:gitlab-token]"],
    ["aws-access-key", FAKE.aws, "[REDACTED:aws-access-key]"],
    ["slack-token", FAKE.slack, "[REDACTED:slack-token]"],
    ["slack-token (app)", FAKE.slackApp, "[REDACTED:slack-token]"],
    ["slack-webhook", FAKE.slackWebhook, "https://[REDACTED:slack-webhook]"],
    ["google-api-key", FAKE.google, "[REDACTED:google-api-key]"],
    ["stripe-key", FAKE.stripe, "[REDACTED:stripe-key]"],
    ["npm-token", FAKE.npm, "[REDACTED:npm-token]"],
    ["huggingface-token", FAKE.huggingface, "[REDACTED:huggingface-token]"],
    ["jwt", FAKE.jwt, "[REDACTED:jwt]"],
  ];
  it.each(cases)("%s", (_, token, marker) => {
    expect(redactor.text(`token=${token} done`)).toBe(`token=${marker} done`);
    expect(redactor.text(`"${token}"`)).toBe(`"${marker}"`);
    expect(redactor.text(token)).toBe(marker);
  });

  it("bearer-token: the scheme stays, the token goes", () => {
    expect(redactor.text("Authorization: Bearer abc.DEF-123_456~789+xyz/==\n")).toBe("Authorization: Bearer [REDACTED:bearer-token]\n");
    expect(redactor.text("a bearer token is short")).toBe("a bearer token is short");
  });

  it("url-password: user and host stay, the password goes", () => {
    expect(redactor.text("git clone https://bob:hunter2hunter2@example.com/r.git")).toBe("git clone https://bob:[REDACTED:url-password]@example.com/r.git");
    expect(redactor.text("see https://example.com/a:b/c@d")).toBe("see https://example.com/a:b/c@d");
    // Redis's form has no user: `redis://:password@host`.
    expect(redactor.text("--queue redis://:s3cret-pw@queue-host:6379/0")).toBe("--queue redis://:[REDACTED:url-password]@queue-host:6379/0");
    expect(redactor.text("redis://queue-host:6379 and http://[::1]:8080/")).toBe("redis://queue-host:6379 and http://[::1]:8080/");
  });

  it("private-key: the whole block, any kind, and an unterminated one to the end", () => {
    for (const kind of ["RSA ", "", "OPENSSH ", "EC ", "ENCRYPTED ", "PGP "]) {
      const block = `-----BEGIN ${kind}PRIVATE KEY${kind === "PGP " ? " BLOCK" : ""}-----\nMIIEow${rep("IBAAKCAQEA", 64)}\n${rep("q8Zx", 64)}\n-----END ${kind}PRIVATE KEY${kind === "PGP " ? " BLOCK" : ""}-----`;
      expect(redactor.text(`before\n${block}\nafter`)).toBe("before\n[REDACTED:private-key]\nafter");
    }
    expect(redactor.text("x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nQmFzZTY0")).toBe("x\n[REDACTED:private-key]");
    expect(redactor.text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).toBe("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
  });

  it("leaves ordinary text alone: words, paths, hashes, ids that merely start alike", () => {
    const text = [
      "sk-learn is not a key; task-ant-colony; ghp_short; AKIA123; eyJ alone; xoxb-1",
      "commit 3f9a1c2e7b8d4f6a0e1c2b3d4f5a6b7c8d9e0f1a, src/skills/sk-proj.ts",
      "https://example.com:8080/path?q=1 and user@example.com",
    ].join("\n");
    expect(redactor.text(text)).toBe(text);
  });

  it("every rule is exercised above", () => {
    const ids = new Set(TOKEN_RULES.map((r) => r.id));
    expect([...ids].sort()).toEqual(
      ["anthropic-key", "aws-access-key", "bearer-token", "github-token", "gitlab-token", "google-api-key", "huggingface-token", "jwt", "npm-token", "openai-key", "slack-token", "slack-webhook", "stripe-key", "url-password"].sort(),
    );
  });

  it("each rule's prefix is how every match of it starts: a text with none of them holds no token", () => {
    for (const rule of TOKEN_RULES) {
      const body = rule.source.replace(/^\(\?<![^)]*\)/, "");
      expect(body.startsWith(rule.prefix), rule.id).toBe(true);
      // A whole part of the expression: no quantifier of its last atom after it, no alternative outside a group in it.
      expect("*+?{".includes(body[rule.prefix.length] ?? ""), rule.id).toBe(false);
      expect(rule.prefix.replace(/\([^()]*\)/g, "").includes("|"), rule.id).toBe(false);
    }
  });

  it("is idempotent: a redacted text redacts to itself", () => {
    const once = redactor.text(Object.values(FAKE).join("\n"));
    expect(redactor.text(once)).toBe(once);
    for (const token of Object.values(FAKE)) expect(once).not.toContain(token);
  });
});

describe("secret environment variables", () => {
  const env = {
    ANTHROPIC_API_KEY: "local-proxy-key-1234",
    OPENAI_API_KEY: "ollama-does-not-check",
    MY_SERVICE_TOKEN: "tok en with spaces",
    DB_PASSWORD: 'pa"ss\\word99',
    CLIENT_SECRET: "s3cr3t-value",
    AWS_ACCESS_KEY_ID: "AKIDNOTASHAPEDKEY",
    SHORT_KEY: "1234567",
    HOME: "/home/someone/long",
    PATH: "/usr/bin:/bin",
  };

  it("names ending in KEY, TOKEN, SECRET, PASSWORD (and known providers' names) are secret", () => {
    expect(["ANTHROPIC_API_KEY", "GITHUB_TOKEN", "client_secret", "DB_PASSWORD", "AWS_ACCESS_KEY_ID", "GPG_PASSPHRASE"].every(isSecretName)).toBe(true);
    expect(["HOME", "PATH", "KEYBOARD", "TOKENIZER_PATH", "SECRETS_DIR"].some(isSecretName)).toBe(false);
  });

  it("values under 8 characters are ignored (not credentials; redacting them would blank ordinary words)", () => {
    expect(secretValues(env).map((s) => s.name).sort()).toEqual(["ANTHROPIC_API_KEY", "AWS_ACCESS_KEY_ID", "CLIENT_SECRET", "DB_PASSWORD", "MY_SERVICE_TOKEN", "OPENAI_API_KEY"]);
  });

  it("each value is replaced by a marker naming its variable, shapeless values included", () => {
    const r = createRedactor({ env });
    const text = `key ${env.ANTHROPIC_API_KEY}, ${env.OPENAI_API_KEY}; ${env.MY_SERVICE_TOKEN}! ${env.CLIENT_SECRET} ${env.AWS_ACCESS_KEY_ID} ${env.SHORT_KEY} ${env.HOME}`;
    expect(r.text(text)).toBe("key [REDACTED:ANTHROPIC_API_KEY], [REDACTED:OPENAI_API_KEY]; [REDACTED:MY_SERVICE_TOKEN]! [REDACTED:CLIENT_SECRET] [REDACTED:AWS_ACCESS_KEY_ID] 1234567 /home/someone/long");
  });

  it("JSON text: values are found escaped too, and the result stays the same JSON", () => {
    const r = createRedactor({ env });
    const json = JSON.stringify({ out: `password ${env.DB_PASSWORD} and ${FAKE.github}`, n: 1, list: [env.CLIENT_SECRET] });
    const out = r.json(json);
    expect(JSON.parse(out)).toEqual({ out: "password [REDACTED:DB_PASSWORD] and [REDACTED:github-token]", n: 1, list: ["[REDACTED:CLIENT_SECRET]"] });
    expect(r.json('{"a":"nothing here"}')).toBe('{"a":"nothing here"}');
  });

  it("extra values (a config's command env) are redacted like the environment's", () => {
    const r = createRedactor({ env: {}, values: [{ name: "command.env.API_KEY", value: "from-the-config-file" }] });
    expect(r.text("x from-the-config-file y")).toBe("x [REDACTED:command.env.API_KEY] y");
  });
});

describe("streams (a child's output arriving in chunks)", () => {
  it("finds a token cut between two chunks, and a key block spread over many", () => {
    const s = createRedactor({ env: {} }).stream();
    const token = FAKE.github;
    const pieces = [`line one ${token.slice(0, 10)}`, `${token.slice(10)} end\n-----BEGIN RSA PRIV`, "ATE KEY-----\nMIIEow\n", "QmFzZTY0\n-----END RSA PRIVATE KEY-----\nafter\ntail"];
    const out = pieces.map((p) => s.push(p)).join("") + s.end();
    expect(out).toBe("line one [REDACTED:github-token] end\n[REDACTED:private-key]\nafter\ntail");
  });

  it("lets a line with no newline through past 64 KB instead of holding it all", () => {
    const s = createRedactor({ env: {} }).stream();
    expect(s.push("a".repeat(70_000)).length).toBe(70_000);
    expect(s.end()).toBe("");
  });
});

describe("hostile input stays linear", () => {
  // Each input is the worst case of one pattern: a prefix repeated so that a backtracking
  // pattern would rescan the rest of the text from every occurrence.
  const MB = 1 << 20;
  const inputs: [string, string][] = [
    ["eyJ runs", rep("eyJ", MB)],
    ["sk- runs", rep("sk-ant-sk-proj-", MB)],
    ["ghp_ runs", rep("ghp_ab", MB)],
    ["BEGIN lines without END", rep("-----BEGIN RSA PRIVATE KEY-----\n", MB)],
    [":// without @", rep("://a:b", MB)],
    ["bearer words", rep("Bearer Bearer ", MB)],
    ["AKIA runs", rep("AKIAAKIA", MB)],
    ["no secret at all", rep("lorem ipsum dolor sit amet ", MB)],
  ];
  it.each(inputs)("%s (1 MB)", (_, text) => {
    const r = createRedactor({ env: { SOME_TOKEN: "abcdefgh12345678" } });
    const started = cpuMs();
    r.text(text);
    // Linear work on 1 MB takes milliseconds; a quadratic pattern would take minutes.
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
