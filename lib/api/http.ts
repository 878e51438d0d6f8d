/**
 * HTTP helpers for the read-only JSON API: JSON bodies, CORS open for GET (any origin may read; no
 * credentials are involved), and 400/404 bodies that name the problem.
 * CORS rules: the Fetch Standard (`Access-Control-Allow-Origin: *` for credential-less requests).
 */
import type { z } from "zod";

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
} as const;

/** A JSON response with CORS headers. */
export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...CORS_HEADERS, ...init.headers },
  });
}

/** 400 with the message and, per query parameter, what is wrong. */
export function badRequest(error: z.ZodError): Response {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "query"] ??= []).push(issue.message);
  return json(
    { error: { message: `Bad query parameter: ${Object.keys(fields).join(", ")}`, fields } },
    { status: 400 },
  );
}

/** 404 with a message. */
export function notFound(message: string): Response {
  return json({ error: { message } }, { status: 404 });
}

/** The answer to a CORS preflight. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** Query parameters as a plain record (the first value of a repeated key; empty values dropped). */
export function searchParamsRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in out) && value !== "") out[key] = value;
  return out;
}
