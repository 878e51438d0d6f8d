/**
 * Write verb `import.commit` (issue 10): the accepted candidates of an import run become
 * commitments, all in one IMMEDIATE transaction, through the rules of `commitment.create`
 * (db/commitment-rows.ts: the same schema, parties of the agreement, target not before signing).
 * Each gets its source anchor (the run's text as a source document of the agreement: an existing
 * live one with exactly that text, else a new one, made only when something is created), status
 * "not yet assessed", and its own
 * `commitment.create` audit row; a `source_document.create` row when a document is made, and one
 * `import.commit` row for the run. A candidate that repeats a live commitment (same passage or same
 * normalised words, lib/import/dedupe.ts, including one created earlier in the same commit) is
 * marked "duplicate" and reported as skipped, never created twice.
 *
 * At most {@link COMMIT_BATCH} accepted candidates (the first in text order) are created per
 * call; `remaining` says how many stay accepted for the next. One transaction of 37,016 ran out of
 * the server's 192 MB heap after holding the write lock for over a minute; a batch takes seconds.
 *
 * All or nothing within a batch: when one of its accepted candidates' fields is refused, nothing is
 * written and the refusal names the candidate (`fieldErrors["candidate-<id>"]`).
 */
import { and, count, eq } from "drizzle-orm";

import { addWords, findDuplicate } from "../../lib/import/dedupe";
import { ZRunRef } from "../../lib/validation/import";
import type { TCommitmentFields } from "../../lib/validation/agreements";
import { invalid, type Refusal, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { commitmentSnapshot, fieldError, insertCommitment, nextPosition } from "../commitment-rows";
import { duplicateLookup } from "../import-duplicates";
import { checkCandidateFields, parseCandidateFields, reviewRun, runCandidates } from "../import-rows";
import { sourceDocuments } from "../schema";
import { type ImportCandidate, importCandidates, importRuns } from "../schema-import";
import { documentWithText, insertSourceDocument } from "../source-document-rows";
import { IMMEDIATE } from "../transaction";
import { authorize } from "./guard";
import { MAX_QUOTE } from "./import-spans";

export interface CommittedImport {
  runId: number;
  /** null only when every accepted candidate was skipped and the text had no document yet */
  sourceDocumentId: number | null;
  documentCreated: boolean;
  created: { candidateId: number; commitmentId: number; title: string }[];
  skipped: { candidateId: number; commitmentId: number; reason: "passage" | "words"; quote: string }[];
  /** accepted candidates left for the next call (beyond this call's batch) */
  remaining: number;
}

/** The most accepted candidates one `import.commit` creates (about 4 s, a few MB of heap). */
export const COMMIT_BATCH = 2000;

/** A refusal thrown out of the transaction so that everything written before it is rolled back. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function short(quote: string): string {
  const q = quote.replace(/\s+/g, " ");
  return q.length > 80 ? `${q.slice(0, 79)}…` : q;
}

/** The refusal of candidate `c`'s fields, naming it. */
function candidateRefusal(c: ImportCandidate, refusal: Refusal): Refusal {
  const detail = refusal.kind === "invalid" ? Object.values(refusal.fieldErrors).flat().join("; ") : refusal.message;
  const message = `Candidate “${short(c.quote)}” cannot be imported: ${detail}. Edit it (or reject it) and import again; nothing was imported.`;
  return { ok: false, kind: "invalid", message, fieldErrors: { [`candidate-${c.id}`]: [detail] } };
}

/**
 * Create the commitments of run `raw.runId`'s accepted candidates, in text order, after the
 * agreement's last commitment; at most `options.batch` (default {@link COMMIT_BATCH}) of them.
 * @returns what was created and skipped; `invalid` when none is accepted or one is refused;
 *   `not_found` for a missing run or a deleted agreement.
 */
export function commitImport(
  db: Db,
  actorId: number | null,
  raw: unknown,
  options: { batch?: number } = {},
): WriteResult<CommittedImport> {
  const batch = options.batch ?? COMMIT_BATCH;
  const guard = authorize(db, actorId, "import.commit");
  if (!guard.ok) return guard;
  const parsed = ZRunRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { runId } = parsed.data;
  try {
    return db.transaction((tx): WriteResult<CommittedImport> => {
      const found = reviewRun(tx, runId);
      if ("ok" in found) return found;
      const { run, signedOn } = found;
      const text = run.text ?? "";
      const agreement = { id: run.agreementId, signedOn };
      const accepted = runCandidates(tx, runId, ["accepted"], batch);
      if (accepted.length === 0)
        return {
          ok: false,
          kind: "invalid",
          message: "No candidate is accepted yet: accept the ones to import first.",
          fieldErrors: {},
        };
      // Check every accepted candidate before writing anything.
      const fieldsOf = new Map<number, TCommitmentFields>();
      for (const c of accepted) {
        const fields = parseCandidateFields({ ...c, parties: c.parties });
        if (!fields.success) return candidateRefusal(c, invalid(fields.error));
        if (c.quote.length > MAX_QUOTE)
          return candidateRefusal(c, fieldError("quote", `its quote is longer than ${MAX_QUOTE} characters: split it`));
        const refusal = checkCandidateFields(tx, agreement, fields.data);
        if (refusal) return candidateRefusal(c, refusal);
        fieldsOf.set(c.id, { ...fields.data, quote: c.quote });
      }

      // Which accepted candidates repeat a live commitment, or one made earlier in this commit
      // (a negative id: the -k-th candidate to create), before anything is written.
      const existingDocument = liveDocument(tx, run.sourceDocumentId) ?? documentWithText(tx, agreement.id, text);
      const index = duplicateLookup(
        tx,
        agreement.id,
        existingDocument,
        accepted.map((c) => ({ start: c.start, end: c.end, key: c.quoteKey })),
      );
      const toCreate: ImportCandidate[] = [];
      const repeats: { c: ImportCandidate; commitmentId: number; reason: "passage" | "words" }[] = [];
      for (const c of accepted) {
        const dupe = findDuplicate(index, {
          sourceDocumentId: existingDocument,
          start: c.start,
          end: c.end,
          key: c.quoteKey,
        });
        if (dupe) repeats.push({ c, ...dupe });
        else {
          toCreate.push(c);
          addWords(index, c.quote, -toCreate.length);
        }
      }

      let sourceDocumentId = existingDocument;
      let documentCreated = false;
      if (sourceDocumentId === null && toCreate.length > 0) {
        const doc = insertSourceDocument(tx, {
          agreementId: agreement.id,
          kind: run.kind,
          title: run.title,
          url: run.url,
          publishedOn: run.publishedOn,
          text,
          format: run.format ?? "paste",
          encoding: run.encoding ?? "UTF-8",
          encodingGuessed: run.encodingGuessed,
        });
        writeAudit(tx, {
          actorId: guard.actor.id,
          action: "source_document.create",
          entityType: "source_document",
          entityId: doc.sourceDocumentId,
          after: { ...doc.recorded, importRunId: runId },
        });
        sourceDocumentId = doc.sourceDocumentId;
        documentCreated = true;
      }
      if (sourceDocumentId !== null && run.sourceDocumentId !== sourceDocumentId)
        tx.update(importRuns).set({ sourceDocumentId }).where(eq(importRuns.id, runId)).run();

      let position = nextPosition(tx, agreement.id);
      const created: CommittedImport["created"] = [];
      const now = new Date().toISOString();
      for (const c of toCreate) {
        const anchor = {
          sourceDocumentId: sourceDocumentId!,
          start: c.start,
          end: c.end,
          fromCommentary: c.fromCommentary,
        };
        const row = insertCommitment(tx, { agreement, fields: fieldsOf.get(c.id)!, anchor, position: position++ });
        if (!row.ok) throw new Refused(candidateRefusal(c, row));
        writeAudit(tx, {
          actorId: guard.actor.id,
          action: "commitment.create",
          entityType: "commitment",
          entityId: row.commitmentId,
          before: null,
          after: { ...commitmentSnapshot(tx, row.commitmentId), importRunId: runId, importCandidateId: c.id },
        });
        tx.update(importCandidates)
          .set({ decision: "imported", commitmentId: row.commitmentId, updatedAt: now })
          .where(eq(importCandidates.id, c.id))
          .run();
        created.push({ candidateId: c.id, commitmentId: row.commitmentId, title: fieldsOf.get(c.id)!.title });
      }
      const skipped: CommittedImport["skipped"] = repeats.map(({ c, commitmentId, reason }) => {
        const id = commitmentId < 0 ? created[-commitmentId - 1]!.commitmentId : commitmentId;
        tx.update(importCandidates)
          .set({ decision: "duplicate", duplicateOf: id, duplicateReason: reason, updatedAt: now })
          .where(eq(importCandidates.id, c.id))
          .run();
        return { candidateId: c.id, commitmentId: id, reason, quote: c.quote };
      });
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "import.commit",
        entityType: "import_run",
        entityId: runId,
        after: {
          sourceDocumentId,
          documentCreated,
          created: created.map((c) => ({ candidateId: c.candidateId, commitmentId: c.commitmentId })),
          skipped: skipped.map(({ quote: _q, ...s }) => s),
        },
      });
      const remaining = acceptedCount(tx, runId);
      return { ok: true, data: { runId, sourceDocumentId, documentCreated, created, skipped, remaining } };
    }, IMMEDIATE);
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** How many of the run's candidates are accepted (index on run and decision). */
function acceptedCount(tx: Pick<Db, "select">, runId: number): number {
  return (
    tx
      .select({ n: count() })
      .from(importCandidates)
      .where(and(eq(importCandidates.runId, runId), eq(importCandidates.decision, "accepted")))
      .get()?.n ?? 0
  );
}

/** `id` when it is a live source document, else null. */
function liveDocument(tx: Pick<Db, "select">, id: number | null): number | null {
  if (id === null) return null;
  const row = tx
    .select({ id: sourceDocuments.id, deletedAt: sourceDocuments.deletedAt })
    .from(sourceDocuments)
    .where(and(eq(sourceDocuments.id, id)))
    .get();
  return row && row.deletedAt === null ? row.id : null;
}
