/**
 * The JavaScript reference of the SQL reads (tests only): `loadCatalog` reads every live commitment
 * and milestone with its parties, roll-up and whole status history, for the pure rules of
 * lib/commitment-list.ts, lib/compare.ts and lib/deadline-groups.ts to run over. The app never
 * calls it (it reads every row: issue 9); the unit tests check the SQL reads equal these rules
 * applied to it.
 */
import { asc, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { isLiveCommitment } from "../../db/live";
import { addedOnByCommitment, partiesByCommitment, progressOfAgreement } from "../../db/queries/shared";
import { agreements, commitments, statusUpdates } from "../../db/schema";
import type { CatalogRow, HistoryPoint } from "../../lib/commitment-list";
import { isAssessment } from "../../lib/freshness";

/** Every live commitment of every live agreement, with its parties, roll-up and status history. */
export function loadCatalog(db: Db): CatalogRow[] {
  const liveRows = db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      parentId: commitments.parentId,
      position: commitments.position,
      theme: commitments.theme,
      strength: commitments.strength,
      owner: commitments.owner,
      targetDate: commitments.targetDate,
      targetPrecision: commitments.targetPrecision,
      targetPhrase: commitments.targetPhrase,
      status: commitments.status,
      progress: commitments.progress,
      agreement: { id: agreements.id, slug: agreements.slug, title: agreements.title, signedOn: agreements.signedOn },
    })
    .from(commitments)
    .innerJoin(agreements, eq(agreements.id, commitments.agreementId))
    .where(isLiveCommitment(commitments.id))
    .all();
  const ids = liveRows.map((r) => r.id);
  const parties = partiesByCommitment(db, ids);
  const added = addedOnByCommitment(db, ids);
  const live = new Set(ids);
  const history = new Map<number, HistoryPoint[]>();
  const updates = db
    .select({
      id: statusUpdates.id,
      commitmentId: statusUpdates.commitmentId,
      happenedOn: statusUpdates.happenedOn,
      statusTo: statusUpdates.statusTo,
      progressTo: statusUpdates.progressTo,
      targetDateFrom: statusUpdates.targetDateFrom,
      targetDateTo: statusUpdates.targetDateTo,
    })
    .from(statusUpdates)
    .orderBy(asc(statusUpdates.happenedOn), asc(statusUpdates.id))
    .all();
  for (const { commitmentId, ...point } of updates) {
    if (!live.has(commitmentId)) continue;
    history.set(commitmentId, [...(history.get(commitmentId) ?? []), point]);
  }
  const rolled = new Map<number, number | null>();
  for (const agreementId of new Set(liveRows.map((r) => r.agreement.id))) {
    for (const [id, value] of progressOfAgreement(db, agreementId).rolled) rolled.set(id, value);
  }
  return liveRows.map((r) => {
    const h = history.get(r.id) ?? [];
    return {
      ...r,
      level: r.parentId === null ? "commitment" : "milestone",
      parties: (parties.get(r.id) ?? []).map((p) => p.code),
      progress: rolled.get(r.id) ?? r.progress,
      lastUpdatedOn: h.findLast(isAssessment)?.happenedOn ?? null,
      addedOn: added.get(r.id) ?? null,
      history: h,
    };
  });
}
