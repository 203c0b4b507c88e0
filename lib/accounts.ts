import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insert } from "@/db/events";
import { users } from "@/db/schema";
import { hashPassword, spendVerificationTime, verifyPassword } from "./passwords";
import { createLimiter } from "./rate-limit";
import { fail, ok, type Result } from "./result";
import { parse, registerSchema, signInSchema } from "./validation";

export interface SessionUser {
  id: number;
  name: string;
  email: string;
}

export async function registerUser(input: unknown): Promise<Result<SessionUser>> {
  const parsed = parse(registerSchema, input);
  if (!parsed.ok) return parsed;
  const { name, email, password } = parsed.data;
  const taken = () =>
    fail("conflict", "An account with this email already exists.", {
      email: ["An account with this email already exists."],
    });
  if (findUserByEmail(email)) return taken();
  const passwordHash = await hashPassword(password);
  try {
    const user = insert("users", { name, email, passwordHash });
    return ok({ id: user.id, name: user.name, email: user.email });
  } catch (error) {
    // Two registrations raced for the same email: the unique index decides.
    if (String(error).includes("UNIQUE")) return taken();
    throw error;
  }
}

function findUserByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email)).get();
}

export function findSessionUser(id: number): SessionUser | undefined {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const perEmail = createLimiter({
  limit: Number(process.env.SIGNIN_LIMIT_PER_EMAIL ?? 5),
  windowMs: FIFTEEN_MINUTES,
});
const perAddress = createLimiter({
  limit: Number(process.env.SIGNIN_LIMIT_PER_ADDRESS ?? 50),
  windowMs: FIFTEEN_MINUTES,
});

export type SignInOutcome =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks an email and password. Unknown emails spend the same scrypt work as a wrong
 * password; failed attempts are limited per email and per client address.
 */
export async function verifyCredentials(input: unknown, address: string): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (perEmail.isLimited(email) || perAddress.isLimited(address)) {
    return { ok: false, reason: "rate_limited" };
  }
  const user = findUserByEmail(email);
  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : await spendVerificationTime(password).then(() => false);
  if (!user || !valid) {
    perEmail.recordFailure(email);
    perAddress.recordFailure(address);
    return { ok: false, reason: "invalid" };
  }
  perEmail.reset(email);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

/** Checks a signed-in user's password again (before deleting the account, say). */
export async function confirmPassword(userId: number, password: string): Promise<boolean> {
  const user = getDb().select().from(users).where(eq(users.id, userId)).get();
  if (!user) return false;
  return verifyPassword(password, user.passwordHash);
}
