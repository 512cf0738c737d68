import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { bearerToken, digest, localOrigin, loopbackHosts, sameSecret } from "../../loopback/guard.js";

export interface GuardOptions {
  token: string;
  /** The port we listen on, known once listening. */
  port: () => number;
}

/** Per port: cookies ignore ports, and two dashboards must not overwrite each other's. */
export const cookieName = (port: number) => `orchestrate_dashboard_${port}`;

/**
 * The checks of `mcp --http` (Host names us, a browser's Origin is a local page, the secret in
 * constant time), then the token from the first URL (`?token=`), kept as an HttpOnly,
 * SameSite=Strict cookie so it leaves the address bar and scripts never see it. A page load
 * with the token is redirected to the same address without it. Requests that change
 * something must come from our own origin: SameSite lets another localhost port through.
 */
export function guard(options: GuardOptions): MiddlewareHandler {
  const expected = digest(options.token);
  return async (c, next) => {
    const port = options.port();
    const hosts = loopbackHosts(port);
    if (!hosts.includes(c.req.header("host") ?? "")) return c.json({ error: `Forbidden: expected Host ${hosts.join(" or ")}` }, 403);
    const origin = c.req.header("origin");
    if (!localOrigin(origin)) return c.json({ error: "Forbidden: requests from web pages are accepted only from this machine (Origin on localhost)" }, 403);
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
      return c.json({ error: "Forbidden: actions are accepted only from the dashboard's own page" }, 403);
    }
    const fromUrl = c.req.query("token");
    const bearer = bearerToken(c.req.header("authorization"));
    const given = fromUrl ?? bearer ?? getCookie(c, cookieName(port)) ?? "";
    if (!sameSecret(given, expected)) {
      return c.json({ error: "Unauthorized: open the URL `orchestrate dashboard` printed (it carries `?token=`), or send `Authorization: Bearer <token>`" }, 401, {
        "www-authenticate": 'Bearer realm="orchestrate"',
      });
    }
    if (fromUrl !== undefined) {
      setCookie(c, cookieName(port), options.token, { httpOnly: true, sameSite: "Strict", path: "/" });
      if (c.req.method === "GET" && !c.req.path.startsWith("/api/")) {
        const url = new URL(c.req.url);
        url.searchParams.delete("token");
        // One leading slash: a Location of `//host/...` (or `/\host`) is another site to a browser.
        return c.redirect(`${url.pathname.replace(/^[/\\]+/, "/")}${url.search}${url.hash}`, 303);
      }
    }
    await next();
  };
}
