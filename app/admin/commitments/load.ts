/** What the commitment forms need besides the commitment: the agreement's parties, parents, themes. */
import "server-only";

import type { Db } from "@/db/client";
import { getAgreementForAdmin, listParties, listThemes } from "@/db/queries/admin";

/** @returns null when the agreement does not exist. */
export function loadCommitmentFormContext(db: Db, agreementId: number, selfId: number | null) {
  const data = getAgreementForAdmin(db, agreementId);
  if (!data) return null;
  const names = new Map(listParties(db).map((p) => [p.code, p.name]));
  return {
    agreement: data.agreement,
    parties: data.partyCodes.map((code) => ({ code, name: names.get(code) ?? code })),
    parents: data.commitments
      .filter((c) => !c.deletedAt && !c.underDeleted && c.id !== selfId)
      .map((c) => ({ id: c.id, ref: c.ref, title: c.title })),
    themes: listThemes(db),
  };
}
