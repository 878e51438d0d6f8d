/** Input of "add evidence" and "remove evidence" on a commitment (issue 3). */
import { z } from "zod";

import type { CalendarDate } from "../calendar-date";
import { evidenceInputSchema, ZSubmissionId, zId } from "./fields";

/** "Add evidence": one link (published no later than `today`) on a commitment version. */
export function addEvidenceSchema(today: CalendarDate) {
  return evidenceInputSchema(today).extend({
    commitmentId: zId("commitment"),
    version: zId("version"),
    submissionId: ZSubmissionId,
  });
}
export type TAddEvidence = z.infer<ReturnType<typeof addEvidenceSchema>>;

export const ZRemoveEvidence = z.object({
  commitmentId: zId("commitment"),
  version: zId("version"),
  evidenceId: zId("evidence link"),
});
export type TRemoveEvidence = z.infer<typeof ZRemoveEvidence>;
