/**
 * Post-sign-in redirects: only a path on this site is honoured (an open redirect would let a link
 * send a freshly signed-in person anywhere).
 */
const FALLBACK = "/staff";

/**
 * `raw` when it is a same-site absolute path ("/staff/commitments/6?x=1"), else `fallback`.
 * Refuses scheme-relative ("//evil.example"), backslash tricks ("/\\evil"), control characters and
 * anything with a scheme.
 */
export function safeRedirectPath(raw: unknown, fallback = FALLBACK): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, "http://localhost");
    if (url.origin !== "http://localhost") return fallback;
    const path = url.pathname + url.search + url.hash;
    // Dot-segments collapse on parsing ("/.//evil" → "//evil"): check the normalised path again.
    if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
