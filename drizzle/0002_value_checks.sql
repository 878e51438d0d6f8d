-- Value checks that CHECK constraints would give, added as triggers so no table is rebuilt
-- (a rebuild would copy, drop and rename tables that others point at). Written by hand.
-- Dates must be real calendar days: date(x, '+0 days') IS x rejects 2025-02-30 (the modifier makes SQLite normalise it to 03-02).
CREATE TRIGGER `agreements_values_insert` BEFORE INSERT ON `agreements`
BEGIN
  SELECT RAISE(ABORT, 'agreements.signed_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.signed_on IS NULL OR date(NEW.signed_on, '+0 days') IS NEW.signed_on);
END;
--> statement-breakpoint
CREATE TRIGGER `agreements_values_update` BEFORE UPDATE ON `agreements`
BEGIN
  SELECT RAISE(ABORT, 'agreements.signed_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.signed_on IS NULL OR date(NEW.signed_on, '+0 days') IS NEW.signed_on);
END;
--> statement-breakpoint
CREATE TRIGGER `commitments_values_insert` BEFORE INSERT ON `commitments`
BEGIN
  SELECT RAISE(ABORT, 'commitments.target_date must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date IS NULL OR date(NEW.target_date, '+0 days') IS NEW.target_date);
  SELECT RAISE(ABORT, 'commitments.target_precision must be day, month, quarter or year') WHERE NOT (NEW.target_precision IS NULL OR NEW.target_precision IN ('day','month','quarter','year'));
  SELECT RAISE(ABORT, 'commitments.strength must be binding, intent or exploratory') WHERE NOT (NEW.strength IS NULL OR NEW.strength IN ('binding','intent','exploratory'));
END;
--> statement-breakpoint
CREATE TRIGGER `commitments_values_update` BEFORE UPDATE ON `commitments`
BEGIN
  SELECT RAISE(ABORT, 'commitments.target_date must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date IS NULL OR date(NEW.target_date, '+0 days') IS NEW.target_date);
  SELECT RAISE(ABORT, 'commitments.target_precision must be day, month, quarter or year') WHERE NOT (NEW.target_precision IS NULL OR NEW.target_precision IN ('day','month','quarter','year'));
  SELECT RAISE(ABORT, 'commitments.strength must be binding, intent or exploratory') WHERE NOT (NEW.strength IS NULL OR NEW.strength IN ('binding','intent','exploratory'));
END;
--> statement-breakpoint
CREATE TRIGGER `status_updates_values_insert` BEFORE INSERT ON `status_updates`
BEGIN
  SELECT RAISE(ABORT, 'status_updates.status_from must be a status of the vocabulary') WHERE NOT (NEW.status_from IS NULL OR NEW.status_from IN ('not_assessed','not_started','in_progress','stalled','partially_fulfilled','fulfilled','not_fulfilled'));
  SELECT RAISE(ABORT, 'status_updates.status_to must be a status of the vocabulary') WHERE NOT NEW.status_to IN ('not_assessed','not_started','in_progress','stalled','partially_fulfilled','fulfilled','not_fulfilled');
  SELECT RAISE(ABORT, 'status_updates.happened_on must be a real date (YYYY-MM-DD)') WHERE NOT (date(NEW.happened_on, '+0 days') IS NEW.happened_on);
  SELECT RAISE(ABORT, 'status_updates.target_date_from must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date_from IS NULL OR date(NEW.target_date_from, '+0 days') IS NEW.target_date_from);
  SELECT RAISE(ABORT, 'status_updates.target_date_to must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date_to IS NULL OR date(NEW.target_date_to, '+0 days') IS NEW.target_date_to);
  SELECT RAISE(ABORT, 'status_updates progress must be 0 to 100') WHERE NOT (NEW.progress_from IS NULL OR NEW.progress_from BETWEEN 0 AND 100) AND (NEW.progress_to IS NULL OR NEW.progress_to BETWEEN 0 AND 100);
END;
--> statement-breakpoint
CREATE TRIGGER `status_updates_values_update` BEFORE UPDATE ON `status_updates`
BEGIN
  SELECT RAISE(ABORT, 'status_updates.status_from must be a status of the vocabulary') WHERE NOT (NEW.status_from IS NULL OR NEW.status_from IN ('not_assessed','not_started','in_progress','stalled','partially_fulfilled','fulfilled','not_fulfilled'));
  SELECT RAISE(ABORT, 'status_updates.status_to must be a status of the vocabulary') WHERE NOT NEW.status_to IN ('not_assessed','not_started','in_progress','stalled','partially_fulfilled','fulfilled','not_fulfilled');
  SELECT RAISE(ABORT, 'status_updates.happened_on must be a real date (YYYY-MM-DD)') WHERE NOT (date(NEW.happened_on, '+0 days') IS NEW.happened_on);
  SELECT RAISE(ABORT, 'status_updates.target_date_from must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date_from IS NULL OR date(NEW.target_date_from, '+0 days') IS NEW.target_date_from);
  SELECT RAISE(ABORT, 'status_updates.target_date_to must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.target_date_to IS NULL OR date(NEW.target_date_to, '+0 days') IS NEW.target_date_to);
  SELECT RAISE(ABORT, 'status_updates progress must be 0 to 100') WHERE NOT (NEW.progress_from IS NULL OR NEW.progress_from BETWEEN 0 AND 100) AND (NEW.progress_to IS NULL OR NEW.progress_to BETWEEN 0 AND 100);
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_values_insert` BEFORE INSERT ON `evidence`
BEGIN
  SELECT RAISE(ABORT, 'evidence.kind must be official, joint, media, document or other') WHERE NOT NEW.kind IN ('official','joint','media','document','other');
  SELECT RAISE(ABORT, 'evidence.published_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.published_on IS NULL OR date(NEW.published_on, '+0 days') IS NEW.published_on);
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_values_update` BEFORE UPDATE ON `evidence`
BEGIN
  SELECT RAISE(ABORT, 'evidence.kind must be official, joint, media, document or other') WHERE NOT NEW.kind IN ('official','joint','media','document','other');
  SELECT RAISE(ABORT, 'evidence.published_on must be a real date (YYYY-MM-DD)') WHERE NOT (NEW.published_on IS NULL OR date(NEW.published_on, '+0 days') IS NEW.published_on);
END;
--> statement-breakpoint
CREATE TRIGGER `users_values_insert` BEFORE INSERT ON `users`
BEGIN
  SELECT RAISE(ABORT, 'users.role must be editor or admin') WHERE NOT NEW.role IN ('editor','admin');
  SELECT RAISE(ABORT, 'users.email must be stored lower-case and trimmed') WHERE NOT NEW.email = lower(trim(NEW.email));
END;
--> statement-breakpoint
CREATE TRIGGER `users_values_update` BEFORE UPDATE ON `users`
BEGIN
  SELECT RAISE(ABORT, 'users.role must be editor or admin') WHERE NOT NEW.role IN ('editor','admin');
  SELECT RAISE(ABORT, 'users.email must be stored lower-case and trimmed') WHERE NOT NEW.email = lower(trim(NEW.email));
END;
