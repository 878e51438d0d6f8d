import { loadAgreements } from "@/db/public";
import { json, preflight } from "@/lib/api/http";
import { agreementSummaryJson } from "@/lib/api/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v1/agreements: every agreement with its status counts. */
export function GET(request: Request) {
  const origin = new URL(request.url).origin;
  return json({ data: loadAgreements().map((a) => agreementSummaryJson(a, origin)) });
}

export const OPTIONS = preflight;
