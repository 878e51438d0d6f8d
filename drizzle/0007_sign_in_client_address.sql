ALTER TABLE `audit_log` ADD `client_address` text;--> statement-breakpoint
CREATE INDEX `audit_log_client_address_idx` ON `audit_log` (`client_address`,`at`);