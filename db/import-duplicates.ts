/**
 * Which live commitments of an agreement a re-import's candidates repeat or overlap, found in SQL
 * (issue 10, docs/decisions/016-import-review.md "Duplicates found in SQL"): only the commitments
 * that could match are read — the same anchor (document, start, end) by `commitments_anchor_idx`,
 * the same normalised words by `commitment_quote_keys` — never the agreement's commitments and
 * their documents' texts. The rules are lib/import/dedupe.ts's; this is where they look.
 *
 * Runs inside the import verb's IMMEDIATE transaction: it first keys the agreement's live
 * commitments that have no `commitment_quote_keys` row yet (created or changed since the last
 * import), reading only those rows and their documents' texts.
 */
import { sql } from "drizzle-orm";

import { type DuplicateIndex, quoteKey } from "../lib/import/dedupe";
import type { Tx } from "./commitment-rows";

/** A candidate's span of the run's text and its quoteKey. */
export interface CandidateSpan {
  start: number;
  end: number;
  key: string;
}

type Reader = Pick<Tx, "all" | "run">;

/** Key the agreement's live commitments that have no keys row yet (few: those new or changed). */
function keyMissing(tx: Reader, agreementId: number): void {
  const rows = tx.all<{ id: number; quote: string; start: number | null; end: number | null; text: string | null }>(sql`
    SELECT c.id, c.quote, c.anchor_start AS start, c.anchor_end AS "end", d.text
    FROM commitments c
    LEFT JOIN source_documents d ON d.id = c.source_document_id
    WHERE c.agreement_id = ${agreementId} AND c.live = 1
      AND NOT EXISTS (SELECT 1 FROM commitment_quote_keys k WHERE k.commitment_id = c.id)`);
  if (rows.length === 0) return;
  const keys = rows.map((r) => [
    r.id,
    quoteKey(r.quote),
    r.text !== null && r.start !== null && r.end !== null ? quoteKey(r.text.slice(r.start, r.end)) : "",
  ]);
  tx.run(sql`
    INSERT INTO commitment_quote_keys (commitment_id, agreement_id, quote_key, passage_key)
    SELECT value ->> 0, ${agreementId}, value ->> 1, value ->> 2 FROM json_each(${JSON.stringify(keys)})`);
}

/**
 * The lookup index (lib/import/dedupe.ts findDuplicate) of the agreement's live commitments that
 * share an anchor or normalised words with one of `spans`: anchors in `sourceDocumentId` (the live
 * document holding the run's exact text, or null), words of the recorded quote and of an anchored
 * passage in a live document. First commitment wins a shared key, in the agreement's order.
 */
export function duplicateLookup(
  tx: Reader,
  agreementId: number,
  sourceDocumentId: number | null,
  spans: CandidateSpan[],
): DuplicateIndex {
  keyMissing(tx, agreementId);
  const anchors = JSON.stringify(sourceDocumentId === null ? [] : spans.map((s) => [s.start, s.end]));
  const words = JSON.stringify([...new Set(spans.map((s) => s.key).filter((k) => k !== ""))]);
  const rows = tx.all<{
    id: number;
    documentId: number | null;
    start: number | null;
    end: number | null;
    documentLive: number;
    quoteKey: string;
    passageKey: string;
  }>(sql`
    WITH m(id) AS (
      SELECT c.id FROM json_each(${anchors}) j
      JOIN commitments c ON c.source_document_id = ${sourceDocumentId}
        AND c.anchor_start = j.value ->> 0 AND c.anchor_end = j.value ->> 1
      UNION SELECT k.commitment_id FROM json_each(${words}) j
      JOIN commitment_quote_keys k ON k.agreement_id = ${agreementId} AND k.quote_key = j.value
      UNION SELECT k.commitment_id FROM json_each(${words}) j
      JOIN commitment_quote_keys k ON k.agreement_id = ${agreementId} AND k.passage_key = j.value
    )
    SELECT c.id, c.source_document_id AS documentId, c.anchor_start AS start, c.anchor_end AS "end",
      d.id IS NOT NULL AS documentLive, k.quote_key AS quoteKey, k.passage_key AS passageKey
    FROM m
    JOIN commitments c ON c.id = m.id
    JOIN commitment_quote_keys k ON k.commitment_id = c.id
    LEFT JOIN source_documents d ON d.id = c.source_document_id AND d.deleted_at IS NULL
    WHERE c.agreement_id = ${agreementId} AND c.live = 1
    ORDER BY c.position, c.id`);
  const index: DuplicateIndex = { byAnchor: new Map(), byWords: new Map() };
  for (const r of rows) {
    if (r.documentLive && r.documentId !== null && r.start !== null && r.end !== null) {
      const key = `${r.documentId}:${r.start}:${r.end}`;
      if (!index.byAnchor.has(key)) index.byAnchor.set(key, r.id);
      if (r.passageKey !== "" && !index.byWords.has(r.passageKey)) index.byWords.set(r.passageKey, r.id);
    }
    if (r.quoteKey !== "" && !index.byWords.has(r.quoteKey)) index.byWords.set(r.quoteKey, r.id);
  }
  return index;
}

/**
 * The positions in `spans` whose span shares characters with a live commitment's passage in
 * document `sourceDocumentId` without being the same passage (lib/import/dedupe.ts findOverlap's
 * rule); none when it is null. One range seek per span on `commitments_anchor_idx`.
 */
export function overlappingSpans(
  tx: Reader,
  agreementId: number,
  sourceDocumentId: number | null,
  spans: { start: number; end: number }[],
): Set<number> {
  if (sourceDocumentId === null || spans.length === 0) return new Set();
  const rows = tx.all<{ at: number }>(sql`
    SELECT DISTINCT j.key AS at FROM json_each(${JSON.stringify(spans.map((s) => [s.start, s.end]))}) j
    JOIN commitments c ON c.source_document_id = ${sourceDocumentId}
      AND c.anchor_start < j.value ->> 1 AND c.anchor_end > j.value ->> 0
      AND NOT (c.anchor_start = j.value ->> 0 AND c.anchor_end = j.value ->> 1)
    JOIN source_documents d ON d.id = c.source_document_id AND d.deleted_at IS NULL
    WHERE c.agreement_id = ${agreementId} AND c.live = 1`);
  return new Set(rows.map((r) => r.at));
}
