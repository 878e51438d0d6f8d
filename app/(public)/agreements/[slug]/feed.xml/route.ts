import { getDb } from "@/db/client";
import { latestUpdates } from "@/db/queries/commitments";
import { loadAgreementRecord } from "@/db/public";
import { atomFeed } from "@/lib/feeds";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /agreements/{slug}/feed.xml: an Atom feed of one agreement's status updates. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const agreement = loadAgreementRecord(slug);
  if (!agreement)
    return new Response("No such agreement", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const origin = siteOrigin(request.headers);
  const page = `${origin}/agreements/${agreement.slug}`;
  const xml = atomFeed(
    {
      title: agreement.title,
      pageUrl: page,
      feedUrl: `${page}/feed.xml`,
      updatedWhenEmpty: agreement.signedOn ?? appToday(),
    },
    latestUpdates(getDb(), 50, { agreementSlug: slug }),
    origin,
  );
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
