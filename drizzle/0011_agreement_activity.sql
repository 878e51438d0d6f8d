-- The day of each agreement's latest status update (issue 9, item 2): the /agreements index and the
-- home page sort by it ("most recently active"), and computing it at read time means a max over
-- every commitment of every agreement (50,000 index seeks at 2,000 agreements). Kept current by the
-- triggers below in the same transaction as each write to `status_updates` (and a commitment moved
-- to another agreement), so no read computes it. It counts the updates of every commitment of the
-- agreement, deleted ones included: a deletion is itself recent activity. Written by hand
-- (drizzle-kit does not model triggers); not in db/schema.ts, which only reads go through.
CREATE TABLE `agreement_activity` (
	`agreement_id` integer PRIMARY KEY NOT NULL REFERENCES `agreements`(`id`),
	`last_update_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agreement_activity_last_idx` ON `agreement_activity` (`last_update_on`);
--> statement-breakpoint
INSERT INTO `agreement_activity` (`agreement_id`, `last_update_on`)
SELECT c.agreement_id, max(su.happened_on) FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
GROUP BY c.agreement_id;
--> statement-breakpoint
CREATE TRIGGER `agreement_activity_insert` AFTER INSERT ON `status_updates`
BEGIN
  INSERT INTO agreement_activity (agreement_id, last_update_on)
  SELECT agreement_id, NEW.happened_on FROM commitments WHERE id = NEW.commitment_id
  ON CONFLICT (agreement_id) DO UPDATE SET last_update_on = max(last_update_on, excluded.last_update_on);
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_activity_update` AFTER UPDATE OF happened_on, commitment_id ON `status_updates`
BEGIN
  DELETE FROM agreement_activity WHERE agreement_id IN (
    SELECT agreement_id FROM commitments WHERE id IN (OLD.commitment_id, NEW.commitment_id));
  INSERT INTO agreement_activity (agreement_id, last_update_on)
  SELECT c.agreement_id, max(su.happened_on) FROM commitments c JOIN status_updates su ON su.commitment_id = c.id
  WHERE c.agreement_id IN (SELECT agreement_id FROM commitments WHERE id IN (OLD.commitment_id, NEW.commitment_id))
  GROUP BY c.agreement_id;
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_activity_delete` AFTER DELETE ON `status_updates`
BEGIN
  DELETE FROM agreement_activity WHERE agreement_id = (SELECT agreement_id FROM commitments WHERE id = OLD.commitment_id);
  INSERT INTO agreement_activity (agreement_id, last_update_on)
  SELECT c.agreement_id, max(su.happened_on) FROM commitments c JOIN status_updates su ON su.commitment_id = c.id
  WHERE c.agreement_id = (SELECT agreement_id FROM commitments WHERE id = OLD.commitment_id)
  GROUP BY c.agreement_id;
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_activity_move` AFTER UPDATE OF agreement_id ON `commitments`
WHEN OLD.agreement_id IS NOT NEW.agreement_id
BEGIN
  DELETE FROM agreement_activity WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id);
  INSERT INTO agreement_activity (agreement_id, last_update_on)
  SELECT c.agreement_id, max(su.happened_on) FROM commitments c JOIN status_updates su ON su.commitment_id = c.id
  WHERE c.agreement_id IN (OLD.agreement_id, NEW.agreement_id)
  GROUP BY c.agreement_id;
END;
--> statement-breakpoint
-- The audit log's action filter (/admin/audit?action=…): its rows newest first and its list of
-- actions, read along this index instead of the whole log.
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);
