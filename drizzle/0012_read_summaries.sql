-- Two summaries kept by triggers for the list's reads (issue 9): the live counts, then each
-- commitment's last assessment (at the end).
--
-- Counts of live commitments kept current by triggers (issue 9, item 3; docs/decisions/010-reads-in-sql.md,
-- "Facet counts from a summary table"). The list's facet counts with nothing filtered (or only status
-- or level), its total, the API's total and the home page's charts are sums over this table instead of
-- GROUP BYs over every live row. One row per (dimension, key, level, status):
--   dimension 'all'       key ''                         every live row
--             'agreement' key the agreement id as text
--             'theme'     key the theme as stored
--             'owner'     key the owner as stored ('' for none)
--             'strength'  key the strength ('' for none)
--             'party'     key the party code (one row per party owing the commitment)
--   level     'commitment' (top level) or 'milestone' (parent_id set): the counting rule
--   n         live commitments with those values (rows at 0 are kept, readers skip them)
-- The triggers run in the same transaction as each write to `commitments` (insert, delete, and an
-- update of any column counted here, `live` included, which the live-flag triggers of 0010 write)
-- and to `commitment_parties`. Written by hand (drizzle-kit does not model triggers); not in
-- db/schema.ts. tests/unit/live-counts.test.ts checks the table equals a recount after every kind
-- of write.
CREATE TABLE `live_counts` (
	`dimension` text NOT NULL,
	`key` text NOT NULL,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`dimension`, `key`, `level`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `live_counts` (`dimension`, `key`, `level`, `status`, `n`)
SELECT d.dimension, d.key, d.level, d.status, count(*) FROM (
  SELECT 'all' AS dimension, '' AS key, CASE WHEN parent_id IS NULL THEN 'commitment' ELSE 'milestone' END AS level, status
    FROM commitments WHERE live = 1
  UNION ALL SELECT 'agreement', CAST(agreement_id AS TEXT), CASE WHEN parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, status
    FROM commitments WHERE live = 1
  UNION ALL SELECT 'theme', theme, CASE WHEN parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, status
    FROM commitments WHERE live = 1
  UNION ALL SELECT 'owner', owner, CASE WHEN parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, status
    FROM commitments WHERE live = 1
  UNION ALL SELECT 'strength', coalesce(strength, ''), CASE WHEN parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, status
    FROM commitments WHERE live = 1
  UNION ALL SELECT 'party', cp.party_code, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, c.status
    FROM commitments c JOIN commitment_parties cp ON cp.commitment_id = c.id WHERE c.live = 1
) d
GROUP BY d.dimension, d.key, d.level, d.status;
--> statement-breakpoint
-- Each write adds +1 to the rows of the values it brings and -1 to those of the values it takes
-- away (one upsert each, on the primary key), so the table never needs a recount.
CREATE TRIGGER `live_counts_commitment_insert` AFTER INSERT ON `commitments` WHEN NEW.live = 1
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT d, k, CASE WHEN NEW.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, NEW.status, 1 FROM (
    SELECT 'all' AS d, '' AS k
    UNION ALL SELECT 'agreement', CAST(NEW.agreement_id AS TEXT)
    UNION ALL SELECT 'theme', NEW.theme
    UNION ALL SELECT 'owner', NEW.owner
    UNION ALL SELECT 'strength', coalesce(NEW.strength, '')
    UNION ALL SELECT 'party', party_code FROM commitment_parties WHERE commitment_id = NEW.id
  ) WHERE true
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `live_counts_commitment_update`
AFTER UPDATE OF live, status, theme, owner, strength, parent_id, agreement_id ON `commitments`
WHEN OLD.live = 1 OR NEW.live = 1
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT d, k, CASE WHEN OLD.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, OLD.status, -1 FROM (
    SELECT 'all' AS d, '' AS k
    UNION ALL SELECT 'agreement', CAST(OLD.agreement_id AS TEXT)
    UNION ALL SELECT 'theme', OLD.theme
    UNION ALL SELECT 'owner', OLD.owner
    UNION ALL SELECT 'strength', coalesce(OLD.strength, '')
    UNION ALL SELECT 'party', party_code FROM commitment_parties WHERE commitment_id = OLD.id
  ) WHERE OLD.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT d, k, CASE WHEN NEW.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, NEW.status, 1 FROM (
    SELECT 'all' AS d, '' AS k
    UNION ALL SELECT 'agreement', CAST(NEW.agreement_id AS TEXT)
    UNION ALL SELECT 'theme', NEW.theme
    UNION ALL SELECT 'owner', NEW.owner
    UNION ALL SELECT 'strength', coalesce(NEW.strength, '')
    UNION ALL SELECT 'party', party_code FROM commitment_parties WHERE commitment_id = NEW.id
  ) WHERE NEW.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `live_counts_commitment_delete` AFTER DELETE ON `commitments` WHEN OLD.live = 1
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT d, k, CASE WHEN OLD.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, OLD.status, -1 FROM (
    SELECT 'all' AS d, '' AS k
    UNION ALL SELECT 'agreement', CAST(OLD.agreement_id AS TEXT)
    UNION ALL SELECT 'theme', OLD.theme
    UNION ALL SELECT 'owner', OLD.owner
    UNION ALL SELECT 'strength', coalesce(OLD.strength, '')
    UNION ALL SELECT 'party', party_code FROM commitment_parties WHERE commitment_id = OLD.id
  ) WHERE true
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `live_counts_party_insert` AFTER INSERT ON `commitment_parties`
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT 'party', NEW.party_code, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, c.status, 1
  FROM commitments c WHERE c.id = NEW.commitment_id AND c.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `live_counts_party_delete` AFTER DELETE ON `commitment_parties`
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT 'party', OLD.party_code, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, c.status, -1
  FROM commitments c WHERE c.id = OLD.commitment_id AND c.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `live_counts_party_update` AFTER UPDATE ON `commitment_parties`
BEGIN
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT 'party', OLD.party_code, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, c.status, -1
  FROM commitments c WHERE c.id = OLD.commitment_id AND c.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO live_counts (dimension, key, level, status, n)
  SELECT 'party', NEW.party_code, CASE WHEN c.parent_id IS NULL THEN 'commitment' ELSE 'milestone' END, c.status, 1
  FROM commitments c WHERE c.id = NEW.commitment_id AND c.live = 1
  ON CONFLICT (dimension, key, level, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- Indexes for the list's filters (each set filter can drive the rows a query reads; the status beside
-- a theme, owner or strength narrows the common pair of filters inside the index) and the overdue count.
CREATE INDEX `commitments_live_status_idx` ON `commitments` (`live`, `status`);
--> statement-breakpoint
CREATE INDEX `commitments_live_theme_idx` ON `commitments` (`live`, `theme` COLLATE NOCASE, `status`);
--> statement-breakpoint
CREATE INDEX `commitments_live_owner_idx` ON `commitments` (`live`, `owner` COLLATE NOCASE, `status`);
--> statement-breakpoint
CREATE INDEX `commitments_live_strength_idx` ON `commitments` (`live`, `strength`, `status`);
--> statement-breakpoint
CREATE INDEX `commitments_live_target_idx` ON `commitments` (`live`, `target_date`, `status`, `parent_id`);
--> statement-breakpoint
CREATE INDEX `commitment_parties_party_idx` ON `commitment_parties` (`party_code`, `commitment_id`);
--> statement-breakpoint
-- The list's default order walks agreements newest signed first (then each agreement's rows by
-- position through commitments_live_idx), so a page is read in order instead of sorting every row.
CREATE INDEX `agreements_signed_order_idx` ON `agreements` (coalesce(`signed_on`, '') DESC, `id`);
--> statement-breakpoint
-- The day of each commitment's latest assessment (lib/freshness.ts isAssessment: an update that did
-- not move the target date), for the list's "last updated" order: an index order instead of a
-- max() over each row's history. Never written by the app; the triggers below keep it in the same
-- transaction as each write to `status_updates`.
ALTER TABLE `commitments` ADD `last_assessed_on` text;
--> statement-breakpoint
UPDATE `commitments` SET `last_assessed_on` = (SELECT max(s.happened_on) FROM status_updates s
  WHERE s.commitment_id = commitments.id AND s.target_date_from IS s.target_date_to);
--> statement-breakpoint
CREATE INDEX `commitments_live_assessed_idx` ON `commitments` (`live`, `last_assessed_on`);
--> statement-breakpoint
CREATE TRIGGER `last_assessed_insert` AFTER INSERT ON `status_updates`
WHEN NEW.target_date_from IS NEW.target_date_to
BEGIN
  UPDATE commitments SET last_assessed_on = NEW.happened_on
  WHERE id = NEW.commitment_id AND (last_assessed_on IS NULL OR last_assessed_on < NEW.happened_on);
END;
--> statement-breakpoint
CREATE TRIGGER `last_assessed_update` AFTER UPDATE OF happened_on, commitment_id, target_date_from, target_date_to ON `status_updates`
BEGIN
  UPDATE commitments SET last_assessed_on = (SELECT max(s.happened_on) FROM status_updates s
    WHERE s.commitment_id = commitments.id AND s.target_date_from IS s.target_date_to)
  WHERE id IN (OLD.commitment_id, NEW.commitment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `last_assessed_delete` AFTER DELETE ON `status_updates`
BEGIN
  UPDATE commitments SET last_assessed_on = (SELECT max(s.happened_on) FROM status_updates s
    WHERE s.commitment_id = commitments.id AND s.target_date_from IS s.target_date_to)
  WHERE id = OLD.commitment_id;
END;
