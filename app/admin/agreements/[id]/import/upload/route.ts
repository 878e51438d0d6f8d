/**
 * POST /admin/agreements/{id}/import/upload: the import's upload form (a file or a pasted text, and
 * the document's title, kind, link and date) → `import.start` (db/mutations/import-start.ts).
 *
 * - Sent by the plain form (no JavaScript): the whole import runs, then 303 to the review page of
 *   the new run (`?run=N`), which shows the candidates or, for a failed run, the message at its field.
 * - Sent by the page's script with `Accept: application/x-ndjson`: answers at once with one JSON
 *   object per line as the work goes — `{"stage":"reading"}`, `{"stage":"structure","done":0,"total":M}`,
 *   `{"stage":"candidates","done":N,"total":M}`…, `{"stage":"saving"}` — and last
 *   `{"result":{"state":"review"|"failed","url":…,"candidates":K,"error":{problem,field,message}|null}}`,
 *   or `{"refusal":{"kind":…,"message":…}}`.
 *
 * A route handler, not a server action: a 5 MB text is over the server actions' 1 MiB limit
 * (lib/request-guard.ts lets this path through as a route). So it checks what the door checks for
 * actions itself: the Origin (403 from another site), and the role (through the verb, which audits a
 * refusal) before it parses the body.
 */
import { sessionUserId } from "@/auth/actor";
import { getDb } from "@/db/client";
import { startImport } from "@/db/mutations/import-start";
import { getActiveUser } from "@/db/users";
import { parseRowId } from "@/lib/ids";
import { readUploadForm, tooLargeUpload, unreadableUpload, UPLOAD_BODY_LIMIT } from "@/lib/import/upload";
import { can } from "@/lib/permissions";
import { crossSiteRefusal } from "@/lib/request-guard";

export const dynamic = "force-dynamic";

const NDJSON = "application/x-ndjson";

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Read and drop the rest of the body, so the client receives the answer. */
async function drain(request: Request): Promise<void> {
  try {
    const reader = request.body?.getReader();
    if (!reader) return;
    for (let r = await reader.read(); !r.done; r = await reader.read());
  } catch {
    // the client went away
  }
}

/** The input of `import.start` for this request's body (never throws for bad input). */
async function readBody(request: Request): Promise<Record<string, unknown>> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > UPLOAD_BODY_LIMIT) {
    await drain(request);
    return tooLargeUpload(length);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return unreadableUpload();
  }
  try {
    return await readUploadForm(form);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ...unreadableUpload(),
      failure: {
        problem: "unreadable",
        field: form.get("text") ? "text" : "file",
        message: `The file could not be read (${why.slice(0, 200)}). Save it as .txt or a text PDF and try again.`,
      },
    };
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const headers = Object.fromEntries(
    ["origin", "host", "x-forwarded-host"].flatMap((h) => {
      const v = request.headers.get(h);
      return v === null ? [] : [[h, v]];
    }),
  );
  const crossSite = crossSiteRefusal(headers);
  if (crossSite) return text(403, crossSite.message);
  const agreementId = parseRowId(id);
  if (agreementId === null) return text(404, "No such agreement.");
  const db = getDb();
  const actorId = await sessionUserId();
  const streaming = (request.headers.get("accept") ?? "").includes(NDJSON);
  const page = `/admin/agreements/${agreementId}/import`;

  // The role first, so nobody else's body is parsed; the verb audits the refusal.
  const user = actorId === null ? null : getActiveUser(db, actorId);
  if (!user || !can(user.role, "import.start")) {
    await drain(request);
    const refused = await startImport(db, actorId, { agreementId });
    const kind = refused.ok ? "forbidden" : refused.kind;
    const message = refused.ok ? "Your role does not allow this." : refused.message;
    if (streaming)
      return Response.json({ refusal: { kind, message } }, { status: kind === "unauthenticated" ? 401 : 403 });
    if (kind === "unauthenticated")
      return new Response(null, {
        status: 303,
        headers: { location: `/signin?redirectTo=${encodeURIComponent(page)}` },
      });
    return text(403, message);
  }

  const raw = await readBody(request);
  const run = (onProgress?: (line: object) => void) =>
    startImport(
      db,
      actorId,
      { ...raw, agreementId },
      {
        onProgress: (p) => {
          onProgress?.(p);
          if (p.stage === "candidates" && p.done === p.total) onProgress?.({ stage: "saving" });
        },
      },
    );

  if (!streaming) {
    const result = await run();
    if (!result.ok) return text(result.kind === "not_found" ? 404 : 400, result.message);
    return new Response(null, { status: 303, headers: { location: `${page}?run=${result.data.runId}` } });
  }

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        send({ stage: "reading" });
        const result = await run(send);
        if (!result.ok) send({ refusal: { kind: result.kind, message: result.message } });
        else
          send({
            result: {
              state: result.data.state,
              url: `${page}?run=${result.data.runId}`,
              candidates: result.data.candidateCount,
              error: result.data.error,
            },
          });
      } catch (error) {
        send({
          refusal: { kind: "error", message: `The import failed on the server: ${String(error).slice(0, 200)}` },
        });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": `${NDJSON}; charset=utf-8`,
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
