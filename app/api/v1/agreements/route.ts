import { loadAgreementIndex } from "@/db/public";
import { badRequest, json, preflight, searchParamsRecord } from "@/lib/api/http";
import { agreementSummaryJson, pagingMeta } from "@/lib/api/serialize";
import { AGREEMENT_PAGE_SIZE, agreementQuerySchema, listHref } from "@/lib/agreement-index";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/agreements: agreements with their status counts, filtered like /agreements, 25 a page;
 * a page past the last gives the last page, with `meta.pastLastPage` true.
 */
export function GET(request: Request) {
  const parsed = agreementQuerySchema.safeParse(searchParamsRecord(new URL(request.url)));
  if (!parsed.success) return badRequest(parsed.error);
  const query = parsed.data;
  const result = loadAgreementIndex(query);
  const origin = siteOrigin(request.headers);
  const base = `${origin}/api/v1/agreements`;
  const current = { ...query, page: result.page };
  const href = (page: number) => listHref(base, current, { page }, { sort: "active" });
  return json({
    data: result.rows.map((a) => agreementSummaryJson(a, origin)),
    meta: { total: result.total, ...pagingMeta(query.page, result.page, result.pages, AGREEMENT_PAGE_SIZE) },
    links: {
      self: href(result.page),
      next: result.page < result.pages ? href(result.page + 1) : null,
      prev: result.page > 1 ? href(result.page - 1) : null,
    },
  });
}

export const OPTIONS = preflight;
