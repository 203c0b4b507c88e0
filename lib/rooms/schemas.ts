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

/**
 * The alphabets a name's letters may come from, one group per name: a name mixing Latin
 * and Cyrillic letters (`gеneral` with a Cyrillic е) would pass for another room's. Han
 * goes with the Japanese kana and with Hangul, as those languages write it.
 */
const SCRIPT_GROUPS: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["CJK", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
];

/** True when every letter of the name comes from one group of SCRIPT_GROUPS (or none). */
export function isSingleScript(name: string): boolean {
  const groups = new Set<string>();
  // Letters shared by every script (the kana length mark ー, say) belong to none.
  for (const letter of name.match(/[^\P{L}\p{Script=Common}\p{Script=Inherited}]/gu) ?? []) {
    groups.add(SCRIPT_GROUPS.find(([, pattern]) => pattern.test(letter))?.[0] ?? "other");
  }
  return groups.size <= 1;
}

/**
 * A room's name as typed: a leading `#` is how it is shown, not part of it. NFKC folds
 * the compatibility forms (fullwidth `ｇｅｎｅｒａｌ` is `general`, so it is taken too).
 */
export const roomNameSchema = z
  .string({ error: "Enter a room name." })
  .transform((value) => normalizeText(value).normalize("NFKC").trim().replace(/^#/, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "Enter a room name." })
      .max(MAX_ROOM_NAME, { error: `A room name is at most ${MAX_ROOM_NAME} characters.` })
      .regex(NAME_CHARACTERS, {
        error: "A room name is made of letters, digits, - and _ only (no spaces).",
      })
      .refine(isSingleScript, {
        error:
          "A room name uses one alphabet: it mixes letters of several (like Latin and Cyrillic).",
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

/** The body of POST /api/rooms/[id]/read: optional, `watching` starts or ends a watch. */
export const roomReadSchema = z.strictObject({
  watching: z.boolean({ error: "watching is true or false." }).optional(),
});
