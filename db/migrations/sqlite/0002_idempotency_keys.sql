ALTER TABLE `messages` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_idempotency_uq` ON `messages` (`sender_id`,`idempotency_key`);