import { getDb } from "@/db/client";
import { latestUpdates } from "@/db/queries/commitments";
import { loadCommitment } from "@/db/public";
import { atomFeed } from "@/lib/feeds";
import { parseRowId } from "@/lib/ids";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /commitments/{id}/feed.xml: an Atom feed of one commitment's status updates. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = parseRowId(raw);
  const c = id === null ? null : loadCommitment(id);
  if (!c)
    return new Response("No such commitment", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const origin = siteOrigin(request.headers);
  const page = `${origin}/commitments/${c.id}`;
  const xml = atomFeed(
    {
      title: c.title,
      pageUrl: page,
      feedUrl: `${page}/feed.xml`,
      updatedWhenEmpty: c.agreement.signedOn ?? appToday(),
    },
    latestUpdates(getDb(), 50, { commitmentId: c.id }),
    origin,
  );
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
