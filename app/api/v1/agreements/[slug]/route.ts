import { getDb } from "@/db/client";
import { agreementApiPage } from "@/db/queries/agreement-api";
import { badRequest, json, notFound, preflight, searchParamsRecord } from "@/lib/api/http";
import { agreementDetailJson } from "@/lib/api/serialize";
import { listQuerySchema } from "@/lib/commitment-list";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/agreements/{slug}: one agreement with a page (`page`, 25 a page, as
 * /api/v1/commitments) of its commitments and milestones; a page past the last gives the last page,
 * with `meta.pastLastPage` true; a `page` that is not a page number is a 400 naming it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const today = appToday();
  const asked = searchParamsRecord(new URL(request.url)).page;
  const parsed = listQuerySchema(today).pick({ page: true }).safeParse({ page: asked });
  if (!parsed.success) return badRequest(parsed.error);
  const page = agreementApiPage(getDb(), slug, parsed.data.page, today);
  if (!page) return notFound(`No agreement has the slug ${JSON.stringify(slug)}.`);
  return json(agreementDetailJson(page, parsed.data.page, today, siteOrigin(request.headers)));
}

export const OPTIONS = preflight;
