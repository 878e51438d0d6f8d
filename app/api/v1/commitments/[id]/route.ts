import { getDb } from "@/db/client";
import { loadCommitment } from "@/db/public";
import { catalogRows } from "@/db/queries/list";
import { json, notFound, preflight } from "@/lib/api/http";
import { commitmentDetailJson } from "@/lib/api/serialize";
import { parseRowId } from "@/lib/ids";
import { siteOrigin } from "@/lib/site-origin";
import { appToday } from "@/lib/today";

export const dynamic = "force-dynamic";

/** GET /api/v1/commitments/{id}: one commitment with its history and evidence. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = parseRowId(raw);
  const detail = id === null ? null : loadCommitment(id);
  const row = detail ? catalogRows(getDb(), [detail.id])[0] : undefined;
  if (!detail || !row) return notFound(`No commitment has the id ${JSON.stringify(raw)}.`);
  return json(commitmentDetailJson(detail, row, appToday(), siteOrigin(request.headers)));
}

export const OPTIONS = preflight;
