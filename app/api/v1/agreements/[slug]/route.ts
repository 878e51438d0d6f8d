import { getDb } from "@/db/client";
import { loadAgreement } from "@/db/public";
import { iterateCommitmentList } from "@/db/queries/list";
import { json, notFound, preflight } from "@/lib/api/http";
import { agreementDetailJson } from "@/lib/api/serialize";
import { listQuerySchema } from "@/lib/commitment-list";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /api/v1/agreements/{slug}: one agreement with its commitments and milestones. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const agreement = loadAgreement(slug);
  if (!agreement) return notFound(`No agreement has the slug ${JSON.stringify(slug)}.`);
  const today = appToday();
  const rows = [...iterateCommitmentList(getDb(), listQuerySchema(today).parse({ agreement: slug }), today)];
  return json(agreementDetailJson(agreement, rows, today, siteOrigin(request.headers)));
}

export const OPTIONS = preflight;
