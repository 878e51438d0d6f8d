-- Source documents (issue 10; docs/decisions/015-source-documents.md): the stored texts an agreement
-- comes from or is reported in, and each commitment's source anchor into one of them
-- (commitments.source_document_id, anchor_start, anchor_end, from_commentary). The table, columns
-- and indexes are drizzle-kit's; the data copy and the triggers below are written by hand (drizzle-kit
-- does not model triggers, and a CHECK on `commitments` would make it rebuild that table).
-- Offsets count UTF-16 code units (JavaScript's String.length), so each document stores its
-- `text_length` in that unit; SQLite's length() counts code points, a lower bound of it.
CREATE TABLE `source_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`published_on` text,
	`text` text NOT NULL,
	`text_length` integer NOT NULL,
	`format` text DEFAULT 'paste' NOT NULL,
	`encoding` text DEFAULT 'UTF-8' NOT NULL,
	`encoding_guessed` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `source_documents_agreement_idx` ON `source_documents` (`agreement_id`,`published_on`);--> statement-breakpoint
ALTER TABLE `commitments` ADD `source_document_id` integer REFERENCES source_documents(id);--> statement-breakpoint
ALTER TABLE `commitments` ADD `from_commentary` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `commitments_source_document_idx` ON `commitments` (`source_document_id`);
--> statement-breakpoint
-- agreements.source_text is superseded: a text held there becomes the agreement's "official text"
-- document (its title, source URL and signing date), and anchors already set on its commitments
-- point into it. The column stays (no rebuild) and the app no longer reads or writes it. Its length
-- in code points is exact for texts without characters outside the BMP (the app never wrote this
-- column, so no database made by it holds such a text).
INSERT INTO `source_documents` (`agreement_id`, `kind`, `title`, `url`, `published_on`, `text`, `text_length`, `format`)
SELECT `id`, 'official_text', `title`,
  CASE WHEN `source_url` LIKE 'http://%' OR `source_url` LIKE 'https://%' THEN `source_url` END,
  CASE WHEN date(`signed_on`, '+0 days') IS `signed_on` THEN `signed_on` END,
  `source_text`, length(`source_text`), 'paste'
FROM `agreements` WHERE `source_text` IS NOT NULL AND length(`source_text`) > 0;
--> statement-breakpoint
UPDATE `commitments` SET `source_document_id` = (
  SELECT d.`id` FROM `source_documents` d WHERE d.`agreement_id` = `commitments`.`agreement_id` ORDER BY d.`id` LIMIT 1
) WHERE `anchor_start` IS NOT NULL AND `anchor_end` IS NOT NULL AND `source_document_id` IS NULL
  AND 0 <= `anchor_start` AND `anchor_start` < `anchor_end` AND `anchor_end` <= (
    SELECT d.`text_length` FROM `source_documents` d WHERE d.`agreement_id` = `commitments`.`agreement_id` ORDER BY d.`id` LIMIT 1
  );
--> statement-breakpoint
-- Value checks of a source document (as drizzle/0002 does for the other tables). The length check:
-- UTF-16 code units are at least the code points, and each character outside the BMP (2 units) takes
-- 4 bytes in UTF-8, so at most (bytes - code points) / 3 of them; a NUL, which length() stops at,
-- fails it.
CREATE TRIGGER `source_documents_values_insert` BEFORE INSERT ON `source_documents`
BEGIN
  SELECT RAISE(ABORT, 'source_documents.kind must be official_text, joint_statement, readout, news_report or other') WHERE NOT NEW.kind IN ('official_text','joint_statement','readout','news_report','other');
  SELECT RAISE(ABORT, 'source_documents.title must not be empty') WHERE NOT (typeof(NEW.title) = 'text' AND length(trim(NEW.title)) > 0);
  SELECT RAISE(ABORT, 'source_documents.url must be an http(s) URL') WHERE NOT (NEW.url IS NULL OR NEW.url LIKE 'http://%' OR NEW.url LIKE 'https://%');
  SELECT RAISE(ABORT, 'source_documents.published_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.published_on IS NULL OR date(NEW.published_on, '+0 days') IS NEW.published_on);
  SELECT RAISE(ABORT, 'source_documents.text must not be empty') WHERE NOT (typeof(NEW.text) = 'text' AND length(NEW.text) > 0);
  SELECT RAISE(ABORT, 'source_documents.text_length must be the text''s length in UTF-16 code units') WHERE NOT (typeof(NEW.text_length) = 'integer' AND NEW.text_length >= length(NEW.text) AND NEW.text_length <= length(NEW.text) + (length(CAST(NEW.text AS BLOB)) - length(NEW.text)) / 3);
  SELECT RAISE(ABORT, 'source_documents.format must be txt, md, html, docx, pdf or paste') WHERE NOT NEW.format IN ('txt','md','html','docx','pdf','paste');
  SELECT RAISE(ABORT, 'source_documents.encoding_guessed must be 0 or 1') WHERE NOT NEW.encoding_guessed IN (0, 1);
END;
--> statement-breakpoint
CREATE TRIGGER `source_documents_values_update` BEFORE UPDATE ON `source_documents`
BEGIN
  SELECT RAISE(ABORT, 'source_documents.kind must be official_text, joint_statement, readout, news_report or other') WHERE NOT NEW.kind IN ('official_text','joint_statement','readout','news_report','other');
  SELECT RAISE(ABORT, 'source_documents.title must not be empty') WHERE NOT (typeof(NEW.title) = 'text' AND length(trim(NEW.title)) > 0);
  SELECT RAISE(ABORT, 'source_documents.url must be an http(s) URL') WHERE NOT (NEW.url IS NULL OR NEW.url LIKE 'http://%' OR NEW.url LIKE 'https://%');
  SELECT RAISE(ABORT, 'source_documents.published_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.published_on IS NULL OR date(NEW.published_on, '+0 days') IS NEW.published_on);
  SELECT RAISE(ABORT, 'source_documents.text must not be empty') WHERE NOT (typeof(NEW.text) = 'text' AND length(NEW.text) > 0);
  SELECT RAISE(ABORT, 'source_documents.text_length must be the text''s length in UTF-16 code units') WHERE NOT (typeof(NEW.text_length) = 'integer' AND NEW.text_length >= length(NEW.text) AND NEW.text_length <= length(NEW.text) + (length(CAST(NEW.text AS BLOB)) - length(NEW.text)) / 3);
  SELECT RAISE(ABORT, 'source_documents.format must be txt, md, html, docx, pdf or paste') WHERE NOT NEW.format IN ('txt','md','html','docx','pdf','paste');
  SELECT RAISE(ABORT, 'source_documents.encoding_guessed must be 0 or 1') WHERE NOT NEW.encoding_guessed IN (0, 1);
END;
--> statement-breakpoint
-- A document's text or agreement may not change under the anchors that point into it.
CREATE TRIGGER `source_documents_anchors_update` BEFORE UPDATE OF `text`, `text_length`, `agreement_id` ON `source_documents`
BEGIN
  SELECT RAISE(ABORT, 'source_documents.text cannot change: commitments are anchored to it (their anchors would point past its end or at other words)') WHERE NEW.text IS NOT OLD.text AND EXISTS (SELECT 1 FROM commitments c WHERE c.source_document_id = NEW.id AND c.anchor_start IS NOT NULL);
  SELECT RAISE(ABORT, 'source_documents.agreement_id cannot change: commitments of its agreement point to it') WHERE NEW.agreement_id IS NOT OLD.agreement_id AND EXISTS (SELECT 1 FROM commitments c WHERE c.source_document_id = NEW.id);
END;
--> statement-breakpoint
-- A commitment's source anchor: offsets both set or both empty; offsets need their document;
-- 0 <= start < end <= the document's text_length; the document is one of the commitment's own
-- agreement and not deleted. Checked when any of these columns is written, so a status update (which
-- bumps only the version) costs nothing.
CREATE TRIGGER `commitments_anchor_insert` BEFORE INSERT ON `commitments`
BEGIN
  SELECT RAISE(ABORT, 'commitments.from_commentary must be 0 or 1') WHERE NOT NEW.from_commentary IN (0, 1);
  SELECT RAISE(ABORT, 'commitments.anchor_start and anchor_end must both be set or both be empty') WHERE (NEW.anchor_start IS NULL) <> (NEW.anchor_end IS NULL);
  SELECT RAISE(ABORT, 'commitments.anchor_start and anchor_end need a source document (source_document_id)') WHERE NEW.anchor_start IS NOT NULL AND NEW.source_document_id IS NULL;
  SELECT RAISE(ABORT, 'commitments.anchor_start must be a whole number from 0, less than anchor_end') WHERE NEW.anchor_start IS NOT NULL AND NOT (typeof(NEW.anchor_start) = 'integer' AND typeof(NEW.anchor_end) = 'integer' AND NEW.anchor_start >= 0 AND NEW.anchor_start < NEW.anchor_end);
  SELECT RAISE(ABORT, 'commitments.source_document_id must be a source document of the commitment''s own agreement') WHERE NEW.source_document_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM source_documents d WHERE d.id = NEW.source_document_id AND d.agreement_id = NEW.agreement_id);
  SELECT RAISE(ABORT, 'commitments.source_document_id must not be a deleted source document') WHERE NEW.source_document_id IS NOT NULL AND EXISTS (SELECT 1 FROM source_documents d WHERE d.id = NEW.source_document_id AND d.deleted_at IS NOT NULL);
  SELECT RAISE(ABORT, 'commitments.anchor_end must not pass the end of its source document''s text') WHERE NEW.anchor_end IS NOT NULL AND NEW.anchor_end > (SELECT d.text_length FROM source_documents d WHERE d.id = NEW.source_document_id);
END;
--> statement-breakpoint
CREATE TRIGGER `commitments_anchor_update` BEFORE UPDATE OF `source_document_id`, `anchor_start`, `anchor_end`, `from_commentary`, `agreement_id` ON `commitments`
BEGIN
  SELECT RAISE(ABORT, 'commitments.from_commentary must be 0 or 1') WHERE NOT NEW.from_commentary IN (0, 1);
  SELECT RAISE(ABORT, 'commitments.anchor_start and anchor_end must both be set or both be empty') WHERE (NEW.anchor_start IS NULL) <> (NEW.anchor_end IS NULL);
  SELECT RAISE(ABORT, 'commitments.anchor_start and anchor_end need a source document (source_document_id)') WHERE NEW.anchor_start IS NOT NULL AND NEW.source_document_id IS NULL;
  SELECT RAISE(ABORT, 'commitments.anchor_start must be a whole number from 0, less than anchor_end') WHERE NEW.anchor_start IS NOT NULL AND NOT (typeof(NEW.anchor_start) = 'integer' AND typeof(NEW.anchor_end) = 'integer' AND NEW.anchor_start >= 0 AND NEW.anchor_start < NEW.anchor_end);
  SELECT RAISE(ABORT, 'commitments.source_document_id must be a source document of the commitment''s own agreement') WHERE NEW.source_document_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM source_documents d WHERE d.id = NEW.source_document_id AND d.agreement_id = NEW.agreement_id);
  SELECT RAISE(ABORT, 'commitments.source_document_id must not be a deleted source document') WHERE NEW.source_document_id IS NOT OLD.source_document_id AND NEW.source_document_id IS NOT NULL AND EXISTS (SELECT 1 FROM source_documents d WHERE d.id = NEW.source_document_id AND d.deleted_at IS NOT NULL);
  SELECT RAISE(ABORT, 'commitments.anchor_end must not pass the end of its source document''s text') WHERE NEW.anchor_end IS NOT NULL AND NEW.anchor_end > (SELECT d.text_length FROM source_documents d WHERE d.id = NEW.source_document_id);
END;
--> statement-breakpoint
-- The public revision (drizzle/0006): the agreement page and the API show source documents.
CREATE TRIGGER `public_revision_source_documents_insert` AFTER INSERT ON `source_documents`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_source_documents_update` AFTER UPDATE ON `source_documents`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_source_documents_delete` AFTER DELETE ON `source_documents`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
