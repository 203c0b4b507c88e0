import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { atomic, insert, update } from "@/db/events";
import { db } from "@/db/query";
import { type User, users } from "@/db/schema";
import { lockRoleDecisions, roleForNewAccount } from "@/lib/admin/roles";
import { emailSchema, nameSchema } from "@/lib/platform/validation";
import type { Account } from "./accounts";

/**
 * Single sign-on accounts. The provider's subject (`sub`) names the identity once it is
 * linked; before that, the account is found, or created, by the provider's email, and only
 * when the provider says the email is verified: anyone who can make the provider vouch for
 * an address owns the Cairo Chat account with that address, password account or not.
 */

export type SsoRefusal = "unverified" | "deactivated" | "conflict" | "invalid";

export type SsoOutcome =
  | { ok: true; user: Account; created: boolean }
  | { ok: false; reason: SsoRefusal };

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(320).optional(),
  // Standard claim; Microsoft Entra ID states it as the optional claim `xms_edov`.
  email_verified: z.unknown().optional(),
  xms_edov: z.unknown().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});

const isTrue = (value: unknown) => value === true || value === "true";

/** The account an OpenID Connect sign-in is for: found by subject, linked by email, or new. */
export async function signInWithSso(claims: unknown): Promise<SsoOutcome> {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { sub } = parsed.data;
  const email = emailSchema.safeParse(parsed.data.email ?? "");
  const verified =
    email.success && (isTrue(parsed.data.email_verified) || isTrue(parsed.data.xms_edov));
  return atomic(async (): Promise<SsoOutcome> => {
    // Also serializes two first sign-ins of the same person (and the first-admin decision).
    await lockRoleDecisions();
    let user: User | undefined = await findBy(eq(users.ssoSubject, sub));
    let created = false;
    if (!user) {
      if (!verified || !email.success) return { ok: false, reason: "unverified" };
      const existing = await findBy(eq(users.email, email.data));
      if (existing) {
        // Already linked to another identity of the provider: not this person's to take.
        if (existing.ssoSubject !== null) return { ok: false, reason: "conflict" };
        user = await update("users", existing.id, { ssoSubject: sub });
      } else {
        user = await insert("users", {
          name: displayName(parsed.data, email.data),
          email: email.data,
          passwordHash: "",
          ssoSubject: sub,
          role: await roleForNewAccount(),
        });
        created = true;
      }
    }
    if (!user) return { ok: false, reason: "invalid" };
    if (user.deactivatedAt !== null) return { ok: false, reason: "deactivated" };
    return { ok: true, created, user: { id: user.id, name: user.name, email: user.email } };
  });
}

async function findBy(where: ReturnType<typeof eq>) {
  const [user] = await db().select().from(users).where(where);
  return user;
}

/** The provider's name for the person, or the email's local part when it has none usable. */
function displayName(claims: { name?: string; preferred_username?: string }, email: string) {
  for (const candidate of [claims.name, claims.preferred_username, email.split("@")[0]]) {
    const name = nameSchema.safeParse((candidate ?? "").slice(0, 80));
    if (name.success) return name.data;
  }
  return "Colleague";
}

/** Whether the account has a password of its own (an account made by single sign-on has none). */
export async function hasOwnPassword(userId: number): Promise<boolean> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return !!row && row.passwordHash !== "";
}
