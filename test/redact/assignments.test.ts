import { describe, expect, it } from "vitest";
import { createRedactor } from "../../src/redact/index.js";
import { cpuMs } from "../helpers/cpu-time.js";

const redactor = createRedactor({ env: {} });
const M = "[REDACTED:secret-value]";

describe("values given to secret-named keys", () => {
  const redacted: [string, string][] = [
    ["password=hunter2hunter2", `password=${M}`],
    ["PASSWORD: s3cr3t-pa55", `PASSWORD: ${M}`],
    ['db_password="hunter2hunter2"', `db_password="${M}"`],
    ["DB_PASSWORD='p@ss w0rd'.split", "DB_PASSWORD='p@ss w0rd'.split"], // a space: not one value
    ["export DB_PASSWORD=Tr0ub4dor&3", `export DB_PASSWORD=${M}&3`],
    ["secret=abc123def456", `secret=${M}`],
    ["client_secret: 9f8e7d6c5b4a", `client_secret: ${M}`],
    ["token=abc123def456ghi", `token=${M}`],
    ["connecting with token = 0a1b2c3d4e5f, retrying", `connecting with token = ${M}, retrying`],
    ['{"api_key": "k3y-v4lue-x"}', `{"api_key": "${M}"}`],
    ["--access-key=AB12CD34EF56 --region eu", `--access-key=${M} --region eu`],
    ["GET /cb?token=abc123def456&page=2", `GET /cb?token=${M}&page=2`],
    ["passphrase: correct-horse-battery-staple", `passphrase: ${M}`],
  ];
  it.each(redacted)("redacts %s", (input, output) => {
    expect(redactor.text(input)).toBe(output);
  });

  const code: string[] = [
    'password = request.form["password"]',
    "token=token",
    "login(user, password=password)",
    "self.api_key = api_key",
    "password=self.password_hash",
    "secret: SecretStr = Field(default=None)",
    "token: string;",
    "const token = await getAccessToken(user);",
    "token=fetch2fa(user)",
    "password: Optional[str] = None",
    'if password == "hunter2hunter2":',
    "if (token !== previousToken2) {",
    "const byToken = (token) => token.length;",
    "DB_PASSWORD=$DB_PASSWORD_FROM_VAULT",
    "password: ${{ secrets.DB_PASSWORD }}",
    "api_key: <your-api-key-here>",
    "TOKEN=process.env.GITHUB_TOKEN",
    "max_tokens=4096",
    "token_count: 12345678",
    "password_min_length: 12345678",
    "let token = Token::new(input);",
    "password: ********",
    "token=undefined",
  ];
  it.each(code)("leaves code alone: %s", (input) => {
    expect(redactor.text(input)).toBe(input);
  });

  it("keeps the marker of a token or an env value found first", () => {
    const env = createRedactor({ env: { DB_PASSWORD: "hunter2hunter2" } });
    expect(env.text("password=hunter2hunter2")).toBe("password=[REDACTED:DB_PASSWORD]");
  });

  it("works on a stream and inside JSON strings", () => {
    const stream = redactor.stream();
    expect(stream.push("db: connect password=hun") + stream.push("ter2hunter2\n")).toBe(`db: connect password=${M}\n`);
    expect(redactor.json(JSON.stringify({ log: "password=hunter2hunter2" }))).toBe(JSON.stringify({ log: `password=${M}` }));
  });

  it("stays linear on hostile input", () => {
    const hostile = "password=".repeat(20_000) + "token:".repeat(20_000) + `secret="${"a1".repeat(200)}`;
    const started = cpuMs();
    redactor.text(hostile);
    expect(cpuMs() - started).toBeLessThan(500);
  });
});
