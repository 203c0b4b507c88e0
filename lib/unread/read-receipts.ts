import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { update } from "@/db/events";
import { inIds, rows } from "@/db/query";
import { users } from "@/db/schema";
import { fail, ok, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";

/**
 * Read receipts ("Seen" under the newest message the other person has read) follow Zulip's
 * rule: they show between two people only while BOTH send them. Turning them off hides
 * one's own from others and theirs from oneself. The conversation view masks the read
 * state of the viewer's sent messages otherwise (lib/messaging/cached-views.ts), and the
 * live stream does not tell a sender that their message was read (lib/live/publish.ts).
 */

/** A checkbox posts "on" when ticked and nothing when not; the JSON form is a boolean. */
export const readReceiptsSchema = z.object({
  readReceipts: z
    .union([z.boolean(), z.literal("on")], { error: "Tick the box or leave it empty." })
    .optional()
    .transform((value) => value === true || value === "on"),
});

export async function setReadReceipts(
  userId: number,
  input: unknown,
): Promise<Result<{ readReceipts: boolean }>> {
  const parsed = parse(readReceiptsSchema, input);
  if (!parsed.ok) return parsed;
  const saved = await update("users", userId, { readReceipts: parsed.data.readReceipts });
  if (!saved) return fail("not_found", "Your account no longer exists.");
  return ok({ readReceipts: saved.readReceipts });
}

/** Of the given users, those who send read receipts: one statement. */
export async function sendingReceipts(ids: number[]): Promise<Set<number>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const found = await rows<{ id: number; read_receipts: number | boolean }>(
    sql`select id, read_receipts from users where ${inIds(users.id, unique)}`,
  );
  return new Set(found.filter((row) => Boolean(row.read_receipts)).map((row) => Number(row.id)));
}
