-- Issue 10, the import review (docs/decisions/016-import-review.md "Duplicates found in SQL").
-- A re-import's duplicate detection reads only the live commitments a candidate could repeat: the
-- same anchor (document, start, end) by `commitments_anchor_idx`, the same normalised words by
-- `commitment_quote_keys` (lib/import/dedupe.ts quoteKey of the recorded quote and of the anchored
-- passage, computed in JavaScript: SQLite has no Unicode normalisation). A commitment without a
-- keys row (created, or its quote or anchor changed, since) is keyed by the next import of its
-- agreement; the triggers drop a row whose commitment's words or anchor changed.
CREATE TABLE `commitment_quote_keys` (
	`commitment_id` integer PRIMARY KEY NOT NULL,
	`agreement_id` integer NOT NULL,
	`quote_key` text NOT NULL,
	`passage_key` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commitment_quote_keys_quote_idx` ON `commitment_quote_keys` (`agreement_id`,`quote_key`);--> statement-breakpoint
CREATE INDEX `commitment_quote_keys_passage_idx` ON `commitment_quote_keys` (`agreement_id`,`passage_key`);--> statement-breakpoint
CREATE TRIGGER `commitment_quote_keys_stale` AFTER UPDATE OF quote, source_document_id, anchor_start, anchor_end, agreement_id ON `commitments`
BEGIN
  DELETE FROM `commitment_quote_keys` WHERE `commitment_id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_quote_keys_delete` AFTER DELETE ON `commitments`
BEGIN
  DELETE FROM `commitment_quote_keys` WHERE `commitment_id` = OLD.id;
END;
--> statement-breakpoint
-- The passages of one document in order: an overlap check is a range seek. Replaces the
-- one-column index, its prefix.
CREATE INDEX `commitments_anchor_idx` ON `commitments` (`source_document_id`,`anchor_start`,`anchor_end`);--> statement-breakpoint
DROP INDEX `commitments_source_document_idx`;
--> statement-breakpoint
-- Optimistic versioning of the review (docs/decisions/016-import-review.md "Candidate versions"):
-- every change of a candidate raises its version; a form carries the version it showed and a verb
-- refuses a stale one.
ALTER TABLE `import_candidates` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `import_candidates_version` AFTER UPDATE ON `import_candidates` WHEN NEW.version = OLD.version
BEGIN
  UPDATE `import_candidates` SET `version` = OLD.version + 1 WHERE `id` = NEW.id;
END;
