/**
 * Public reads of source documents (issue 10). Bounded by one agreement or one commitment: no read
 * lists every document. Deleted documents are never returned.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import type { SourceFormat } from "../../lib/import/types";
import type { SourceDocumentKind } from "../../lib/source-documents";
import type { Db } from "../client";
import { sourceDocuments } from "../schema";

/** A source document as the agreement page and the API show it, its whole text included. */
export interface SourceDocumentItem {
  id: number;
  kind: SourceDocumentKind;
  title: string;
  url: string | null;
  publishedOn: CalendarDate | null;
  text: string;
  /** `text.length`: UTF-16 code units, the unit of anchors */
  textLength: number;
  format: SourceFormat;
  encoding: string;
  encodingGuessed: boolean;
}

/** A source document without its text (what a commitment shows about where it comes from). */
export type SourceDocumentRef = Pick<SourceDocumentItem, "id" | "kind" | "title" | "url" | "publishedOn">;

/**
 * A commitment's source anchor: its document, and its passage as offsets of that document's text,
 * or, when only the document is known, null offsets.
 */
export interface AnchorRef {
  sourceDocumentId: number;
  start: number | null;
  end: number | null;
  fromCommentary: boolean;
}

/** The anchor of a commitment row, or null when it names no document. */
export function anchorOf(row: {
  sourceDocumentId: number | null;
  anchorStart: number | null;
  anchorEnd: number | null;
  fromCommentary: boolean;
}): AnchorRef | null {
  if (row.sourceDocumentId === null) return null;
  return {
    sourceDocumentId: row.sourceDocumentId,
    start: row.anchorStart,
    end: row.anchorEnd,
    fromCommentary: row.fromCommentary,
  };
}

const itemFields = {
  id: sourceDocuments.id,
  kind: sourceDocuments.kind,
  title: sourceDocuments.title,
  url: sourceDocuments.url,
  publishedOn: sourceDocuments.publishedOn,
  text: sourceDocuments.text,
  textLength: sourceDocuments.textLength,
  format: sourceDocuments.format,
  encoding: sourceDocuments.encoding,
  encodingGuessed: sourceDocuments.encodingGuessed,
};

/**
 * The live source documents of one agreement, oldest date first (undated last), then by id: one
 * range of `source_documents_agreement_idx`.
 */
export function sourceDocumentsOf(db: Db, agreementId: number): SourceDocumentItem[] {
  return db
    .select(itemFields)
    .from(sourceDocuments)
    .where(and(eq(sourceDocuments.agreementId, agreementId), isNull(sourceDocuments.deletedAt)))
    .orderBy(sql`${sourceDocuments.publishedOn} IS NULL`, asc(sourceDocuments.publishedOn), asc(sourceDocuments.id))
    .all();
}

/**
 * One live source document by id, with its text (to cut a commitment's passage from it), or null
 * when unknown or deleted.
 */
export function sourceDocumentById(db: Db, id: number): SourceDocumentItem | null {
  return (
    db
      .select(itemFields)
      .from(sourceDocuments)
      .where(and(eq(sourceDocuments.id, id), isNull(sourceDocuments.deletedAt)))
      .get() ?? null
  );
}
