/**
 * The upload form of the import (issue 10, /admin/agreements/[id]/import): its fields read from the
 * request's form data into the input of `import.start` (db/mutations/import-start.ts), the file or
 * pasted text taken in by lib/import/text-in.ts. A refusal of the text becomes `failure` (problem,
 * field, message), which `import.start` records as a failed run; nothing here throws for bad input.
 * Server-side only (text-in reads PDFs and .docx).
 */
import "server-only";

import { formatMegabytes, ImportInputError } from "./input-error";
import { MAX_SOURCE_BYTES, readPastedText, readSourceFile } from "./text-in";

/**
 * Request bodies larger than this are refused as too large without being parsed: the 5 MB text
 * plus room for the form's other fields. (Next buffers at most 10 MB of a body for proxy.ts and
 * passes the rest truncated; this keeps every accepted body whole.)
 */
export const UPLOAD_BODY_LIMIT = MAX_SOURCE_BYTES + 2 * 1024 * 1024;

/** The form's field names: what the page renders and the route reads. */
export const UPLOAD_FIELDS = ["file", "text", "title", "kind", "url", "publishedOn"] as const;

type Failure = { problem: string; field: "file" | "text" | "form"; message: string };

/** The document fields as sent (strings; `import.start` validates them). */
function documentFields(form: FormData | null) {
  const field = (name: string) => {
    const v = form?.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    title: field("title"),
    kind: field("kind") || "official_text",
    url: field("url"),
    publishedOn: field("publishedOn"),
  };
}

/** The input of `import.start` (without `agreementId`) for a body too large to read. */
export function tooLargeUpload(bytes: number): Record<string, unknown> {
  return {
    ...documentFields(null),
    byteSize: bytes,
    failure: {
      problem: "too_large",
      field: "file",
      message: `The upload is ${formatMegabytes(bytes)}; the limit is 5 MB. Split the text and import it in parts.`,
    } satisfies Failure,
  };
}

/** The input of `import.start` for a body that is not readable form data. */
export function unreadableUpload(): Record<string, unknown> {
  return {
    ...documentFields(null),
    failure: {
      problem: "unreadable",
      field: "form",
      message: "The form could not be read (the upload was cut off or is not a form). Send it again.",
    } satisfies Failure,
  };
}

/**
 * The input of `import.start` (without `agreementId`) for the sent form: the document's fields,
 * the file's name and size, and `source` (the text read) or `failure`. Exactly one of a file and a
 * pasted text must be given.
 */
export async function readUploadForm(form: FormData): Promise<Record<string, unknown>> {
  const fields = documentFields(form);
  const file = form.get("file");
  const chosen = file instanceof Blob && (file.size > 0 || (file instanceof File && file.name !== "")) ? file : null;
  const pasted = form.get("text");
  const text = typeof pasted === "string" && pasted.trim() !== "" ? pasted : null;
  const fileName = chosen instanceof File && chosen.name ? chosen.name.slice(0, 255) : chosen ? "upload" : null;
  const base = { ...fields, fileName, byteSize: chosen ? chosen.size : text ? Buffer.byteLength(text, "utf8") : null };
  const fail = (f: Failure) => ({ ...base, failure: f });
  if (chosen && text)
    return fail({
      problem: "invalid",
      field: "text",
      message: "Give a file or a pasted text, not both: empty the text box, or remove the file.",
    });
  if (!chosen && !text)
    return typeof pasted === "string" && pasted !== ""
      ? fail({
          problem: "empty",
          field: "text",
          message: "The pasted text is empty (white space only). Paste the agreement’s text.",
        })
      : fail({ problem: "empty", field: "file", message: "Choose a file, or paste the text below." });
  try {
    const source = chosen
      ? await readSourceFile(new Uint8Array(await chosen.arrayBuffer()), fileName ?? "upload", chosen.type || undefined)
      : readPastedText(text!);
    return { ...base, source };
  } catch (error) {
    if (error instanceof ImportInputError)
      return fail({ problem: error.problem, field: error.field, message: error.message });
    throw error;
  }
}
