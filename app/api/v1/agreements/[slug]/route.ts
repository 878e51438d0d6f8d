import { loadAgreement, loadCatalogRows } from "@/db/public";
import { json, notFound, preflight } from "@/lib/api/http";
import { agreementDetailJson } from "@/lib/api/serialize";
import { listCommitments, listQuerySchema } from "@/lib/commitment-list";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /api/v1/agreements/{slug}: one agreement with its commitments and milestones. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const agreement = loadAgreement(slug);
  if (!agreement) return notFound(`No agreement has the slug ${JSON.stringify(slug)}.`);
  const today = appToday();
  const rows = listCommitments(
    loadCatalogRows(),
    listQuerySchema(today).parse({ agreement: slug }),
    today,
    null,
    Infinity,
  ).rows;
  return json(agreementDetailJson(agreement, rows, today, siteOrigin(request.headers)));
}

export const OPTIONS = preflight;
