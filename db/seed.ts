/**
 * Loads built-in datasets. The default is the Korea–Malaysia statement of 25 Nov 2024.
 *
 * Idempotent and never destructive: the default dataset loads only into a database that has never
 * held an agreement and never loaded a dataset (no `dataset.load` row in the audit log). So a second
 * start changes nothing, and a database whose agreements were renamed, edited or deleted is never
 * filled again. One dataset loads in one transaction with one `dataset.load` audit row.
 */
import { eq } from "drizzle-orm";

import { isFinal, type Status } from "../lib/status";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { KR_MY_2024 } from "./datasets/kr-my-2024";
import type { Dataset, DatasetCommitment, DatasetEvidence } from "./datasets/types";
import {
  agreementParties,
  agreements,
  auditLog,
  commitmentParties,
  commitments,
  evidence,
  parties,
  statusUpdates,
} from "./schema";
import { IMMEDIATE } from "./transaction";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Load the default dataset into a database that never held data. Returns true when it was loaded now. */
export function seedDefaultDataset(db: Db): boolean {
  return loadDataset(db, KR_MY_2024, { onlyIntoEmpty: true });
}

/**
 * Load `dataset` unless its agreement slug exists (or, with `onlyIntoEmpty`, unless the database has
 * ever held an agreement or loaded a dataset). Returns true when it was loaded now.
 */
export function loadDataset(db: Db, dataset: Dataset, { onlyIntoEmpty = false } = {}): boolean {
  return db.transaction((tx) => {
    if (onlyIntoEmpty) {
      const anyAgreement = tx.select({ id: agreements.id }).from(agreements).limit(1).get();
      const anyLoad = tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(eq(auditLog.action, "dataset.load"))
        .limit(1)
        .get();
      if (anyAgreement || anyLoad) return false;
    }
    const existing = tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.slug, dataset.agreement.slug))
      .get();
    if (existing) return false;

    tx.insert(parties).values(dataset.parties).onConflictDoNothing().run();
    const { parties: signatories, ...fields } = dataset.agreement;
    const agreement = tx.insert(agreements).values(fields).returning({ id: agreements.id }).get();
    tx.insert(agreementParties)
      .values(signatories.map((p) => ({ agreementId: agreement.id, partyCode: p.code, signatory: p.signatory })))
      .run();

    let position = 0;
    const insertCommitment = (c: DatasetCommitment, parentId: number | null) => {
      position += 1;
      const last = c.updates.at(-1);
      const status: Status = last?.statusTo ?? "not_assessed";
      const progress = last?.progressTo ?? null;
      const row = tx
        .insert(commitments)
        .values({
          agreementId: agreement.id,
          parentId,
          ref: c.ref,
          position,
          title: c.title,
          description: c.description,
          quote: c.quote ?? "",
          theme: c.theme,
          strength: c.strength ?? null,
          owner: c.owner,
          targetDate: c.target?.date ?? null,
          targetPrecision: c.target?.precision ?? null,
          targetPhrase: c.target?.phrase ?? "",
          status,
          progress,
        })
        .returning({ id: commitments.id })
        .get();
      tx.insert(commitmentParties)
        .values(c.parties.map((code) => ({ commitmentId: row.id, partyCode: code })))
        .run();

      let statusFrom: Status | null = "not_assessed";
      let progressFrom: number | null = null;
      for (const u of c.updates) {
        const progressTo: number | null = u.progressTo ?? (isFinal(u.statusTo) ? progressFrom : null);
        const update = tx
          .insert(statusUpdates)
          .values({
            commitmentId: row.id,
            statusFrom,
            statusTo: u.statusTo,
            progressFrom,
            progressTo,
            note: u.note,
            happenedOn: u.happenedOn,
          })
          .returning({ id: statusUpdates.id })
          .get();
        insertEvidence(tx, row.id, update.id, u.evidence);
        statusFrom = u.statusTo;
        progressFrom = progressTo;
      }
      insertEvidence(tx, row.id, null, c.evidence ?? []);
      for (const m of c.milestones ?? []) insertCommitment(m, row.id);
    };
    for (const c of dataset.commitments) insertCommitment(c, null);

    writeAudit(tx, {
      actorId: null,
      action: "dataset.load",
      entityType: "agreement",
      entityId: agreement.id,
      after: { slug: dataset.agreement.slug, commitments: position },
    });
    return true;
  }, IMMEDIATE);
}

function insertEvidence(tx: Tx, commitmentId: number, statusUpdateId: number | null, items: DatasetEvidence[]) {
  if (items.length === 0) return;
  tx.insert(evidence)
    .values(items.map((e) => ({ ...e, commitmentId, statusUpdateId })))
    .run();
}
