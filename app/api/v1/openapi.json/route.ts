import { json, preflight } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the API described in OpenAPI 3.1. */
export function GET(request: Request) {
  return json(openApiDocument(siteOrigin(request.headers)));
}

export const OPTIONS = preflight;
