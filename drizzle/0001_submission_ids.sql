ALTER TABLE `evidence` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_submission_id_unique` ON `evidence` (`submission_id`);--> statement-breakpoint
ALTER TABLE `status_updates` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `status_updates_submission_id_unique` ON `status_updates` (`submission_id`);