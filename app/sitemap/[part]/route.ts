import { getDb } from "@/db/client";
import { sitemapPartChunks } from "@/db/queries/sitemap";
import { parsePart, urlsetXmlStream } from "@/lib/sitemap";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/**
 * /sitemap/N.xml: part N of the sitemap (at most 50,000 URLs; lib/sitemap.ts), streamed a chunk of
 * rows at a time; 404 past the last.
 */
export async function GET(request: Request, { params }: { params: Promise<{ part: string }> }) {
  const part = parsePart((await params).part);
  const chunks = part === null ? null : sitemapPartChunks(getDb(), siteOrigin(request.headers), part);
  if (chunks === null) {
    return new Response("No such sitemap part.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(urlsetXmlStream(chunks), { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
