-- Rooms (issue 26). messages.receiver_id becomes nullable and messages gains room_id, with
-- a check that exactly one is set, and sender_id becomes nullable (a room
-- message's tombstone outlives its author's account): SQLite rebuilds the table. The migrator turns
-- foreign keys off around the migrations (db/client.ts), so dropping the old table cascades
-- to nothing; the FTS triggers go with it and are created again at the end, a room
-- message's `people` naming its room ('room<id>') where a direct message names its receiver.
CREATE TABLE `room_members` (
	`room_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`joined_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_read_message_id` integer DEFAULT 0 NOT NULL,
	`muted` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`room_id`, `user_id`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_members_user_idx` ON `room_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`topic` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_name_uq` ON `rooms` (lower("name"));--> statement-breakpoint
CREATE INDEX `rooms_created_by_idx` ON `rooms` (`created_by`);--> statement-breakpoint
CREATE TABLE `__new_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sender_id` integer,
	`receiver_id` integer,
	`room_id` integer,
	`parent_message_id` integer,
	`content` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`edited` integer DEFAULT false NOT NULL,
	`edited_at` integer,
	`read` integer DEFAULT false NOT NULL,
	`read_at` integer,
	`deleted_at` integer,
	`idempotency_key` text,
	FOREIGN KEY (`sender_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`receiver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "messages_receiver_xor_room" CHECK(("__new_messages"."receiver_id" is null) <> ("__new_messages"."room_id" is null))
);
--> statement-breakpoint
INSERT INTO `__new_messages`("id", "sender_id", "receiver_id", "room_id", "parent_message_id", "content", "created_at", "edited", "edited_at", "read", "read_at", "deleted_at", "idempotency_key") SELECT "id", "sender_id", "receiver_id", NULL, "parent_message_id", "content", "created_at", "edited", "edited_at", "read", "read_at", "deleted_at", "idempotency_key" FROM `messages`;--> statement-breakpoint
DROP TABLE `messages`;--> statement-breakpoint
ALTER TABLE `__new_messages` RENAME TO `messages`;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_idempotency_uq` ON `messages` (`sender_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `messages_room_idx` ON `messages` (`room_id`,`id`) WHERE "messages"."room_id" is not null;--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`sender_id`,`receiver_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_receiver_idx` ON `messages` (`receiver_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_parent_idx` ON `messages` (`parent_message_id`) WHERE "messages"."parent_message_id" is not null;--> statement-breakpoint
CREATE INDEX `messages_created_idx` ON `messages` (`created_at`,`sender_id`);--> statement-breakpoint
CREATE INDEX `messages_unread_idx` ON `messages` (`receiver_id`,`created_at`) WHERE "messages"."read" = 0;--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO messages_fts (rowid, content, people)
    VALUES (new.id, new.content,
      'from' || new.sender_id || coalesce(' to' || new.receiver_id, ' room' || new.room_id));
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, deleted_at ON `messages`
BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  INSERT INTO messages_fts (rowid, content, people)
    SELECT new.id, new.content,
      'from' || new.sender_id || coalesce(' to' || new.receiver_id, ' room' || new.room_id)
    WHERE new.deleted_at IS NULL;
END;
