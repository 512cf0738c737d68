import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTemplate, type PromptVars } from "../../src/run/prompt.js";

/** How templates were rendered before they were cut once: two regex passes over each template. */
function byRegex(template: string, vars: PromptVars): string {
  const has = (name: string) => vars[name] !== undefined && String(vars[name]).trim() !== "";
  return template
    .replace(/\{\{#(\w+)\}\}\n?([\s\S]*?)\{\{\/\1\}\}\n?/g, (_, name: string, body: string) => (has(name) ? body : ""))
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => (has(name) ? String(vars[name]) : ""));
}

describe("renderTemplate", () => {
  const bundled = readdirSync("templates/prompts").map((f) => readFileSync(join("templates/prompts", f), "utf8"));
  const odd = [
    "",
    "no variables at all",
    "{{a}}{{b}}{{a}}",
    "{{#a}}\nA {{a}}\n{{/a}}\n{{#b}}B{{/b}}tail {{c}}",
    "{{#a}}outer {{#b}}inner{{/b}} rest{{/a}} {{b}}",
    "{{#a}}never closed {{a}}",
    "{{{{#a}}x{{/a}}b}}",
    "{{#a}}{{/a}}{{#a}}twice {{a}}{{/a}}",
    "{{ a }} {{#}} {{/a}} {{a-b}}",
  ];
  const values: PromptVars[] = [
    {},
    { a: "1", b: "two", c: 3 },
    { a: "  ", b: "", c: 0 },
    // Blank by every white space that trim removes, and not blank by one character that it keeps.
    { a: " \t\n\r\v\f\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff", b: "\u200b", c: "\n x \n" },
    { a: "{{b}}", b: "{{#a}}x{{/a}}", module: "m", layer: "l", spec: "the spec {{module}}", files: "- f", dependencies: "- d", memories: "- m", previousError: "e", previousAttempt: 1, contextNote: "n" },
    { request: "r", task: "t", acceptance: "- a", module: "m", layer: "l", files: "- f", specFile: "s.md", spec: "x" },
  ];

  it("renders every template as two regex passes would, whichever sections are kept", () => {
    for (const template of [...bundled, ...odd]) {
      for (const vars of values) {
        // Twice: the second render comes from what the first cut.
        expect(renderTemplate(template, vars)).toBe(byRegex(template, vars));
        expect(renderTemplate(template, vars)).toBe(byRegex(template, vars));
      }
    }
  });
});

describe("the analyze template", () => {
  it("has a question answered first, not only a review's findings", () => {
    const template = readFileSync("templates/prompts/analyze.md", "utf8");
    const prompt = renderTemplate(template, { request: "how is the price of a parcel computed?", module: "quote", layer: "services", files: "- internal/quote/quote.go", specFile: "Q.md", spec: "x" });
    // Before: the question came with a review's instructions alone, and its findings answered none of it.
    expect(prompt).toMatch(/Where the request asks something \(how the code does a thing,\nwhether it does one\), answer that first from this module's code/);
  });
});
