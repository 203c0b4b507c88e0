ALTER TABLE `sessions` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text;--> statement-breakpoint
-- Sessions started before last-seen was kept count from their start.
UPDATE `sessions` SET `last_seen_at` = `created_at`;
