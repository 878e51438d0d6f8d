/**
 * The API's agreement document (`GET /api/v1/agreements/{slug}`) a page at a time (issue 9): the
 * agreement with its counts and source documents, and one page of its live commitments and
 * milestones in the list's order (`PAGE_SIZE` a page, as `/api/v1/commitments?agreement=<slug>`),
 * each with its source anchor. Reads the page's rows only, never the agreement's whole tree.
 */
import { sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { type ListResult, listQuerySchema, PAGE_SIZE } from "../../lib/commitment-list";
import type { Db } from "../client";
import { type AgreementDetail, agreementRecord } from "./agreements";
import { idsParam, queryCommitmentList } from "./list";
import { type AnchorRef, anchorOf, sourceDocumentsOf } from "./source-documents";

export interface AgreementApiPage {
  agreement: Omit<AgreementDetail, "commitments" | "meanProgress">;
  /** the page of commitments (`page` the page served: the last one when `page` asked is past it) */
  list: ListResult;
  /** the source anchor of each row of the page (null: none, or into a document not shown) */
  anchors: Map<number, AnchorRef | null>;
}

/**
 * The agreement `slug` (live) with page `page` (from 1) of its commitments on `today`, or `null`
 * when there is no such agreement.
 */
export function agreementApiPage(db: Db, slug: string, page: number, today: CalendarDate): AgreementApiPage | null {
  const record = agreementRecord(db, slug);
  if (!record) return null;
  const sourceDocuments = sourceDocumentsOf(db, record.id);
  const query = { ...listQuerySchema(today).parse({ agreement: slug }), page };
  const list = queryCommitmentList(db, query, today, PAGE_SIZE, { facets: false });
  const shown = new Set(sourceDocuments.map((d) => d.id));
  const rows = db.all<{
    id: number;
    sourceDocumentId: number | null;
    anchorStart: number | null;
    anchorEnd: number | null;
    fromCommentary: number;
  }>(sql`SELECT id, source_document_id AS sourceDocumentId, anchor_start AS anchorStart, anchor_end AS anchorEnd,
      from_commentary AS fromCommentary FROM commitments WHERE id IN ${idsParam(list.rows.map((r) => r.id))}`);
  const anchors = new Map<number, AnchorRef | null>();
  for (const { id, fromCommentary, ...r } of rows) {
    const anchor = anchorOf({ ...r, fromCommentary: fromCommentary === 1 });
    anchors.set(id, anchor && shown.has(anchor.sourceDocumentId) ? anchor : null);
  }
  return { agreement: { ...record, sourceDocuments }, list, anchors };
}
