/** Input of "add evidence" and "remove evidence" on a commitment (issue 3). */
import { z } from "zod";

import { ZEvidenceInput, ZSubmissionId, zId } from "./fields";

export const ZAddEvidence = ZEvidenceInput.extend({
  commitmentId: zId("commitment"),
  version: zId("version"),
  submissionId: ZSubmissionId,
});
export type TAddEvidence = z.infer<typeof ZAddEvidence>;

export const ZRemoveEvidence = z.object({
  commitmentId: zId("commitment"),
  version: zId("version"),
  evidenceId: zId("evidence link"),
});
export type TRemoveEvidence = z.infer<typeof ZRemoveEvidence>;
