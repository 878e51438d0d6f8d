import { getDb } from "@/db/client";
import { knownAgreements } from "@/db/public";
import { iterateCommitmentList } from "@/db/queries/list";
import { badRequest, CORS_HEADERS, searchParamsRecord } from "@/lib/api/http";
import { listQuerySchema } from "@/lib/commitment-list";
import { commitmentsCsvStream } from "@/lib/csv";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /commitments.csv: the filtered list (same parameters as /commitments), every page, as CSV. */
export function GET(request: Request) {
  const url = new URL(request.url);
  const today = appToday();
  const parsed = listQuerySchema(today, { agreements: knownAgreements }).safeParse(searchParamsRecord(url));
  if (!parsed.success) return badRequest(parsed.error);
  const query = parsed.data;
  // Streamed: the rows are read a chunk at a time while the response is written.
  const rows = iterateCommitmentList(getDb(), query, today);
  return new Response(commitmentsCsvStream(rows, query.asOf ?? today, siteOrigin(request.headers)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="accord-commitments-${query.asOf ?? today}.csv"`,
      ...CORS_HEADERS,
    },
  });
}
