-- Full-text search over commitments (issue 4): SQLite FTS5, one row per commitment (rowid = its id)
-- with its title, description, quote, the notes of its status updates and the titles of its live
-- evidence. Kept in step by triggers, so every write path updates it in the same transaction.
-- Written by hand (drizzle-kit does not model virtual tables).
CREATE VIRTUAL TABLE `commitment_search` USING fts5(
  title, description, quote, notes, evidence,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `commitment_search_commitment_insert` AFTER INSERT ON `commitments`
BEGIN
  INSERT INTO commitment_search(rowid, title, description, quote, notes, evidence)
  VALUES (NEW.id, NEW.title, NEW.description, NEW.quote, '', '');
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_search_commitment_update` AFTER UPDATE OF title, description, quote ON `commitments`
BEGIN
  UPDATE commitment_search SET title = NEW.title, description = NEW.description, quote = NEW.quote WHERE rowid = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_search_commitment_delete` AFTER DELETE ON `commitments`
BEGIN
  DELETE FROM commitment_search WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_search_update_insert` AFTER INSERT ON `status_updates`
BEGIN
  UPDATE commitment_search
  SET notes = (SELECT coalesce(group_concat(s.note, ' '), '') FROM status_updates s WHERE s.commitment_id = NEW.commitment_id)
  WHERE rowid = NEW.commitment_id;
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_search_evidence_insert` AFTER INSERT ON `evidence`
BEGIN
  UPDATE commitment_search
  SET evidence = (SELECT coalesce(group_concat(e.title, ' '), '') FROM evidence e WHERE e.commitment_id = NEW.commitment_id AND e.deleted_at IS NULL)
  WHERE rowid = NEW.commitment_id;
END;
--> statement-breakpoint
CREATE TRIGGER `commitment_search_evidence_update` AFTER UPDATE ON `evidence`
BEGIN
  UPDATE commitment_search
  SET evidence = (SELECT coalesce(group_concat(e.title, ' '), '') FROM evidence e WHERE e.commitment_id = NEW.commitment_id AND e.deleted_at IS NULL)
  WHERE rowid = NEW.commitment_id;
END;
--> statement-breakpoint
INSERT INTO commitment_search(rowid, title, description, quote, notes, evidence)
SELECT c.id, c.title, c.description, c.quote,
  (SELECT coalesce(group_concat(s.note, ' '), '') FROM status_updates s WHERE s.commitment_id = c.id),
  (SELECT coalesce(group_concat(e.title, ' '), '') FROM evidence e WHERE e.commitment_id = c.id AND e.deleted_at IS NULL)
FROM commitments c;
