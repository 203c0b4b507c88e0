import { z } from "zod";
import { COMMON_PASSWORDS } from "@/lib/accounts/common-passwords";
import { fail, type Result } from "./result";

export const MAX_CONTENT = 10_000;
export const MAX_ID = 2_147_483_647;
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 1_000;

/**
 * Text as the app stores it: valid Unicode (a lone surrogate, which no encoding can store,
 * becomes U+FFFD) in NFC, so that the same words are the same characters.
 */
export function normalizeText(value: string): string {
  return value.toWellFormed().normalize("NFC");
}

// Whitespace and the characters nothing draws: zero-width spaces and joiners, bidi
// controls, variation selectors, Hangul fillers, soft hyphens, tags; and the braille blank.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when a reader would see nothing at all. */
export function isInvisible(value: string): boolean {
  return INVISIBLE_ONLY.test(value);
}

/** NUL ends strings in C, truncates snippets, and PostgreSQL refuses it in text. */
const hasNul = (value: string) => value.includes("\u0000");

/** True for the passwords attackers try first (compared as scrypt sees them, any case). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.normalize("NFKC").toLowerCase());
}

const invalidId = { error: "That id is not valid." };

/** A positive integer id, as a JSON number or a string of digits: never a boolean or list. */
export const idSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, invalidId)], invalidId)
  .transform(Number)
  .pipe(
    // Ids are 32-bit in both databases: a larger number names nothing (and PostgreSQL would
    // refuse it with an error rather than find no row).
    z.number(invalidId).int(invalidId).positive(invalidId).max(MAX_ID, invalidId),
  );

export const contentSchema = z
  .string({ error: "Write a message first." })
  .overwrite(normalizeText)
  // A form posts a textarea's line breaks as CRLF, the JSON API as typed: one form for both,
  // or editing a multi-line message in the form changes every line (history, diff).
  .overwrite((value) => value.replace(/\r\n?/g, "\n"))
  .refine((value) => !hasNul(value), { error: "Messages cannot contain NUL characters." })
  .trim()
  .min(1, { error: "Write a message first: it cannot be empty." })
  .refine((value) => !isInvisible(value), {
    error: "Write a message first: it has only invisible characters.",
  })
  .max(MAX_CONTENT, {
    error: `Messages can be at most ${MAX_CONTENT.toLocaleString("en")} characters.`,
  });

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD, { error: `Passwords have at least ${MIN_PASSWORD} characters.` })
  .max(MAX_PASSWORD, {
    error: `Passwords have at most ${MAX_PASSWORD.toLocaleString("en")} characters.`,
  })
  .refine((value) => value.trim() !== "", {
    error: "A password cannot be only spaces: use letters, digits or symbols too.",
  })
  .refine((value) => !isCommonPassword(value), {
    error:
      "That password is one of the most common ones, which attackers try first. Choose another.",
  });

export const nameSchema = z
  .string({ error: "Enter your name." })
  .overwrite(normalizeText)
  .refine((value) => !hasNul(value), { error: "Names cannot contain NUL characters." })
  .trim()
  .min(1, { error: "Enter your name." })
  .refine((value) => !isInvisible(value), {
    error: "Enter your name: it has only invisible characters.",
  })
  .max(80, { error: "Names have at most 80 characters." });

export const registerSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export const profileSchema = z.object({ name: nameSchema });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }).max(MAX_PASSWORD),
});

/**
 * The client's key for one send (its optimistic message's id, say): a retry with the same
 * key returns the message already stored instead of sending it twice. An empty form field
 * means none.
 */
export const idempotencyKeySchema = z
  .string({ error: "The send key must be text." })
  .trim()
  .max(100, { error: "The send key has at most 100 characters." })
  .regex(/^[\x21-\x7e]*$/, { error: "The send key has only printable ASCII characters." })
  .transform((key) => key || undefined)
  .optional();

/** Uploads a send attaches: an array (JSON) or comma-separated ids (a form's one field). */
export const attachmentIdsSchema = z.preprocess(
  (value) =>
    typeof value === "string" ? value.split(",").filter((id) => id.trim() !== "") : (value ?? []),
  z
    .array(idSchema, { error: "Give the ids of the files to attach." })
    .max(10, { error: "Attach at most 10 files to a message." }),
);

/**
 * A new message's fields: its content, and the uploads it attaches. A message may carry
 * only attachments, so the content may then be empty; otherwise contentSchema's rules hold.
 */
export function newMessageSchema<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ...shape, content: z.unknown(), attachmentIds: attachmentIdsSchema })
    .transform((value, context) => {
      const { content: raw, ...rest } = value as { content: unknown; attachmentIds: number[] };
      const blank = raw === undefined || (typeof raw === "string" && raw.trim() === "");
      if (rest.attachmentIds.length > 0 && blank) return { ...rest, content: "" };
      const content = contentSchema.safeParse(raw);
      if (!content.success) {
        for (const issue of content.error.issues) {
          context.addIssue({ code: "custom", message: issue.message, path: ["content"] });
        }
        return z.NEVER;
      }
      return { ...rest, content: content.data };
    }) as unknown as z.ZodType<
    z.infer<z.ZodObject<S>> & { content: string; attachmentIds: number[] }
  >;
}

export const sendMessageSchema = newMessageSchema({
  receiverId: idSchema,
  idempotencyKey: idempotencyKeySchema,
});

/** Parses untrusted input; on failure returns the field messages the form shows. */
export function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | Result<never> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  const first = Object.values(fieldErrors).flat()[0] ?? parsed.error.issues[0]?.message;
  return fail("invalid", first ?? "The form is not valid.", fieldErrors);
}

/** FormData to a plain object, ready for a zod schema; anything else is an empty object. */
export function formObject(form: unknown): Record<string, FormDataEntryValue> {
  // A server action can be called with anything over HTTP, not only the form it expects.
  if (!(form instanceof FormData)) return {};
  return Object.fromEntries(form.entries());
}

export const editMessageSchema = z.object({
  messageId: idSchema,
  content: contentSchema,
});

export const messageIdSchema = z.object({ messageId: idSchema });

export const replySchema = newMessageSchema({
  parentMessageId: idSchema,
  /** The conversation the reply is written in, when the form knows it. */
  receiverId: idSchema.optional(),
  idempotencyKey: idempotencyKeySchema,
});

export const markReadSchema = z.object({
  messageIds: z
    .array(idSchema, { error: "Give the ids of the messages to mark." })
    .min(1, { error: "Give the ids of the messages to mark." })
    .max(500, { error: "Mark at most 500 messages at a time." }),
});

export const notificationIdSchema = z.object({ notificationId: idSchema });

/** "Load more" on /notifications: the oldest notification shown so far. */
export const notificationsCursorSchema = z.object({ before: idSchema });

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, { error: "Enter your current password." })
    .max(MAX_PASSWORD, { error: "That password is not right." }),
  newPassword: passwordSchema,
});

/**
 * Deleting one's account: the password (accounts that have one) and, from the dialog, the
 * account's email typed out; an account that signs in only through single sign-on confirms
 * with the email alone. Which of the two are required is lib/accounts/accounts.ts's call.
 */
export const deleteAccountSchema = z.object({
  password: z
    .string({ error: "Enter your password to confirm." })
    .max(MAX_PASSWORD, { error: "That password is not right. Nothing was deleted." })
    .optional(),
  confirmEmail: z
    .string({ error: "Type your account's email to confirm." })
    .trim()
    .toLowerCase()
    .max(320, { error: "That is not your account's email. Nothing was deleted." })
    .optional(),
});
