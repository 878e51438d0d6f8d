/**
 * Write verb `import.start` (issue 10): an admin's upload or paste of an agreement's text becomes an
 * import run with its candidates (docs/decisions/016-import-review.md). Order: check role → parse →
 * extraction (outside the transaction: seconds for a 5 MB text, with progress) → one IMMEDIATE
 * transaction writing the run, its candidates and one audit row → small result. Nothing is written
 * to commitments or source documents.
 *
 * A text that text-in refused (the caller passes `failure`), a form field that does not parse, or an
 * extraction that throws is recorded as a *failed* run holding the problem, the field and the
 * message (never the text), so the review page can show why without JavaScript; the result says
 * `state: "failed"`. Candidates that repeat a live commitment of the agreement (same passage of the
 * same text, or the same normalised words: lib/import/dedupe.ts) are stored as "duplicate" and
 * listed in `duplicates`; one whose passage overlaps a live commitment's in the same text is flagged
 * "overlap" (the same pledge in other words, perhaps), so "accept all not flagged" leaves it.
 */
import { and, eq } from "drizzle-orm";

import { findDuplicate } from "../../lib/import/dedupe";
import { type ExtractionProgress, extractWithProgress, nextTurn, paragraphAt } from "../../lib/import/extract-progress";
import { ZStartImport, type ImportFailureProblem } from "../../lib/validation/import";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { duplicateLookup, overlappingSpans } from "../import-duplicates";
import { candidateRow, type NewCandidateRow } from "../import-rows";
import { partyNamesOf } from "../import-parties";
import { liveAgreement } from "../live";
import { agreements } from "../schema";
import { importCandidates, importRuns } from "../schema-import";
import { documentWithText } from "../source-document-rows";
import { IMMEDIATE } from "../transaction";
import { authorize } from "./guard";

export interface StartedImport {
  runId: number;
  state: "review" | "failed";
  /** for a failed run: why, and the form field to show it at */
  error: { problem: ImportFailureProblem; field: string; message: string } | null;
  candidateCount: number;
  duplicates: { candidateId: number; commitmentId: number; reason: "passage" | "words" }[];
  sentenceCount: number;
}

/** Candidate rows per INSERT statement (24 columns each, well under SQLite's variable limit). */
const INSERT_BATCH = 200;

/**
 * Start an import of `raw` = `{ agreementId, title?, kind?, url?, publishedOn?, fileName?, byteSize?,
 * source: { text, format, encoding, encodingGuessed, notes } }` or `{ …, failure: { problem, field,
 * message } }` (lib/validation/import.ts ZStartImport). Deadline phrases resolve against
 * `publishedOn`, else the agreement's signing date; with neither, the run fails at `publishedOn`.
 * @param options.onProgress called during extraction (structure, then paragraphs done of total),
 *   then with "saving" before the transaction (after a turn of the event loop, so it is sent).
 * @returns the run; `not_found` for a missing or deleted agreement, `invalid` for a bad agreement id.
 */
export async function startImport(
  db: Db,
  actorId: number | null,
  raw: unknown,
  options: { onProgress?: (p: ExtractionProgress | { stage: "saving" }) => void } = {},
): Promise<WriteResult<StartedImport>> {
  const guard = authorize(db, actorId, "import.start");
  if (!guard.ok) return guard;
  const agreementId = (raw as { agreementId?: unknown } | null)?.agreementId;
  const parsed = ZStartImport.safeParse(raw);
  const agreement = db
    .select({ id: agreements.id, title: agreements.title, signedOn: agreements.signedOn })
    .from(agreements)
    .where(and(eq(agreements.id, parsed.success ? parsed.data.agreementId : Number(agreementId)), liveAgreement()))
    .get();
  if (!parsed.success && !agreement) return invalid(parsed.error);
  if (!agreement) return { ok: false, kind: "not_found", message: "This agreement does not exist or was deleted." };

  type Failure = StartedImport["error"] & {};
  let failure: Failure | null = null;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "form");
    failure = { problem: "invalid", field: FIELDS.has(field) ? field : "form", message: issue?.message ?? "Bad form." };
  } else if ("failure" in parsed.data) failure = parsed.data.failure;
  const input = parsed.success ? parsed.data : null;
  const documentDate = input?.publishedOn ?? agreement.signedOn;
  if (!failure && documentDate === null)
    failure = {
      problem: "invalid",
      field: "publishedOn",
      message: "Give the document’s date: deadline phrases such as “by next year” are read against it.",
    };

  let extraction: Awaited<ReturnType<typeof extractWithProgress>> | null = null;
  const source = input && "source" in input ? input.source : null;
  if (!failure && source && documentDate) {
    try {
      extraction = await extractWithProgress(
        source.text,
        { documentDate, parties: partyNamesOf(db, agreement.id) },
        { onProgress: options.onProgress },
      );
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      failure = {
        problem: "extraction_failed",
        field: input?.fileName ? "file" : "text",
        message: `The text was read, but finding its commitments failed (${why.slice(0, 300)}). Nothing was imported; report this text to the developers.`,
      };
    }
  }

  if (extraction) {
    options.onProgress?.({ stage: "saving" });
    await nextTurn();
  }
  return db.transaction((tx): WriteResult<StartedImport> => {
    const base = {
      agreementId: agreement.id,
      createdBy: guard.actor.id,
      fileName: input?.fileName ?? null,
      byteSize: input?.byteSize ?? null,
      title: input?.title || agreement.title,
      kind: input?.kind ?? ("official_text" as const),
      url: input?.url ?? null,
      publishedOn: input?.publishedOn ?? null,
      documentDate,
    };
    if (failure || !source || !extraction) {
      const f = failure ?? { problem: "invalid" as const, field: "form", message: "Nothing was sent to import." };
      const run = tx
        .insert(importRuns)
        .values({ ...base, state: "failed", errorProblem: f.problem, errorField: f.field, errorMessage: f.message })
        .returning({ id: importRuns.id })
        .get();
      writeAudit(tx, {
        actorId: guard.actor.id,
        action: "import.start",
        entityType: "import_run",
        entityId: run.id,
        after: { id: run.id, ...base, state: "failed", error: f },
      });
      return {
        ok: true,
        data: { runId: run.id, state: "failed", error: f, candidateCount: 0, duplicates: [], sentenceCount: 0 },
      };
    }
    const sourceDocumentId = documentWithText(tx, agreement.id, source.text);
    const run = tx
      .insert(importRuns)
      .values({
        ...base,
        state: "review",
        text: source.text,
        textLength: source.text.length,
        format: source.format,
        encoding: source.encoding,
        encodingGuessed: source.encodingGuessed,
        notes: source.notes,
        sourceDocumentId,
        paragraphCount: extraction.paragraphs.length,
        sentenceCount: extraction.sentenceCount,
      })
      .returning({ id: importRuns.id })
      .get();
    const rows: NewCandidateRow[] = extraction.candidates.map((c) =>
      candidateRow(run.id, c, paragraphAt(extraction.paragraphs, c.start)?.index ?? 0),
    );
    const spans = rows.map((r) => ({ start: r.start, end: r.end, key: r.quoteKey }));
    const index = duplicateLookup(tx, agreement.id, sourceDocumentId, spans);
    const overlaps = overlappingSpans(tx, agreement.id, sourceDocumentId, spans);
    const dupes: { at: number; commitmentId: number; reason: "passage" | "words" }[] = [];
    for (const [at, row] of rows.entries()) {
      const c = extraction.candidates[at]!;
      const dupe = findDuplicate(index, { sourceDocumentId, start: c.start, end: c.end, key: row.quoteKey });
      if (dupe) {
        Object.assign(row, { decision: "duplicate", duplicateOf: dupe.commitmentId, duplicateReason: dupe.reason });
        dupes.push({ at, ...dupe });
      } else if (overlaps.has(at)) row.flags = [...(row.flags ?? []), "overlap"];
    }
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = tx
        .insert(importCandidates)
        .values(rows.slice(i, i + INSERT_BATCH))
        .returning({ id: importCandidates.id })
        .all();
      ids.push(...batch.map((b) => b.id));
    }
    const duplicates = dupes.map((d) => ({
      candidateId: ids[d.at]!,
      commitmentId: d.commitmentId,
      reason: d.reason,
    }));
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "import.start",
      entityType: "import_run",
      entityId: run.id,
      after: {
        id: run.id,
        ...base,
        state: "review",
        format: source.format,
        encoding: source.encoding,
        textLength: source.text.length,
        sourceDocumentId,
        candidates: rows.length,
        duplicates: duplicates.length,
        paragraphs: extraction.paragraphs.length,
        sentences: extraction.sentenceCount,
      },
    });
    return {
      ok: true,
      data: {
        runId: run.id,
        state: "review",
        error: null,
        candidateCount: rows.length,
        duplicates,
        sentenceCount: extraction.sentenceCount,
      },
    };
  }, IMMEDIATE);
}

/** Form fields a failure can be shown at; any other path is shown at the top of the form. */
const FIELDS = new Set(["file", "text", "title", "kind", "url", "publishedOn"]);
