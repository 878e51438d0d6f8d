import { json, preflight } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the API described in OpenAPI 3.1. */
export function GET(request: Request) {
  return json(openApiDocument(new URL(request.url).origin));
}

export const OPTIONS = preflight;
