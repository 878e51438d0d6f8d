import { knownAgreements, loadCommitmentList } from "@/db/public";
import { badRequest, json, preflight, searchParamsRecord } from "@/lib/api/http";
import { commitmentJson, pagingMeta } from "@/lib/api/serialize";
import { listQuerySchema, PAGE_SIZE, queryString } from "@/lib/commitment-list";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/commitments: the list with the same filters as /commitments, paginated; a page past the
 * last gives the last page, with `meta.pastLastPage` true.
 */
export function GET(request: Request) {
  const url = new URL(request.url);
  const today = appToday();
  const parsed = listQuerySchema(today, { agreements: knownAgreements }).safeParse(searchParamsRecord(url));
  if (!parsed.success) return badRequest(parsed.error);
  const query = parsed.data;
  const result = loadCommitmentList(query, today, false);
  const origin = siteOrigin(request.headers);
  const base = `${origin}/api/v1/commitments`;
  const current = { ...query, page: result.page };
  return json({
    data: result.rows.map((r) => commitmentJson(r, result.day, origin)),
    meta: {
      total: result.total,
      ...pagingMeta(query.page, result.page, result.pages, PAGE_SIZE),
      asOf: query.asOf ?? null,
    },
    links: {
      self: `${base}${queryString(current, { page: result.page })}`,
      next: result.page < result.pages ? `${base}${queryString(current, { page: result.page + 1 })}` : null,
      prev: result.page > 1 ? `${base}${queryString(current, { page: result.page - 1 })}` : null,
      csv: `${origin}/commitments.csv${queryString(current)}`,
    },
  });
}

export const OPTIONS = preflight;
