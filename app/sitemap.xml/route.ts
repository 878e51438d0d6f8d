import { getDb } from "@/db/client";
import { sitemapPartChunks, sitemapPartCount } from "@/db/queries/sitemap";
import { sitemapIndexXml, urlsetXmlStream } from "@/lib/sitemap";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/**
 * /sitemap.xml: the public pages only (no staff, admin or sign-in pages). Up to the protocol's
 * 50,000 URLs it is the sitemap itself, streamed a chunk of rows at a time; past that, a sitemap
 * index of /sitemap/0.xml, /sitemap/1.xml, ….
 */
export function GET(request: Request) {
  const origin = siteOrigin(request.headers);
  const db = getDb();
  const parts = sitemapPartCount(db);
  const body = parts > 1 ? sitemapIndexXml(origin, parts) : urlsetXmlStream(sitemapPartChunks(db, origin, 0) ?? []);
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
