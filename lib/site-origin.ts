/**
 * The public origin of the site ("https://tracker.example.org"), for canonical URLs, feeds, the
 * sitemap and embed snippets: `APP_URL` when set, else the request's Host (and X-Forwarded-Proto
 * behind a proxy), else http://localhost:3000.
 */
export function siteOrigin(headers: { get(name: string): string | null }): string {
  const configured = process.env.APP_URL?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[a-z0-9.[\]:-]+$/i.test(host)) return "http://localhost:3000";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
