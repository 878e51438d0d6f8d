/**
 * What the commitment forms need besides the commitment: the agreement's parties, the bounded
 * parent choices (db/queries/parent-choices.ts), themes.
 */
import "server-only";

import type { Db } from "@/db/client";
import { getAgreementForAdmin, listParties, listThemes } from "@/db/queries/admin";
import { parentChoices } from "@/db/queries/parent-choices";

/**
 * @param currentParentId the parent shown as chosen (kept among the choices), or null
 * @returns null when the agreement does not exist.
 */
export function loadCommitmentFormContext(
  db: Db,
  agreementId: number,
  selfId: number | null,
  currentParentId: number | null = null,
) {
  const data = getAgreementForAdmin(db, agreementId);
  if (!data) return null;
  const names = new Map(listParties(db).map((p) => [p.code, p.name]));
  return {
    agreement: data.agreement,
    parties: data.partyCodes.map((code) => ({ code, name: names.get(code) ?? code })),
    ...(() => {
      const { choices, more } = parentChoices(db, agreementId, selfId, currentParentId);
      return { parents: choices, moreParents: more };
    })(),
    themes: listThemes(db),
  };
}
