/**
 * Write verbs of the import review (issue 10): edit a candidate's fields
 * (`import.candidate.update`), set the reviewer's decision on some (`import.candidate.decide`),
 * and accept every undecided pledge that carries no flag (`import.candidate.accept_unflagged`).
 * Order: check role → parse → one IMMEDIATE transaction with its audit row → small result. Nothing
 * is written to commitments: `import.commit` (./import-commit.ts) creates them.
 */
import { and, eq, inArray, sql } from "drizzle-orm";

import { ZCandidateRef, ZDecideCandidates, ZRunRef } from "../../lib/validation/import";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import {
  checkCandidateFields,
  parseCandidateFields,
  reviewableCandidate,
  reviewRun,
  staleCandidate,
} from "../import-rows";
import { importCandidates } from "../schema-import";
import { IMMEDIATE } from "../transaction";
import { sameCodes, sameFields } from "../../lib/unchanged";
import { authorize } from "./guard";

const nowUtc = () => new Date().toISOString();

/**
 * Save the reviewer's edits of a candidate: `raw` = `{ candidateId, ref, title, theme, strength,
 * owner, parties, targetDate, targetPrecision, targetPhrase }`, checked as `commitment.create`
 * checks them (lib/validation/agreements.ts, parties of the agreement, target not before signing).
 * @returns `unchanged: true` when nothing differs (nothing written but the audit row is skipped too).
 */
export function updateCandidate(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<{ candidateId: number; runId: number; unchanged: boolean }> {
  const guard = authorize(db, actorId, "import.candidate.update");
  if (!guard.ok) return guard;
  const ref = ZCandidateRef.safeParse(raw);
  if (!ref.success) return invalid(ref.error);
  const parsed = parseCandidateFields((raw ?? {}) as Record<string, unknown>);
  if (!parsed.success) return invalid(parsed.error);
  const fields = parsed.data;
  return db.transaction((tx): WriteResult<{ candidateId: number; runId: number; unchanged: boolean }> => {
    const found = reviewableCandidate(tx, ref.data.candidateId, ref.data.version);
    if ("ok" in found) return found;
    const { candidate, run, signedOn } = found;
    const refusal = checkCandidateFields(tx, { id: run.agreementId, signedOn }, fields);
    if (refusal) return refusal;
    const values = {
      ref: fields.ref,
      title: fields.title,
      theme: fields.theme,
      strength: fields.strength,
      owner: fields.owner,
      targetDate: fields.targetDate,
      targetPrecision: fields.targetPrecision,
      targetPhrase: fields.targetPhrase,
    };
    if (sameFields(candidate, values) && sameCodes(candidate.parties, fields.parties))
      return { ok: true, data: { candidateId: candidate.id, runId: run.id, unchanged: true } };
    tx.update(importCandidates)
      .set({ ...values, parties: fields.parties, edited: true, updatedAt: nowUtc() })
      .where(eq(importCandidates.id, candidate.id))
      .run();
    const { quote: _q, proposed: _p, ...before } = candidate;
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.candidate.update",
      entityType: "import_candidate",
      entityId: candidate.id,
      before,
      after: { ...before, ...values, parties: fields.parties, edited: true },
    });
    return { ok: true, data: { candidateId: candidate.id, runId: run.id, unchanged: false } };
  }, IMMEDIATE);
}

export interface DecidedCandidates {
  runId: number;
  /** the candidates whose decision changed */
  changed: number[];
  /** named candidates left alone: already imported, skipped as duplicates, or of another run */
  untouched: number[];
}

/**
 * Set the decision of candidates of one run: `raw` = `{ runId, candidateIds, decision }` with
 * decision "accepted", "rejected" or "proposed" (undo). Imported and skipped candidates keep theirs.
 */
export function decideCandidates(db: Db, actorId: number | null, raw: unknown): WriteResult<DecidedCandidates> {
  const guard = authorize(db, actorId, "import.candidate.decide");
  if (!guard.ok) return guard;
  const parsed = ZDecideCandidates.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { runId, candidateIds, decision, version } = parsed.data;
  return db.transaction((tx): WriteResult<DecidedCandidates> => {
    const found = reviewRun(tx, runId);
    if ("ok" in found) return found;
    const rows = tx
      .select({ id: importCandidates.id, decision: importCandidates.decision, version: importCandidates.version })
      .from(importCandidates)
      .where(
        and(
          eq(importCandidates.runId, runId),
          inArray(importCandidates.id, sql`(SELECT value FROM json_each(${JSON.stringify(candidateIds)}))`),
        ),
      )
      .all();
    if (version !== undefined && candidateIds.length === 1 && rows[0] && rows[0].version !== version)
      return staleCandidate(rows[0].version);
    const changeable = rows.filter((r) => r.decision !== "imported" && r.decision !== "duplicate");
    const changed = changeable.filter((r) => r.decision !== decision).map((r) => r.id);
    const untouched = candidateIds.filter((id) => !changeable.some((r) => r.id === id));
    if (changed.length > 0)
      tx.update(importCandidates)
        .set({ decision, updatedAt: nowUtc() })
        .where(inArray(importCandidates.id, sql`(SELECT value FROM json_each(${JSON.stringify(changed)}))`))
        .run();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.candidate.decide",
      entityType: "import_run",
      entityId: runId,
      after: { decision, changed, untouched },
    });
    return { ok: true, data: { runId, changed, untouched } };
  }, IMMEDIATE);
}

/**
 * Accept every candidate of the run that is an undecided pledge with no flag (negation, condition,
 * vague deadline, recurring, commentary): "accept all not flagged". Positions stay rejected.
 */
export function acceptUnflagged(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<{ runId: number; accepted: number }> {
  const guard = authorize(db, actorId, "import.candidate.accept_unflagged");
  if (!guard.ok) return guard;
  const parsed = ZRunRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { runId } = parsed.data;
  return db.transaction((tx): WriteResult<{ runId: number; accepted: number }> => {
    const found = reviewRun(tx, runId);
    if ("ok" in found) return found;
    const accepted = tx
      .update(importCandidates)
      .set({ decision: "accepted", updatedAt: nowUtc() })
      .where(
        and(
          eq(importCandidates.runId, runId),
          eq(importCandidates.decision, "proposed"),
          eq(importCandidates.kind, "pledge"),
          sql`json_array_length(${importCandidates.flags}) = 0`,
        ),
      )
      .returning({ id: importCandidates.id })
      .all()
      .map((r) => r.id);
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.candidate.accept_unflagged",
      entityType: "import_run",
      entityId: runId,
      after: { decision: "accepted", count: accepted.length, changed: accepted },
    });
    return { ok: true, data: { runId, accepted: accepted.length } };
  }, IMMEDIATE);
}
