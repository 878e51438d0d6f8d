import type { MetadataRoute } from "next";
import { headers } from "next/headers";

import { loadAgreements, loadCatalogRows } from "@/db/public";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/** /sitemap.xml: the public pages only (no staff, admin or sign-in pages). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = siteOrigin(await headers());
  return [
    { url: `${origin}/`, changeFrequency: "daily" },
    { url: `${origin}/commitments`, changeFrequency: "daily" },
    { url: `${origin}/deadlines`, changeFrequency: "daily" },
    { url: `${origin}/compare`, changeFrequency: "weekly" },
    ...loadAgreements().map((a) => ({ url: `${origin}/agreements/${a.slug}`, changeFrequency: "weekly" as const })),
    ...loadCatalogRows().map((r) => ({
      url: `${origin}/commitments/${r.id}`,
      lastModified: r.lastUpdatedOn ?? undefined,
      changeFrequency: "weekly" as const,
    })),
  ];
}
