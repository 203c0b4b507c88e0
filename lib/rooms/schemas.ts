import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  newMessageSchema,
  normalizeText,
} from "@/lib/platform/validation";

export const MAX_ROOM_NAME = 80;
export const MAX_TOPIC = 250;
const NAME_CHARACTERS = /^[\p{L}\p{N}_-]+$/u;

/** A room's name as typed: a leading `#` is how it is shown, not part of it. */
export const roomNameSchema = z
  .string({ error: "Enter a room name." })
  .transform((value) => normalizeText(value).trim().replace(/^#/, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "Enter a room name." })
      .max(MAX_ROOM_NAME, { error: `A room name is at most ${MAX_ROOM_NAME} characters.` })
      .regex(NAME_CHARACTERS, {
        error: "A room name is made of letters, digits, - and _ only (no spaces).",
      }),
  );

export const topicSchema = z
  .string({ error: "The topic must be text." })
  .transform((value) => normalizeText(value).trim())
  .pipe(z.string().max(MAX_TOPIC, { error: `A topic is at most ${MAX_TOPIC} characters.` }));

export const roomKindSchema = z.enum(["open", "private"], { error: "Choose Open or Private." });

export const createRoomSchema = z.object({
  name: roomNameSchema,
  topic: topicSchema.optional().default(""),
  kind: roomKindSchema,
});

export const roomIdSchema = z.object({ roomId: idSchema });

export const roomMemberSchema = z.object({ roomId: idSchema, userId: idSchema });

export const muteRoomSchema = z.object({
  roomId: idSchema,
  muted: z
    .union([z.boolean(), z.enum(["true", "false"])], { error: "Say whether to mute the room." })
    .transform((value) => value === true || value === "true"),
});

export const renameRoomSchema = z.object({ roomId: idSchema, name: roomNameSchema });

export const roomTopicSchema = z.object({ roomId: idSchema, topic: topicSchema });

export const sendRoomMessageSchema = newMessageSchema({
  roomId: idSchema,
  idempotencyKey: idempotencyKeySchema,
});
