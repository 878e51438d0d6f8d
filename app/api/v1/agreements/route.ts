import { loadAgreements } from "@/db/public";
import { json, preflight } from "@/lib/api/http";
import { agreementSummaryJson } from "@/lib/api/serialize";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/** GET /api/v1/agreements: every agreement with its status counts. */
export function GET(request: Request) {
  const origin = siteOrigin(request.headers);
  return json({ data: loadAgreements().map((a) => agreementSummaryJson(a, origin)) });
}

export const OPTIONS = preflight;
