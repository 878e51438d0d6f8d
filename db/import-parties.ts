/**
 * The names extraction may find an agreement's parties by (lib/import/types.ts PartyName): the
 * import's own list for the codes it knows (lib/import/party-names.ts, rule P6), plus the name the
 * agreement's party has in the database; a code the list does not know has that name only.
 */
import { isKnownPartyCode, partyNamesFor } from "../lib/import/party-names";
import type { PartyName } from "../lib/import/types";
import type { Db } from "./client";
import { agreementPartiesOf } from "./queries/shared";

/** The agreement's parties with their names, in code order. */
export function partyNamesOf(db: Pick<Db, "select">, agreementId: number): PartyName[] {
  return agreementPartiesOf(db, agreementId).map(({ code, name }) => {
    const names = isKnownPartyCode(code) ? partyNamesFor([code])[0]!.names : [];
    return { code, names: names.includes(name) ? names : [...names, name] };
  });
}
