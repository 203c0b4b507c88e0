import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/query";
import { users } from "@/db/schema";
import { emailSchema } from "@/lib/platform/validation";
import { COMMAND_LINE, setRole } from "./moderation";

export const USAGE = "Usage: npm run admin -- grant EMAIL | revoke EMAIL";

export interface CommandOutcome {
  /** The process's exit code: 0 done, 1 refused (unknown email, last admin), 2 misuse. */
  code: number;
  message: string;
}

/** `npm run admin -- grant EMAIL` / `revoke EMAIL`, on the database DATABASE_URL names. */
export async function runAdminCommand(args: string[]): Promise<CommandOutcome> {
  const [verb, rawEmail, ...rest] = args;
  if ((verb !== "grant" && verb !== "revoke") || rawEmail === undefined || rest.length > 0) {
    return { code: 2, message: USAGE };
  }
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success)
    return { code: 2, message: `"${rawEmail}" is not an email address.\n${USAGE}` };
  const [user] = await db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.email, email.data));
  if (!user)
    return { code: 1, message: `No account has the email ${email.data}. Nothing changed.` };
  const result = await setRole(
    COMMAND_LINE,
    { userId: user.id },
    verb === "grant" ? "admin" : "member",
  );
  if (!result.ok) return { code: 1, message: `${result.error} Nothing changed.` };
  return {
    code: 0,
    message:
      verb === "grant"
        ? `${user.name} <${email.data}> is now an admin.`
        : `${user.name} <${email.data}> is no longer an admin.`,
  };
}
