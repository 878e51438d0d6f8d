-- The import's review state (issue 10; docs/decisions/016-import-review.md): import runs (one upload
-- or paste of an agreement's text) and their candidates (what extraction proposed, the reviewer's
-- edits and decision). Tables and indexes are drizzle-kit's (db/schema-import.ts); the value checks
-- below are written by hand, as drizzle/0002 and 0015 do. Nothing here is public, so the public
-- revision (drizzle/0006) does not move with these tables.
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`state` text NOT NULL,
	`file_name` text,
	`byte_size` integer,
	`title` text DEFAULT '' NOT NULL,
	`kind` text DEFAULT 'official_text' NOT NULL,
	`url` text,
	`published_on` text,
	`document_date` text,
	`text` text,
	`text_length` integer,
	`format` text,
	`encoding` text,
	`encoding_guessed` integer DEFAULT 0 NOT NULL,
	`notes` text DEFAULT '[]' NOT NULL,
	`source_document_id` integer,
	`error_problem` text,
	`error_field` text,
	`error_message` text,
	`paragraph_count` integer DEFAULT 0 NOT NULL,
	`sentence_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_document_id`) REFERENCES `source_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_runs_agreement_idx` ON `import_runs` (`agreement_id`,`id`);
--> statement-breakpoint
CREATE TABLE `import_candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`quote` text NOT NULL,
	`quote_key` text NOT NULL,
	`paragraph` text NOT NULL,
	`paragraph_index` integer NOT NULL,
	`kind` text NOT NULL,
	`proposed` text NOT NULL,
	`ref` text NOT NULL,
	`title` text NOT NULL,
	`theme` text NOT NULL,
	`strength` text,
	`parties` text NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`target_date` text,
	`target_precision` text,
	`target_phrase` text DEFAULT '' NOT NULL,
	`from_commentary` integer DEFAULT 0 NOT NULL,
	`rules` text NOT NULL,
	`flags` text NOT NULL,
	`decision` text NOT NULL,
	`edited` integer DEFAULT 0 NOT NULL,
	`commitment_id` integer,
	`duplicate_of` integer,
	`duplicate_reason` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_candidates_run_idx` ON `import_candidates` (`run_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `import_candidates_decision_idx` ON `import_candidates` (`run_id`,`decision`,`start`);
--> statement-breakpoint
CREATE TRIGGER `import_runs_values_insert` BEFORE INSERT ON `import_runs`
BEGIN
  SELECT RAISE(ABORT, 'import_runs.state must be review or failed') WHERE NOT NEW.state IN ('review','failed');
  SELECT RAISE(ABORT, 'import_runs.kind must be official_text, joint_statement, readout, news_report or other') WHERE NOT NEW.kind IN ('official_text','joint_statement','readout','news_report','other');
  SELECT RAISE(ABORT, 'import_runs.text must be set (not empty) for a run under review, and empty for a failed one') WHERE (NEW.state = 'review') <> (NEW.text IS NOT NULL AND length(NEW.text) > 0);
  SELECT RAISE(ABORT, 'import_runs.error_message must be set for a failed run only') WHERE (NEW.state = 'failed') <> (NEW.error_message IS NOT NULL);
  SELECT RAISE(ABORT, 'import_runs.published_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.published_on IS NULL OR date(NEW.published_on, '+0 days') IS NEW.published_on);
  SELECT RAISE(ABORT, 'import_runs.document_date must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.document_date IS NULL OR date(NEW.document_date, '+0 days') IS NEW.document_date);
  SELECT RAISE(ABORT, 'import_runs.format must be txt, md, html, docx, pdf or paste') WHERE NOT (NEW.format IS NULL OR NEW.format IN ('txt','md','html','docx','pdf','paste'));
  SELECT RAISE(ABORT, 'import_runs.notes must be a JSON array') WHERE NOT (json_valid(NEW.notes) AND json_type(NEW.notes) = 'array');
END;
--> statement-breakpoint
CREATE TRIGGER `import_runs_text_update` BEFORE UPDATE OF `text`, `text_length`, `agreement_id`, `state` ON `import_runs`
BEGIN
  SELECT RAISE(ABORT, 'import_runs.text, agreement_id and state cannot change: candidates point into the text') WHERE NEW.text IS NOT OLD.text OR NEW.text_length IS NOT OLD.text_length OR NEW.agreement_id IS NOT OLD.agreement_id OR NEW.state IS NOT OLD.state;
END;
--> statement-breakpoint
CREATE TRIGGER `import_candidates_values_insert` BEFORE INSERT ON `import_candidates`
BEGIN
  SELECT RAISE(ABORT, 'import_candidates.run_id must be a run under review') WHERE NOT EXISTS (SELECT 1 FROM import_runs r WHERE r.id = NEW.run_id AND r.state = 'review');
  SELECT RAISE(ABORT, 'import_candidates.start must be a whole number from 0, less than end, and end within the run''s text') WHERE NOT (typeof(NEW.start) = 'integer' AND typeof(NEW.end) = 'integer' AND NEW.start >= 0 AND NEW.start < NEW.end AND NEW.end <= (SELECT r.text_length FROM import_runs r WHERE r.id = NEW.run_id));
  SELECT RAISE(ABORT, 'import_candidates.kind must be pledge or position') WHERE NOT NEW.kind IN ('pledge','position');
  SELECT RAISE(ABORT, 'import_candidates.decision must be proposed, accepted, rejected, imported or duplicate') WHERE NOT NEW.decision IN ('proposed','accepted','rejected','imported','duplicate');
  SELECT RAISE(ABORT, 'import_candidates.strength must be binding, intent or exploratory') WHERE NOT (NEW.strength IS NULL OR NEW.strength IN ('binding','intent','exploratory'));
  SELECT RAISE(ABORT, 'import_candidates.target_date must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date IS NULL OR date(NEW.target_date, '+0 days') IS NEW.target_date);
  SELECT RAISE(ABORT, 'import_candidates.parties, rules and flags must be JSON arrays') WHERE NOT (json_valid(NEW.parties) AND json_type(NEW.parties) = 'array' AND json_valid(NEW.rules) AND json_type(NEW.rules) = 'array' AND json_valid(NEW.flags) AND json_type(NEW.flags) = 'array');
END;
--> statement-breakpoint
CREATE TRIGGER `import_candidates_values_update` BEFORE UPDATE ON `import_candidates`
BEGIN
  SELECT RAISE(ABORT, 'import_candidates.start, end, quote and run_id cannot change: split or merge makes new candidates') WHERE NEW.start IS NOT OLD.start OR NEW.end IS NOT OLD.end OR NEW.quote IS NOT OLD.quote OR NEW.run_id IS NOT OLD.run_id;
  SELECT RAISE(ABORT, 'import_candidates.decision must be proposed, accepted, rejected, imported or duplicate') WHERE NOT NEW.decision IN ('proposed','accepted','rejected','imported','duplicate');
  SELECT RAISE(ABORT, 'import_candidates.decision cannot change once imported') WHERE OLD.decision = 'imported' AND NEW.decision IS NOT 'imported';
  SELECT RAISE(ABORT, 'import_candidates.commitment_id must be set exactly when the decision is imported') WHERE (NEW.decision = 'imported') <> (NEW.commitment_id IS NOT NULL);
  SELECT RAISE(ABORT, 'import_candidates.strength must be binding, intent or exploratory') WHERE NOT (NEW.strength IS NULL OR NEW.strength IN ('binding','intent','exploratory'));
  SELECT RAISE(ABORT, 'import_candidates.target_date must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date IS NULL OR date(NEW.target_date, '+0 days') IS NEW.target_date);
  SELECT RAISE(ABORT, 'import_candidates.parties, rules and flags must be JSON arrays') WHERE NOT (json_valid(NEW.parties) AND json_type(NEW.parties) = 'array' AND json_valid(NEW.rules) AND json_type(NEW.rules) = 'array' AND json_valid(NEW.flags) AND json_type(NEW.flags) = 'array');
END;
--> statement-breakpoint
CREATE TRIGGER `import_candidates_imported_delete` BEFORE DELETE ON `import_candidates`
BEGIN
  SELECT RAISE(ABORT, 'import_candidates: an imported candidate cannot be removed (its commitment points back to it)') WHERE OLD.decision = 'imported';
END;
