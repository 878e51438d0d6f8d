/**
 * Write verb `source_document.create` (issue 10): an admin stores a text an agreement comes from or
 * is reported in. `import.commit` writes its document through the same insert (db/source-document-rows.ts).
 * Order: check role → parse → one transaction with its audit row → small result.
 */
import { and, eq, isNull } from "drizzle-orm";

import { ZCreateSourceDocument } from "../../lib/validation/source-documents";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { agreements } from "../schema";
import { insertSourceDocument } from "../source-document-rows";
import { IMMEDIATE } from "../transaction";
import { authorize } from "./guard";

export interface SourceDocumentWriteResult {
  sourceDocumentId: number;
  /** the stored text's length in UTF-16 code units (the unit of anchor offsets) */
  textLength: number;
}

/**
 * Store one source document of a live agreement.
 * @param raw `{ agreementId, kind, title, url?, publishedOn?, text, format?, encoding?, encodingGuessed? }`
 *   (lib/validation/source-documents.ts); the text is stored exactly, not trimmed.
 * @returns the new document's id; `invalid` naming the field for bad input; `not_found` when the
 *   agreement does not exist or is deleted. The audit row records the fields and the text's length,
 *   not the text.
 */
export function createSourceDocument(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<SourceDocumentWriteResult> {
  const guard = authorize(db, actorId, "source_document.create");
  if (!guard.ok) return guard;
  const parsed = ZCreateSourceDocument.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  const actor = guard.actor;

  return db.transaction((tx): WriteResult<SourceDocumentWriteResult> => {
    const agreement = tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.id, input.agreementId), isNull(agreements.deletedAt)))
      .get();
    if (!agreement) return { ok: false, kind: "not_found", message: "This agreement does not exist or was deleted." };
    const row = insertSourceDocument(tx, input);
    writeAudit(tx, {
      actorId: actor.id,
      action: "source_document.create",
      entityType: "source_document",
      entityId: row.sourceDocumentId,
      after: row.recorded,
    });
    return { ok: true, data: { sourceDocumentId: row.sourceDocumentId, textLength: row.textLength } };
  }, IMMEDIATE);
}
