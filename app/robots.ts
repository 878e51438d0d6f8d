import type { MetadataRoute } from "next";
import { headers } from "next/headers";

import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/** /robots.txt: public pages may be indexed; staff, admin, sign-in and the auth API may not. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = siteOrigin(await headers());
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/staff", "/admin", "/signin", "/api/auth"] },
    sitemap: `${origin}/sitemap.xml`,
  };
}
