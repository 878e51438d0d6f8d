import { loadCommitment } from "@/db/public";
import { CORS_HEADERS } from "@/lib/api/http";
import { statusBadgeSvg } from "@/lib/badge";
import { parseRowId } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** GET /badge/commitments/{id}.svg: the commitment's status as a small, cacheable SVG badge. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^(\d+)\.svg$/.exec(file);
  const id = match ? parseRowId(match[1] ?? "") : null;
  const c = id === null ? null : loadCommitment(id);
  if (!c)
    return new Response("No such commitment", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(statusBadgeSvg(`Commitment ${c.ref}`, c.status), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // Shared caches may keep it five minutes; a write shows within that time at the latest.
      "Cache-Control": "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
      "X-Content-Type-Options": "nosniff",
      ...CORS_HEADERS,
    },
  });
}
