/**
 * Evidence: the links that support a status (DESIGN.md, "evidence").
 *
 * Only absolute http(s) URLs without a user name or password are accepted, checked after trimming
 * and case-folding the scheme (WHATWG URL parsing lower-cases it), so `javascript:`, `data:`,
 * `JaVaScRiPt:`, relative URLs and `https://trusted@evil.example` never reach a page.
 */
export const EVIDENCE_KINDS = ["official", "joint", "media", "document", "other"] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  official: "Official",
  joint: "Joint statement",
  media: "Media report",
  document: "Document",
  other: "Other",
};

/**
 * Returns the normalised URL when `raw` is an absolute http: or https: URL, else `null`.
 * Source of the parsing rules: the WHATWG URL Standard, as implemented by Node's `URL`.
 */
export function safeHttpUrl(raw: string): string | null {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  // "https://official.gov@evil.example/" shows one site and opens another: no credentials in links.
  if (url.username || url.password) return null;
  return url.href;
}
