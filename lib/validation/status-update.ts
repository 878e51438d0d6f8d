/**
 * Input of "post a status update" (issue 3): the new status, progress 0–100, the date it happened
 * (today or earlier), a note, and evidence links. A status other than "not yet assessed" needs at
 * least one evidence link.
 */
import { z } from "zod";

import type { CalendarDate } from "../calendar-date";
import { STATUS_VALUES } from "../status";
import { evidenceInputSchema, ZProgress, ZSubmissionId, zId, zPastOrToday, zText } from "./fields";

export const MAX_EVIDENCE_PER_UPDATE = 10;

const EVIDENCE_NEEDED = "Add at least one evidence link for this status";

/** The schema for `today` (the date may not be later than it). */
export function statusUpdateSchema(today: CalendarDate) {
  return z
    .object({
      commitmentId: zId("commitment"),
      version: zId("version"),
      submissionId: ZSubmissionId,
      status: z.enum(STATUS_VALUES, { error: "Choose a status from the list" }),
      progress: ZProgress,
      happenedOn: zPastOrToday(today, "The date it happened"),
      note: zText(5000),
      evidence: z
        .array(evidenceInputSchema(today))
        .max(MAX_EVIDENCE_PER_UPDATE, { message: `At most ${MAX_EVIDENCE_PER_UPDATE} links per update` })
        .default([]),
    })
    .superRefine((v, ctx) => {
      if (v.status !== "not_assessed" && v.evidence.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["evidence"],
          message: EVIDENCE_NEEDED,
        });
      }
    });
}

export type TStatusUpdateInput = z.infer<ReturnType<typeof statusUpdateSchema>>;

/**
 * Parse a status update. The evidence rule is also checked when other fields fail (zod runs an
 * object's refinements only once its fields parse), so every error shows in one round.
 */
export function parseStatusUpdate(raw: unknown, today: CalendarDate) {
  const result = statusUpdateSchema(today).safeParse(raw);
  if (result.success) return result;
  const input = (raw ?? {}) as { status?: unknown; evidence?: unknown };
  const noEvidence = !Array.isArray(input.evidence) || input.evidence.length === 0;
  const needsEvidence = typeof input.status === "string" && input.status !== "not_assessed";
  const reported = result.error.issues.some((i) => i.path[0] === "evidence");
  if (noEvidence && needsEvidence && !reported) {
    result.error.issues.push({ code: "custom", path: ["evidence"], message: EVIDENCE_NEEDED, input: raw });
  }
  return result;
}
