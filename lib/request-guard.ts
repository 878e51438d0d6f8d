/**
 * What the server refuses at the door (scripts/server.ts), before the response cache or Next sees a
 * request. Each refusal is a 4xx with a short plain-text message (JSON in the API's error shape
 * under /api/v1), never a 500:
 *
 * - a Host or X-Forwarded-Host that is not a host name: 400 (RFC 9112 §3.2 asks for exactly this);
 * - a control character (U+0000–U+001F, U+007F–U+009F) in a query parameter's name or value: 400
 *   naming the parameter (SQLite's FTS5 parser stops at a NUL byte, and no parameter of the app
 *   has a use for them);
 * - a POST to a page (every such POST is a possible server action to Next) from another site:
 *   403. Next's own check compares Origin with X-Forwarded-Host or Host too, but answers a refusal
 *   with 500, and a malformed Origin makes it throw;
 * - a server-action POST that Next would fail to decode: a fetch action whose content type is
 *   neither text/plain (a JSON reply) nor multipart/form-data (415), a body over Next's 1 MiB
 *   server-action limit (413), a body that is not JSON or not form data as its type says, or whose
 *   arguments React's reply decoder would fail on (400; lib/action-reply.ts).
 *   Next answers each of these with 500 (vercel/next.js `action-handler.ts`: decode errors are
 *   reported as the action's failure).
 *
 * Request headers that only Next itself sets ({@link NEXT_INTERNAL_REQUEST_HEADERS}) are removed:
 * `X-Middleware-Prefetch: 1` makes Next answer any page with an empty `{}` body.
 */
import type { IncomingHttpHeaders } from "node:http";

import { formReplyProblem, replyProblem } from "./action-reply";
import { parseHost } from "./site-origin";

/** A refused request: the status and a message that names the problem (and the field, when one). */
export interface Refusal {
  status: 400 | 403 | 413 | 415;
  message: string;
  /** the query parameter at fault, for the API's `fields` */
  field?: string;
}

/**
 * Request headers Next uses between its own parts (middleware, router, renderer). A client never has
 * a reason to send them; Next filters some itself (`filterInternalHeaders`), not all.
 */
export const NEXT_INTERNAL_REQUEST_HEADERS = [
  "x-middleware-prefetch",
  "x-middleware-subrequest",
  "x-middleware-invoke",
  "x-invoke-path",
  "x-invoke-query",
  "x-invoke-output",
  "x-invoke-status",
  "x-invoke-error",
  "x-nextjs-data",
  "x-matched-path",
  "x-now-route-matches",
  "x-next-resume-state-length",
  "next-resume",
] as const;

/** Next's default server-action body limit (`serverActions.bodySizeLimit`, "1mb"). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * Remove {@link NEXT_INTERNAL_REQUEST_HEADERS} and write Host and X-Forwarded-Host in canonical
 * (trimmed, lower-case) form, so Next's server-action check, which compares them with the
 * lower-case host of Origin as written, agrees with the site origin and {@link crossSiteRefusal}.
 */
export function stripInternalHeaders(headers: IncomingHttpHeaders): void {
  for (const name of NEXT_INTERNAL_REQUEST_HEADERS) delete headers[name];
  for (const name of ["host", "x-forwarded-host"] as const) {
    const value = headers[name];
    const host = typeof value === "string" ? parseHost(value) : null;
    if (host) headers[name] = host;
  }
}

/**
 * 400 when Host, or X-Forwarded-Host (present only behind a trusted proxy), is not a host name with
 * an optional port. A request without Host passes (Node already answers 400 to an HTTP/1.1 request
 * without one; HTTP/1.0 may omit it).
 */
export function hostRefusal(headers: IncomingHttpHeaders): Refusal | null {
  for (const name of ["host", "x-forwarded-host"] as const) {
    const value = headers[name];
    if (value !== undefined && parseHost(Array.isArray(value) ? value.join(",") : value) === null) {
      return {
        status: 400,
        message: `Bad request: the ${name === "host" ? "Host" : "X-Forwarded-Host"} header is not a host name.`,
      };
    }
  }
  return null;
}

/** A parameter name for a message: as sent, shortened. */
function shown(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** 400 naming the first query parameter whose name or value holds a control character. */
export function queryRefusal(url: string): Refusal | null {
  const start = url.indexOf("?");
  if (start === -1) return null;
  const hash = url.indexOf("#", start);
  const params = new URLSearchParams(url.slice(start + 1, hash === -1 ? undefined : hash));
  for (const [name, value] of params) {
    if (CONTROL.test(name)) {
      return {
        status: 400,
        message: "Bad query parameter: a parameter name holds a control character.",
        field: "query",
      };
    }
    if (CONTROL.test(value)) {
      return {
        status: 400,
        message: `Bad query parameter: ${shown(name)} holds a control character (such as NUL); use text only.`,
        field: name,
      };
    }
  }
  return null;
}

/**
 * The import's upload (app/admin/agreements/[id]/import/upload/route.ts): a route handler taking up
 * to 5 MB, over the server actions' limit; it checks Origin and role itself.
 */
const IMPORT_UPLOAD = /^\/admin\/agreements\/[^/]+\/import\/upload$/;

/**
 * Whether `pathname` is answered by a route handler (the API, Auth.js, feeds, CSV, badges, sitemap,
 * robots) rather than a page. Route handlers answer other methods themselves (405, or Auth.js's
 * own CSRF check); Next runs server actions only on pages.
 */
export function isRouteHandlerPath(pathname: string): boolean {
  return (
    pathname.startsWith("/api/") ||
    IMPORT_UPLOAD.test(pathname) ||
    pathname.startsWith("/badge/") ||
    pathname.startsWith("/_next/") ||
    /\.(?:xml|csv|txt|json|svg)$/.test(pathname)
  );
}

/** Whether the request is a POST that Next would treat as a (possible) server action of a page. */
export function isPageAction(method: string | undefined, pathname: string): boolean {
  return method === "POST" && !isRouteHandlerPath(pathname);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * 403 when a page POST comes from another site: its Origin is "null", malformed, or names a host
 * other than X-Forwarded-Host (present only behind a trusted proxy) or else Host — the rule of
 * Next's server-action check. A POST without Origin passes, as in Next (not a browser's request,
 * so it carries no visitor's cookies but its sender's own).
 */
export function crossSiteRefusal(headers: IncomingHttpHeaders): Refusal | null {
  const origin = single(headers.origin);
  if (origin === undefined) return null;
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  const expected = parseHost(single(headers["x-forwarded-host"]) ?? single(headers.host));
  if (originHost !== null && expected !== null && originHost === expected) return null;
  return { status: 403, message: "Forbidden: a form of this site can only be sent from this site." };
}

/** The kinds of server-action body Next decodes. */
export type ActionBodyKind = "json" | "form" | null;

/**
 * What a page POST's body must be for Next to decode it, or a refusal: a fetch action (header
 * `Next-Action`) sends JSON as text/plain or multipart/form-data; a form without JavaScript sends
 * multipart/form-data. Other bodies are not decoded by Next (null: pass without reading). 413 when
 * Content-Length already says the body is over {@link ACTION_BODY_LIMIT}.
 */
export function actionBodyKind(headers: IncomingHttpHeaders): ActionBodyKind | Refusal {
  const type = single(headers["content-type"]) ?? "";
  const length = Number(single(headers["content-length"]) ?? 0);
  const isFetch = headers["next-action"] !== undefined;
  const kind: ActionBodyKind = type.startsWith("multipart/form-data")
    ? "form"
    : isFetch && /^text\/plain\b/i.test(type)
      ? "json"
      : null;
  if (isFetch && kind === null) {
    return {
      status: 415,
      message: "Unsupported media type: a server action takes text/plain (JSON) or multipart/form-data.",
    };
  }
  if (kind !== null && length > ACTION_BODY_LIMIT) return tooLarge();
  return kind;
}

/** The 413 refusal for a body over {@link ACTION_BODY_LIMIT}. */
export function tooLarge(): Refusal {
  return { status: 413, message: `Payload too large: a form may send at most ${ACTION_BODY_LIMIT / 1024} KiB.` };
}

/**
 * 400 when `body` is not what `kind` says (JSON for "json", form data per Content-Type for "form"),
 * or holds arguments React's decoder would fail on (lib/action-reply.ts).
 */
export async function actionBodyRefusal(
  kind: Exclude<ActionBodyKind, null>,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<Refusal | null> {
  const bad: Refusal = { status: 400, message: "Bad request: the form's data could not be read." };
  if (kind === "json") return replyProblem(new Map([["0", body.toString("utf8")]])) === null ? null : bad;
  let form: FormData;
  try {
    const contentType = single(headers["content-type"]) ?? "";
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return bad;
  }
  const fields = new Map<string, string>();
  for (const [name, value] of form) if (typeof value === "string") fields.set(name, value);
  return formReplyProblem(fields, headers["next-action"] !== undefined) === null ? null : bad;
}

/** The response body and type of a refusal: JSON in the API's error shape under /api/v1, else text. */
export function refusalBody(refusal: Refusal, pathname: string): { type: string; body: string } {
  if (pathname.startsWith("/api/v1/") || pathname === "/api/v1") {
    const fields = refusal.field ? { [refusal.field]: [refusal.message] } : undefined;
    return {
      type: "application/json; charset=utf-8",
      body: JSON.stringify({ error: { message: refusal.message, ...(fields ? { fields } : {}) } }),
    };
  }
  return { type: "text/plain; charset=utf-8", body: `${refusal.message}\n` };
}
