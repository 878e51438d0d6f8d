/**
 * Writing a source document row, shared by `source_document.create` (db/mutations/source-documents.ts)
 * and `import.commit` (db/mutations/import-commit.ts), inside the caller's transaction. The caller
 * writes the audit row with {@link auditedFields} (the fields and the text's length, not the text).
 */
import { and, eq, isNull } from "drizzle-orm";

import type { TCreateSourceDocument } from "../lib/validation/source-documents";
import type { Tx } from "./commitment-rows";
import { sourceDocuments } from "./schema";

/** Insert the document as parsed; returns its id and what its audit row records. */
export function insertSourceDocument(tx: Tx, input: TCreateSourceDocument) {
  const values = { ...input, textLength: input.text.length };
  const row = tx.insert(sourceDocuments).values(values).returning({ id: sourceDocuments.id }).get();
  return { sourceDocumentId: row.id, textLength: values.textLength, recorded: auditedFields(row.id, values) };
}

/** A document's fields for its audit row: everything but the text. */
export function auditedFields(id: number, values: TCreateSourceDocument & { textLength: number }) {
  const { text: _text, ...recorded } = values;
  return { id, ...recorded };
}

/**
 * The live source document of `agreementId` whose text is exactly `text`, or null. Compares the
 * stored length first (indexed by agreement; an agreement has a few documents).
 */
export function documentWithText(tx: Pick<Tx, "select">, agreementId: number, text: string): number | null {
  const row = tx
    .select({ id: sourceDocuments.id })
    .from(sourceDocuments)
    .where(
      and(
        eq(sourceDocuments.agreementId, agreementId),
        isNull(sourceDocuments.deletedAt),
        eq(sourceDocuments.textLength, text.length),
        eq(sourceDocuments.text, text),
      ),
    )
    .orderBy(sourceDocuments.id)
    .get();
  return row?.id ?? null;
}
