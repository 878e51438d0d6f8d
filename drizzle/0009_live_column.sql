ALTER TABLE `commitments` ADD `live` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `commitments_live_idx` ON `commitments` (`live`,`agreement_id`,`position`);