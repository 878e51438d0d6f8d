/**
 * The small result every write verb returns (never throws for a refusal): success with data, or a
 * refusal of a known kind with a message for people and, for bad input, an error list per field.
 */
import type { z } from "zod";

export type Refusal =
  | { ok: false; kind: "unauthenticated"; message: string }
  | { ok: false; kind: "forbidden"; message: string }
  | { ok: false; kind: "not_found"; message: string }
  | { ok: false; kind: "invalid"; message: string; fieldErrors: Record<string, string[]> }
  | { ok: false; kind: "conflict"; message: string; currentVersion: number };

export type WriteResult<T> = { ok: true; data: T } | Refusal;

export const CONFLICT_MESSAGE =
  "This commitment changed since you opened it. Its newer state is shown below; check it before you submit again.";

/** A form id reused for another commitment or by another person: refused, nothing written. */
export const REUSED_FORM: Refusal = {
  ok: false,
  kind: "invalid",
  message: "This form was already sent for another commitment or by someone else. Reload the page and try again.",
  fieldErrors: { submissionId: ["This form was already used; reload the page"] },
};

/** A refusal for bad input, with zod's issues keyed by dotted field path ("evidence.0.url"). */
export function invalid(error: z.ZodError, message = "Some fields need attention."): Refusal {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, kind: "invalid", message, fieldErrors };
}
