import "server-only";
import { z } from "zod";
import { fail, type Result } from "@/lib/platform/result";
import { idSchema } from "@/lib/platform/validation";
import { MAX_WATCHED, presenceStore } from "./presence-store";
import type { PresenceState } from "./types";

/** A tab's ping: whether it was used, and the colleagues it shows. */
export const presenceInput = z.strictObject({
  active: z.boolean(),
  watch: z.array(idSchema).max(MAX_WATCHED),
});

/**
 * A signed-in user's tab says it was used (at most once every 2 minutes) and which colleagues it
 * shows: held in memory or Redis with expiry, never the database. Answers those
 * colleagues' presence at once; the presence feed tells the changes that follow.
 */
export async function recordPresence(
  userId: number,
  input: unknown,
): Promise<Result<{ presence: [number, PresenceState][] }>> {
  const parsed = presenceInput.safeParse(input);
  if (!parsed.success) {
    return fail("invalid", `Give active (true or false) and watch (up to ${MAX_WATCHED} ids).`);
  }
  const { active, watch } = parsed.data;
  const ids = [...new Set(watch)];
  const store = presenceStore();
  await store.ping(userId, active, ids);
  const states = await store.states(ids);
  return { ok: true, data: { presence: [...states] } };
}
