/**
 * Loads built-in datasets. The default is the Korea–Malaysia statement of 25 Nov 2024.
 *
 * Idempotent and never destructive: the default dataset loads only into a database that has never
 * held an agreement and never loaded a dataset (no `dataset.load` row in the audit log). So a second
 * start changes nothing, and a database whose agreements were renamed, edited or deleted is never
 * filled again. One dataset loads in one transaction with one `dataset.load` audit row.
 *
 * Upgrade path (`upgradeDefaultDataset`): a database loaded before the default dataset had source
 * documents gets its news report and the anchors of the commitments it quotes, once, only where
 * nothing was set (docs/decisions/015-source-documents.md).
 */
import fs from "node:fs";
import path from "node:path";

import { and, eq, isNull } from "drizzle-orm";

import { findPassage } from "../lib/source-documents";
import { isFinal, type Status } from "../lib/status";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { KR_MY_2024 } from "./datasets/kr-my-2024";
import type {
  Dataset,
  DatasetCommitment,
  DatasetEvidence,
  DatasetSource,
  DatasetSourceDocument,
} from "./datasets/types";
import {
  agreementParties,
  agreements,
  auditLog,
  commitmentParties,
  commitments,
  evidence,
  parties,
  sourceDocuments,
  statusUpdates,
} from "./schema";
import { IMMEDIATE } from "./transaction";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Where the datasets' source texts live: `db/datasets/sources/` under the project root (the working directory). */
export const DATASET_SOURCES_FOLDER = path.join(process.cwd(), "db", "datasets", "sources");

/**
 * The stored text of a dataset's source document: the file read as UTF-8, exactly (a byte-order mark
 * would be kept as U+FEFF; the committed files have none).
 * @throws Error naming the file when it cannot be read.
 */
export function datasetSourceText(doc: DatasetSourceDocument): string {
  const file = path.join(DATASET_SOURCES_FOLDER, doc.file);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `Cannot read the source document ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A dataset document as stored, with its id once inserted. */
interface LoadedDocument {
  id: number;
  text: string;
}

/** Insert a dataset's source documents for `agreementId`; returns them by key. */
function insertSourceDocuments(tx: Tx, agreementId: number, docs: readonly DatasetSourceDocument[]) {
  const byKey = new Map<string, LoadedDocument>();
  for (const doc of docs) {
    const text = datasetSourceText(doc);
    const row = tx
      .insert(sourceDocuments)
      .values({
        agreementId,
        kind: doc.kind,
        title: doc.title,
        url: doc.url,
        publishedOn: doc.publishedOn,
        text,
        textLength: text.length,
        format: doc.format,
        encoding: "UTF-8",
        encodingGuessed: false,
      })
      .returning({ id: sourceDocuments.id })
      .get();
    byKey.set(doc.key, { id: row.id, text });
  }
  return byKey;
}

/**
 * The anchor columns of a commitment from its dataset `source`, offsets found in the stored text.
 * @throws Error when the document is unknown or the passage is absent or ambiguous (a broken dataset).
 */
export function anchorColumns(source: DatasetSource | undefined, docs: ReadonlyMap<string, LoadedDocument>) {
  if (!source) return { sourceDocumentId: null, anchorStart: null, anchorEnd: null, fromCommentary: false };
  const doc = docs.get(source.document);
  if (!doc) throw new Error(`The dataset names an unknown source document: ${source.document}`);
  const span = findPassage(doc.text, source.passage, source.occurrence);
  return {
    sourceDocumentId: doc.id,
    anchorStart: span.start,
    anchorEnd: span.end,
    fromCommentary: source.fromCommentary,
  };
}

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
    const docs = insertSourceDocuments(tx, agreement.id, dataset.sourceDocuments ?? []);

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
          ...anchorColumns(c.source, docs),
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
      after: { slug: dataset.agreement.slug, commitments: position, sourceDocuments: docs.size },
    });
    return true;
  }, IMMEDIATE);
}

/**
 * Bring a database loaded before the default dataset had source documents up to date: when the
 * default agreement exists, was loaded by this dataset (its `dataset.load` audit row), and has no
 * source document at all (live or deleted), add the dataset's
 * documents and anchor each dataset commitment (matched by its `ref` in that agreement) whose source
 * document and anchors are all unset, bumping its version. Anything an admin set or deleted is left
 * as it is; a second run changes nothing. One transaction with one `dataset.upgrade` audit row.
 * Returns true when it changed the database now.
 */
export function upgradeDefaultDataset(db: Db, dataset: Dataset = KR_MY_2024): boolean {
  const docs = dataset.sourceDocuments ?? [];
  if (docs.length === 0) return false;
  return db.transaction((tx) => {
    const agreement = tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.slug, dataset.agreement.slug))
      .get();
    if (!agreement) return false;
    // Only the agreement this dataset loaded (its `dataset.load` row), not another one an admin
    // later gave the same slug.
    const loadedHere = tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "agreement"),
          eq(auditLog.entityId, String(agreement.id)),
          eq(auditLog.action, "dataset.load"),
        ),
      )
      .limit(1)
      .get();
    if (!loadedHere) return false;
    const anyDocument = tx
      .select({ id: sourceDocuments.id })
      .from(sourceDocuments)
      .where(eq(sourceDocuments.agreementId, agreement.id))
      .limit(1)
      .get();
    if (anyDocument) return false;

    const loaded = insertSourceDocuments(tx, agreement.id, docs);
    const anchored: string[] = [];
    const visit = (c: DatasetCommitment) => {
      if (c.source) {
        const row = tx
          .select({ id: commitments.id, version: commitments.version })
          .from(commitments)
          .where(
            and(
              eq(commitments.agreementId, agreement.id),
              eq(commitments.ref, c.ref),
              isNull(commitments.sourceDocumentId),
              isNull(commitments.anchorStart),
              isNull(commitments.anchorEnd),
            ),
          )
          .orderBy(commitments.id)
          .limit(1)
          .get();
        if (row) {
          tx.update(commitments)
            .set({ ...anchorColumns(c.source, loaded), version: row.version + 1 })
            .where(eq(commitments.id, row.id))
            .run();
          anchored.push(c.ref);
        }
      }
      for (const m of c.milestones ?? []) visit(m);
    };
    for (const c of dataset.commitments) visit(c);

    writeAudit(tx, {
      actorId: null,
      action: "dataset.upgrade",
      entityType: "agreement",
      entityId: agreement.id,
      after: { slug: dataset.agreement.slug, sourceDocuments: loaded.size, anchored },
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
