-- The public revision (db/schema.ts `publicRevision`): one row, raised by every change to a table
-- that public pages, the API, the CSV, feeds or badges read. The response cache compares it on
-- every request; users and the audit log are left out, so sign-ins and refused writes (which only
-- add audit rows) do not empty the cache. Written by hand (drizzle-kit does not model triggers).
INSERT INTO `public_revision` (`id`, `revision`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `public_revision_parties_insert` AFTER INSERT ON `parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_parties_update` AFTER UPDATE ON `parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_parties_delete` AFTER DELETE ON `parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreements_insert` AFTER INSERT ON `agreements`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreements_update` AFTER UPDATE ON `agreements`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreements_delete` AFTER DELETE ON `agreements`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreement_parties_insert` AFTER INSERT ON `agreement_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreement_parties_update` AFTER UPDATE ON `agreement_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_agreement_parties_delete` AFTER DELETE ON `agreement_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitments_insert` AFTER INSERT ON `commitments`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitments_update` AFTER UPDATE ON `commitments`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitments_delete` AFTER DELETE ON `commitments`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitment_parties_insert` AFTER INSERT ON `commitment_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitment_parties_update` AFTER UPDATE ON `commitment_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_commitment_parties_delete` AFTER DELETE ON `commitment_parties`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_status_updates_insert` AFTER INSERT ON `status_updates`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_status_updates_update` AFTER UPDATE ON `status_updates`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_status_updates_delete` AFTER DELETE ON `status_updates`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_evidence_insert` AFTER INSERT ON `evidence`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_evidence_update` AFTER UPDATE ON `evidence`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_revision_evidence_delete` AFTER DELETE ON `evidence`
BEGIN
  UPDATE `public_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
