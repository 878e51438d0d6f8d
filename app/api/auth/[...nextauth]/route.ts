import type { NextRequest } from "next/server";

import { GET as authGet, POST as authPost } from "@/auth/handlers";
import { authRefusal, authRefusalPage } from "@/lib/auth-request";

/**
 * Auth.js's endpoints, after the requests it would answer with 500 are refused as the client errors
 * they are (lib/auth-request.ts).
 */
function guarded(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest): Promise<Response> | Response => {
    const refusal = authRefusal(request.nextUrl, request.headers.get("cookie"));
    if (!refusal) return handler(request);
    const headers = new Headers({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    });
    for (const name of refusal.clearCookies) {
      headers.append(
        "set-cookie",
        `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
      );
    }
    return new Response(authRefusalPage(refusal), { status: refusal.status, headers });
  };
}

export const GET = guarded(authGet);
export const POST = guarded(authPost);
