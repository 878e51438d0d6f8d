import { loadAgreementSlugs, loadCatalogRows, searchIds } from "@/db/public";
import { badRequest, CORS_HEADERS, searchParamsRecord } from "@/lib/api/http";
import { listCommitments, listQuerySchema } from "@/lib/commitment-list";
import { commitmentsCsv } from "@/lib/csv";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /commitments.csv: the filtered list (same parameters as /commitments), every page, as CSV. */
export function GET(request: Request) {
  const url = new URL(request.url);
  const today = appToday();
  const parsed = listQuerySchema(today, { agreements: loadAgreementSlugs() }).safeParse(searchParamsRecord(url));
  if (!parsed.success) return badRequest(parsed.error);
  const query = parsed.data;
  const result = listCommitments(loadCatalogRows(), query, today, query.q ? searchIds(query.q) : null, Infinity);
  return new Response(commitmentsCsv(result.rows, result.day, siteOrigin(request.headers)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="accord-commitments-${query.asOf ?? today}.csv"`,
      ...CORS_HEADERS,
    },
  });
}
