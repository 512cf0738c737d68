/**
 * Front matter of flat `key: value` and `key: [a, b]` lines whose values are plain words and
 * paths (`owns: [pkg/a.py]`, `layer: core`), read without js-yaml; undefined for anything
 * else (quotes, comments, nesting, numbers, booleans, blank values), which js-yaml then
 * reads. Where it answers, it answers what js-yaml does (test/spec/simple-yaml.test.ts).
 */
export function simpleYaml(text: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const m = LINE.exec(line);
    // A repeated key is an error in js-yaml: let it say so.
    if (!m || Object.hasOwn(data, m[1]!) || m[1] === "__proto__" || NOT_A_STRING.test(m[1]!)) return undefined;
    const value = m[2]!;
    if (value.startsWith("[")) {
      if (!value.endsWith("]")) return undefined;
      const inner = value.slice(1, -1).trim();
      const items = inner === "" ? [] : inner.split(",").map((item) => item.trim());
      if (!items.every(isWord)) return undefined;
      data[m[1]!] = items;
    } else {
      if (!isWord(value)) return undefined;
      data[m[1]!] = value;
    }
  }
  return data;
}

const LINE = /^([A-Za-z_][\w-]*): (.*)$/;
/** A plain scalar that YAML reads as this very string: it starts with a letter and is no boolean or null. */
const WORD = /^[A-Za-z_][\w./-]*$/;
const NOT_A_STRING = /^(?:true|false|null)$/i;

function isWord(text: string): boolean {
  return WORD.test(text) && !NOT_A_STRING.test(text);
}
