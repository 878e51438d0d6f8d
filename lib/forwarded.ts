/**
 * Headers that a reverse proxy adds (X-Forwarded-Host, -Proto, -For, Forwarded, X-Real-IP) are
 * believed only when `TRUST_PROXY` says a proxy is in front (lib/env.ts). scripts/server.ts calls
 * {@link normaliseForwardedHeaders} on every request before anything else reads it, so the site
 * origin (lib/site-origin.ts), Next's server-action origin check, Auth.js, the response cache's key
 * and the sign-in throttle all see the same, already-judged headers:
 *
 * - without a trusted proxy, every forwarded header a client sent is removed;
 * - with one, a forwarded header whose value is empty or only spaces is removed (an empty header
 *   and an absent one mean the same thing everywhere), and X-Forwarded-Host and -Proto keep only
 *   their first entry (the address the first proxy was asked for, MDN "X-Forwarded-Host"), so Next's
 *   server-action check (which reads the first entry), Auth.js (which reads the whole value) and
 *   the site origin read one value;
 * - {@link CLIENT_ADDRESS_HEADER} is always replaced by the server: the socket's peer address, or,
 *   behind a trusted proxy, the last X-Forwarded-For entry (the address the proxy itself saw; the
 *   entries before it are the client's own claims, MDN "X-Forwarded-For", "Security and privacy").
 */
import type { IncomingMessage } from "node:http";

/** Request header carrying the client's address as the server judged it (never the client's word). */
export const CLIENT_ADDRESS_HEADER = "x-accord-client-address";

/** Forwarded headers a proxy sets; removed from requests unless a proxy is trusted. */
export const FORWARDED_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-for",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
] as const;

/**
 * Rewrite `req.headers` in place as described in the module comment.
 * @param trustProxy `readEnv().TRUST_PROXY`.
 */
export function normaliseForwardedHeaders(req: IncomingMessage, trustProxy: boolean): void {
  const headers = req.headers;
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(",") : value;
    if (!trustProxy || text.trim() === "") delete headers[name];
    else if (name === "x-forwarded-host" || name === "x-forwarded-proto") {
      const first = text.split(",")[0]?.trim() ?? "";
      if (first === "") delete headers[name];
      else headers[name] = first;
    }
  }
  let address = req.socket.remoteAddress ?? "";
  if (trustProxy) {
    const hops = String(headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    address = hops.at(-1) ?? address;
  }
  headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:/, "") || "unknown";
}

/** The client address as {@link normaliseForwardedHeaders} recorded it, or "unknown". */
export function clientAddress(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
