/**
 * Well-known token shapes. The shapes (prefixes, alphabets and lengths) follow the
 * maintained rule sets of gitleaks (`config/gitleaks.toml`, MIT) and secretlint's
 * `@secretlint/secretlint-rule-preset-recommend` (MIT), written anew here because neither
 * fits this path: secretlint's API is asynchronous, gitleaks is a Go program, and both
 * favour recall on source files over speed on every write. Kept to shapes with a fixed
 * prefix, so that a hit is almost never a false one.
 *
 * Every pattern is linear on hostile input: each starts where a token run starts
 * (a lookbehind on the run's own alphabet, so a run of `eyeyey...` is tried once, not
 * once per offset), has no nested quantifier, and nothing after an unbounded run that
 * could fail and make it backtrack across the run for each start.
 */
export interface TokenRule {
  /** Shown in the marker: `[REDACTED:github-token]`. */
  id: string;
  /** Source of a JavaScript regular expression, without flags. */
  source: string;
  /** The capture group holding the secret when only part of the match is one (the rest is kept). */
  group?: number;
  /**
   * The start of `source` after its lookbehind, as a regular expression of its own: every
   * match begins with it. A text none of the prefixes occur in holds no token (the redactor
   * looks for them first, a quarter of the time the rules' expression takes on a clean prompt).
   */
  prefix: string;
}

/** A token run may not start right after one of these. */
const START = "(?<![A-Za-z0-9_-])";
/** ... and a fixed-length token may not go on after its end. */
const END = "(?![A-Za-z0-9])";

export const TOKEN_RULES: readonly TokenRule[] = [
  // Anthropic: sk-ant-api03-..., sk-ant-admin01-..., sk-ant-oat01-...
  { id: "anthropic-key", source: `${START}sk-ant-[A-Za-z0-9_-]{20,}`, prefix: "sk-ant-" },
  // OpenAI: project, service-account and admin keys, and the older keys with `T3BlbkFJ` inside.
  { id: "openai-key", source: `${START}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}`, prefix: "sk-" },
  { id: "openai-key", source: `${START}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${END}`, prefix: "sk-" },
  // GitHub: personal, OAuth, user-to-server, server-to-server and refresh tokens; fine-grained PATs.
  { id: "github-token", source: `${START}gh[pousr]_[A-Za-z0-9]{36,}`, prefix: "gh[pousr]_" },
  { id: "github-token", source: `${START}github_pat_[A-Za-z0-9_]{22,}`, prefix: "github_pat_" },
  { id: "gitlab-token", source: `${START}glpat-[A-Za-z0-9_-]{20,}`, prefix: "glpat-" },
  // AWS access key ids (the secret key has no shape: it is caught as an environment value).
  { id: "aws-access-key", source: `${START}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${END}`, prefix: "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)" },
  { id: "slack-token", source: `${START}xox[abeprs]-[A-Za-z0-9-]{10,}`, prefix: "xox[abeprs]-" },
  { id: "slack-token", source: `${START}xapp-[0-9]-[A-Za-z0-9-]{10,}`, prefix: "xapp-" },
  { id: "slack-webhook", source: "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,}", prefix: "hooks\\.slack\\.com/" },
  { id: "google-api-key", source: `${START}AIza[A-Za-z0-9_-]{35}${END}`, prefix: "AIza" },
  { id: "stripe-key", source: `${START}(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}`, prefix: "(?:sk|rk)_" },
  { id: "npm-token", source: `${START}npm_[A-Za-z0-9]{36,}`, prefix: "npm_" },
  { id: "huggingface-token", source: `${START}hf_[A-Za-z]{34,}`, prefix: "hf_" },
  // A JSON Web Token: base64url of `{"` starts the header and the payload.
  { id: "jwt", source: `${START}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*`, prefix: "eyJ" },
  // `Authorization: Bearer <token>`: the word is kept, the token goes.
  { id: "bearer-token", source: "(?<![A-Za-z0-9])(?:[Bb]earer|BEARER)[ \\t]{1,8}([A-Za-z0-9._~+/-]{16,}=*)", group: 1, prefix: "(?:[Bb]earer|BEARER)" },
  // Credentials in a URL, `scheme://user:password@host` (secretlint's basicauth rule): the password goes.
  // The user may be empty: Redis's `redis://:password@host`. Bounded and stopped by `:` `/` `@`,
  // so that a run of `://` costs a constant per occurrence.
  { id: "url-password", source: "://[^\\s:/@]{0,128}:([^\\s/@]{1,256})@", group: 1, prefix: "://" },
];
