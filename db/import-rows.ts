/**
 * Reads and row shapes the import verbs share (db/mutations/import-*.ts), inside their transaction:
 * the run and candidate a form names, and a candidate row from an extracted candidate (what a
 * re-import repeats is db/import-duplicates.ts).
 */
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";

import { quoteKey } from "../lib/import/dedupe";
import { proposedFields } from "../lib/import/review-fields";
import type { Candidate } from "../lib/import/types";
import type { Refusal } from "../lib/write-result";
import { targetBeforeSigning } from "../lib/date-consistency";
import { type TCommitmentFields, ZCommitmentFields } from "../lib/validation/agreements";
import { checkPlacement, fieldError, type Tx } from "./commitment-rows";
import { liveAgreement } from "./live";
import { agreements } from "./schema";
import { type ImportCandidate, importCandidates, type ImportRun, importRuns } from "./schema-import";

export type NewCandidateRow = typeof importCandidates.$inferInsert;

export const RUN_NOT_FOUND: Refusal = {
  ok: false,
  kind: "not_found",
  message: "This import does not exist, or its agreement was deleted.",
};
export const CANDIDATE_NOT_FOUND: Refusal = {
  ok: false,
  kind: "not_found",
  message: "This candidate no longer exists (it was split, merged or its import removed). Reload the page.",
};

/** The run (under review, of a live agreement) with its agreement's signing date, or a refusal. */
export function reviewRun(
  tx: Pick<Tx, "select">,
  runId: number,
): { run: ImportRun; signedOn: string | null } | Refusal {
  const row = tx
    .select({ run: importRuns, signedOn: agreements.signedOn })
    .from(importRuns)
    .innerJoin(agreements, eq(agreements.id, importRuns.agreementId))
    .where(and(eq(importRuns.id, runId), liveAgreement()))
    .get();
  if (!row) return RUN_NOT_FOUND;
  if (row.run.state !== "review" || row.run.text === null)
    return { ok: false, kind: "invalid", message: "This import failed: it has nothing to review.", fieldErrors: {} };
  return row;
}

/** The refusal of a form that showed an older version of a candidate (now `currentVersion`). */
export function staleCandidate(currentVersion: number): Refusal {
  return {
    ok: false,
    kind: "conflict",
    message: "This candidate was changed by someone else; reload to see it.",
    currentVersion,
  };
}

/**
 * A candidate a reviewer may still change (not imported, not skipped) with its run, or a refusal:
 * {@link staleCandidate} when `version` is given and the candidate has changed since.
 */
export function reviewableCandidate(
  tx: Pick<Tx, "select">,
  candidateId: number,
  version?: number,
): { candidate: ImportCandidate; run: ImportRun; signedOn: string | null } | Refusal {
  const candidate = tx.select().from(importCandidates).where(eq(importCandidates.id, candidateId)).get();
  if (!candidate) return CANDIDATE_NOT_FOUND;
  if (version !== undefined && candidate.version !== version) return staleCandidate(candidate.version);
  const run = reviewRun(tx, candidate.runId);
  if ("ok" in run) return run;
  if (candidate.decision === "imported" || candidate.decision === "duplicate")
    return {
      ok: false,
      kind: "invalid",
      message:
        candidate.decision === "imported"
          ? "This candidate is already a commitment: edit the commitment instead."
          : "This candidate repeats a commitment already imported; it is skipped.",
      fieldErrors: {},
    };
  return { candidate, ...run };
}

/** The row of an extracted candidate (decision: proposed, rejected for a position). */
export function candidateRow(runId: number, c: Candidate, paragraphIndex: number): NewCandidateRow {
  return {
    runId,
    start: c.start,
    end: c.end,
    quote: c.quote,
    quoteKey: quoteKey(c.quote),
    paragraph: String(c.paragraph),
    paragraphIndex,
    kind: c.kind,
    proposed: c,
    ...proposedFields(c, paragraphIndex),
    rules: c.rules,
    flags: c.flags,
    decision: c.kind === "position" ? "rejected" : "proposed",
  };
}

/**
 * The run's candidates in text order, with `decision` in `decisions` (all when omitted), at most
 * `limit` of them (all when omitted).
 */
export function runCandidates(
  tx: Pick<Tx, "select">,
  runId: number,
  decisions?: ImportCandidate["decision"][],
  limit?: number,
) {
  const query = tx
    .select()
    .from(importCandidates)
    .where(
      and(
        eq(importCandidates.runId, runId),
        decisions ? inArray(importCandidates.decision, decisions) : isNotNull(importCandidates.id),
      ),
    )
    .orderBy(asc(importCandidates.start), asc(importCandidates.end), asc(importCandidates.id));
  return (limit === undefined ? query : query.limit(limit)).all();
}

/**
 * The commitment fields of a candidate's form or row, parsed by the commitment form's own schema
 * (a candidate has no parent, description or separate quote: the quote is its passage).
 */
export function parseCandidateFields(raw: Record<string, unknown>) {
  const { ref, title, theme, strength, owner, parties, targetDate, targetPrecision, targetPhrase } = raw;
  return ZCommitmentFields.safeParse({
    ref,
    title,
    theme,
    strength: strength ?? "",
    owner,
    parties,
    targetDate: targetDate ?? "",
    targetPrecision: targetPrecision ?? "",
    targetPhrase,
    description: "",
    quote: "",
    parentId: "",
  });
}

/** The checks `commitment.create` makes of the fields (parties of the agreement, target after signing). */
export function checkCandidateFields(
  tx: Tx,
  agreement: { id: number; signedOn: string | null },
  fields: TCommitmentFields,
): Refusal | null {
  const placement = checkPlacement(tx, agreement.id, fields, null);
  if (placement) return placement;
  const early = targetBeforeSigning(fields.targetDate, agreement.signedOn);
  return early ? fieldError("targetDate", early) : null;
}
