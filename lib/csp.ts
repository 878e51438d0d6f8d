/**
 * The Content-Security-Policy of every response (docs/decisions/007-content-security-policy.md).
 * Three script policies, one set of other directives:
 *
 * - signed-in pages (/staff, /admin, /signin; never cached): a fresh nonce per request, made in
 *   proxy.ts and read back by Next from the request's CSP header, which puts it on its scripts;
 * - public HTML pages (cached for everyone): the SHA-256 hashes of their inline scripts, computed
 *   over the finished HTML by the server (lib/inline-script-hashes.ts, lib/hashed-csp.ts);
 * - everything else (JSON, feeds, CSV, SVG, assets): no inline script at all.
 *
 * None allows 'unsafe-inline' or 'unsafe-eval' for scripts, except `next dev` (React's dev tools
 * evaluate code and the dev server has no hashing layer). Sources: MDN "Content-Security-Policy",
 * https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/Content-Security-Policy, and the
 * Next.js guide https://nextjs.org/docs/app/guides/content-security-policy.
 */

/** Directives other than script-src, the same on every response. */
const OTHER_DIRECTIVES = [
  "default-src 'self'",
  // React sets style attributes (charts, progress bars); styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** Paths whose pages carry a nonce policy (set by proxy.ts); all are signed-in or sign-in pages, never cached. */
export const NONCE_PATH_PREFIXES = ["/staff", "/admin", "/signin"] as const;

/** Whether `pathname` is one of {@link NONCE_PATH_PREFIXES} or below it. */
export function isNoncePath(pathname: string): boolean {
  return NONCE_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** A policy whose script-src is `'self'` plus `sources` (nonces or hashes, already quoted). */
export function contentSecurityPolicy(sources: readonly string[] = [], { dev = false } = {}): string {
  const script = ["'self'", ...sources, ...(dev ? ["'unsafe-inline'", "'unsafe-eval'"] : [])];
  // With 'unsafe-inline' a browser ignores hashes and nonces; dev keeps it only without them.
  const scriptSrc = dev && sources.length ? script.filter((s) => s !== "'unsafe-inline'") : script;
  return [OTHER_DIRECTIVES[0], `script-src ${scriptSrc.join(" ")}`, ...OTHER_DIRECTIVES.slice(1)].join("; ");
}

/**
 * A fresh nonce: 128 random bits in base64 (the CSP spec asks for at least 128 bits,
 * https://w3c.github.io/webappsec-csp/#security-nonces).
 */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The nonce policy of a signed-in page. */
export function noncePolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return contentSecurityPolicy([`'nonce-${nonce}'`], options);
}
