/**
 * The public origin of the site ("https://tracker.example.org"), for canonical URLs, feeds, the
 * sitemap and embed snippets: `APP_URL` when set, else the request's Host (and X-Forwarded-Host and
 * -Proto behind a trusted proxy), else http://localhost:3000.
 *
 * The response cache keys on {@link siteOrigin} itself (lib/response-cache.ts), so a cached page and
 * the request it is served to always agree on the origin. scripts/server.ts has already judged the
 * headers (lib/forwarded.ts): forwarded headers are there only behind a trusted proxy, each holds a
 * single value, and a request whose Host is not a host name ({@link parseHost}) was refused with
 * 400 (RFC 9112 §3.2) before anything rendered.
 */

/** The fallback when a request names no usable host (a bare HTTP/1.0 request). */
export const DEFAULT_ORIGIN = "http://localhost:3000";

// reg-name labels (letters, digits, "-", "_" for container names) or an IPv6 literal, then an
// optional port: RFC 3986 §3.2.2–3.2.3, narrowed to what a browser can send.
const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9a-f:.]{2,45}\\])(?::([0-9]{1,5}))?$`);

/**
 * A Host (or X-Forwarded-Host) value in canonical form: trimmed and lower-cased ("Tracker.Example:8080"
 * → "tracker.example:8080"), or null when it is not a host name with an optional port (empty, a
 * list, spaces, quotes, a path, a port over 65535, more than 255 characters).
 */
export function parseHost(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const host = value.trim().toLowerCase();
  if (host.length === 0 || host.length > 255) return null;
  const match = HOST.exec(host);
  if (!match) return null;
  if (match[1] !== undefined && Number(match[1]) > 65535) return null;
  return host;
}

/**
 * The origin a request names, from X-Forwarded-Host (else Host) and X-Forwarded-Proto ("https"
 * when its first entry says so, else "http"); {@link DEFAULT_ORIGIN} when no usable host is named.
 * Ignores APP_URL.
 */
export function requestOrigin(headers: { get(name: string): string | null }): string {
  const host = parseHost(headers.get("x-forwarded-host") ?? headers.get("host"));
  if (!host) return DEFAULT_ORIGIN;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/** The site's public origin: `APP_URL` (without trailing slashes) when set, else {@link requestOrigin}. */
export function siteOrigin(headers: { get(name: string): string | null }): string {
  const configured = process.env.APP_URL?.trim().replace(/\/+$/, "");
  return configured || requestOrigin(headers);
}
