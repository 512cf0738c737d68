import type { Page } from "playwright-core";

/**
 * Records, in the page, every state a module node shows and when (the page's clock, which is
 * this machine's): added nodes with their first state, then each change of `data-state`.
 */
export async function recordStates(page: Page): Promise<void> {
  // A string: the tests are typed without the DOM library, and this runs in the page.
  await page.addInitScript({
    content: `
      window.__seen = [];
      const record = (el) => {
        if (el.tagName.toLowerCase() !== "g") return; // graph nodes only, not the list view's rows
        window.__seen.push({ module: el.getAttribute("data-module"), state: el.getAttribute("data-state"), at: Date.now() });
      };
      new MutationObserver((mutations) => {
        for (const m of mutations) {
          if (m.type === "attributes") record(m.target);
          else for (const n of m.addedNodes) {
            if (!(n instanceof Element)) continue;
            if (n.matches("[data-module]")) record(n);
            n.querySelectorAll("[data-module]").forEach(record);
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    `,
  });
}

export function seen(page: Page): Promise<{ module: string; state: string; at: number }[]> {
  return page.evaluate("window.__seen");
}

/** Each graph node's state as the page shows it now. */
export function nodeStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval("g[data-module]", (els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-module")!, e.getAttribute("data-state")!])));
}
