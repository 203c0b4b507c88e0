ALTER TABLE "sessions" ADD COLUMN "last_seen_at" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "user_agent" text;--> statement-breakpoint
-- Sessions started before last-seen was kept count from their start.
UPDATE "sessions" SET "last_seen_at" = "created_at";
