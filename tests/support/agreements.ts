/**
 * Every live agreement with its status counts (tests only), through the app's own read: the
 * agreement index (db/queries/agreement-index.ts), first 1,000 by latest activity.
 */
import type { Db } from "../../db/client";
import { type AgreementIndexRow, listAgreementIndex } from "../../db/queries/agreement-index";
import { agreementQuerySchema } from "../../lib/agreement-index";

export function liveAgreements(db: Db): AgreementIndexRow[] {
  return listAgreementIndex(db, agreementQuerySchema.parse({}), 1000).rows;
}
