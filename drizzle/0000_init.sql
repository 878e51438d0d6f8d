CREATE TABLE `agreement_parties` (
	`agreement_id` integer NOT NULL,
	`party_code` text NOT NULL,
	`signatory` text,
	PRIMARY KEY(`agreement_id`, `party_code`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_code`) REFERENCES `parties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`signed_on` text,
	`place` text,
	`summary` text DEFAULT '' NOT NULL,
	`source_url` text,
	`source_text` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	CONSTRAINT "agreements_signed_on_date" CHECK("agreements"."signed_on" IS NULL OR "agreements"."signed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_slug_unique` ON `agreements` (`slug`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE TABLE `commitment_parties` (
	`commitment_id` integer NOT NULL,
	`party_code` text NOT NULL,
	PRIMARY KEY(`commitment_id`, `party_code`),
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_code`) REFERENCES `parties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`parent_id` integer,
	`ref` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`quote` text DEFAULT '' NOT NULL,
	`anchor_start` integer,
	`anchor_end` integer,
	`theme` text NOT NULL,
	`strength` text,
	`owner` text DEFAULT '' NOT NULL,
	`target_date` text,
	`target_precision` text,
	`target_phrase` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'not_assessed' NOT NULL,
	`progress` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commitments_progress_range" CHECK("commitments"."progress" IS NULL OR ("commitments"."progress" BETWEEN 0 AND 100)),
	CONSTRAINT "commitments_target_date_format" CHECK("commitments"."target_date" IS NULL OR "commitments"."target_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "commitments_status_value" CHECK(status IN ('not_assessed', 'not_started', 'in_progress', 'stalled', 'partially_fulfilled', 'fulfilled', 'not_fulfilled'))
);
--> statement-breakpoint
CREATE INDEX `commitments_agreement_idx` ON `commitments` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `commitments_parent_idx` ON `commitments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `commitments_target_date_idx` ON `commitments` (`target_date`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`commitment_id` integer NOT NULL,
	`status_update_id` integer,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text DEFAULT '' NOT NULL,
	`published_on` text,
	`kind` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_update_id`) REFERENCES `status_updates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_url_scheme" CHECK("evidence"."url" LIKE 'http://%' OR "evidence"."url" LIKE 'https://%')
);
--> statement-breakpoint
CREATE INDEX `evidence_commitment_idx` ON `evidence` (`commitment_id`);--> statement-breakpoint
CREATE TABLE `parties` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`commitment_id` integer NOT NULL,
	`status_from` text,
	`status_to` text NOT NULL,
	`progress_from` integer,
	`progress_to` integer,
	`target_date_from` text,
	`target_date_to` text,
	`note` text DEFAULT '' NOT NULL,
	`happened_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`author_id` integer,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_updates_commitment_idx` ON `status_updates` (`commitment_id`,`happened_on`);--> statement-breakpoint
CREATE INDEX `status_updates_happened_idx` ON `status_updates` (`happened_on`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);