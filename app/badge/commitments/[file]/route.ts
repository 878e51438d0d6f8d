import etag from "etag";
import fresh from "fresh";

import { loadCommitment } from "@/db/public";
import { CORS_HEADERS } from "@/lib/api/http";
import { statusBadgeSvg } from "@/lib/badge";
import { parseRowId } from "@/lib/ids";

export const dynamic = "force-dynamic";

/**
 * GET /badge/commitments/{id}.svg: the commitment's status as a small SVG badge, cacheable with an
 * ETag and answered 304 Not Modified while it has not changed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^(\d+)\.svg$/.exec(file);
  const id = match ? parseRowId(match[1] ?? "") : null;
  const c = id === null ? null : loadCommitment(id);
  if (!c)
    return new Response("No such commitment", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const svg = statusBadgeSvg(`Commitment ${c.ref}`, c.status);
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    // Any cache may keep it but must check back each time (a 304 while it is unchanged), so an
    // embedded badge shows a new status as soon as the pages do.
    "Cache-Control": "public, no-cache",
    ETag: etag(svg),
    "X-Content-Type-Options": "nosniff",
    ...CORS_HEADERS,
  };
  if (fresh(Object.fromEntries(request.headers), { etag: headers.ETag })) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(svg, { headers });
}
