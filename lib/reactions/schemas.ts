import { z } from "zod";
import { idSchema } from "@/lib/platform/validation";
import { isKnownEmoji } from "./emoji-catalog";

/** A reaction is one emoji of the catalog (lib/reactions/emoji-catalog.ts), nothing else. */
export const emojiSchema = z
  .string({ error: "Choose an emoji." })
  .max(32, { error: "Choose an emoji from the list." })
  .refine(isKnownEmoji, { error: "Choose an emoji from the list." });

export const toggleReactionSchema = z.object({ messageId: idSchema, emoji: emojiSchema });
