import { getDb } from "@/db/client";
import { latestUpdates } from "@/db/queries/commitments";
import { atomFeed } from "@/lib/feeds";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /feed.xml: an Atom feed of the latest status updates of every agreement. */
export function GET(request: Request) {
  const origin = siteOrigin(request.headers);
  const xml = atomFeed(
    { title: "All status updates", pageUrl: `${origin}/`, feedUrl: `${origin}/feed.xml`, updatedWhenEmpty: appToday() },
    latestUpdates(getDb(), 50),
    origin,
  );
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
