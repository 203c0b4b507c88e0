import { z } from "zod";
import { idSchema } from "@/lib/platform/validation";

/** Every admin action names one account. */
export const adminTargetSchema = z.object({ userId: idSchema });

/** The users table's query: a search over names and emails, and a page number. */
export const usersQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .catch("")
    .transform((value) => value.normalize("NFC")),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
