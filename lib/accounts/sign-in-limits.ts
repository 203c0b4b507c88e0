import { processSingleton } from "@/db/singleton";
import { createLimiter } from "@/lib/platform/rate-limit";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

/**
 * Failed sign-ins, counted three ways over 15 minutes, so that guessing is slow and nobody
 * can lock the owner of an account out by failing on purpose:
 *
 * - per email and address (SIGNIN_LIMIT_PER_EMAIL_AND_ADDRESS, 5): that address is blocked
 *   for that email; the owner signing in from anywhere else is not;
 * - per address (SIGNIN_LIMIT_PER_ADDRESS, 50): an address spraying many emails is blocked;
 * - per email (SIGNIN_LIMIT_PER_EMAIL, 100): a ceiling against guessing from many addresses,
 *   far above what a mistyping owner reaches. Below it, every attempt at an email that has
 *   failed SIGNIN_SLOWDOWN_AFTER (5) times waits first: SIGNIN_SLOWDOWN_MS (500) per
 *   failure beyond that, at most SIGNIN_SLOWDOWN_MAX_MS (5,000). A slowdown, not a block.
 *
 * The address is the one lib/platform/http/client-address.ts gives, which the client cannot choose. On
 * several servers the counts live in Redis (lib/platform/rate-limit.ts), so the limits hold across
 * them.
 * Shared by the sign-in action and the Auth.js route handler, which Next bundles apart.
 */
const limits = processSingleton("signin-limits", () => ({
  pair: createLimiter({
    name: "signin-pair",
    limit: setting("SIGNIN_LIMIT_PER_EMAIL_AND_ADDRESS", 5),
    windowMs: FIFTEEN_MINUTES,
  }),
  address: createLimiter({
    name: "signin-address",
    limit: setting("SIGNIN_LIMIT_PER_ADDRESS", 50),
    windowMs: FIFTEEN_MINUTES,
  }),
  email: createLimiter({
    name: "signin-email",
    limit: setting("SIGNIN_LIMIT_PER_EMAIL", 100),
    windowMs: FIFTEEN_MINUTES,
  }),
  slowdownAfter: setting("SIGNIN_SLOWDOWN_AFTER", 5),
  slowdownMs: setting("SIGNIN_SLOWDOWN_MS", 500),
  slowdownMaxMs: setting("SIGNIN_SLOWDOWN_MAX_MS", 5_000),
}));

const pairKey = (email: string, address: string) => `${email}\n${address}`;

export type SignInGate = { limited: true } | { limited: false; delayMs: number };

/** Whether an attempt may go ahead, and how long it waits first. */
export async function signInGate(email: string, address: string): Promise<SignInGate> {
  const limited = await Promise.all([
    limits.pair.isLimited(pairKey(email, address)),
    limits.address.isLimited(address),
    limits.email.isLimited(email),
  ]);
  if (limited.some(Boolean)) return { limited: true };
  const beyond = (await limits.email.failures(email)) - limits.slowdownAfter;
  const delayMs =
    beyond >= 0 ? Math.min(limits.slowdownMaxMs, (beyond + 1) * limits.slowdownMs) : 0;
  return { limited: false, delayMs };
}

export async function recordSignInFailure(email: string, address: string): Promise<void> {
  await Promise.all([
    limits.pair.recordFailure(pairKey(email, address)),
    limits.address.recordFailure(address),
    limits.email.recordFailure(email),
  ]);
}

/** The owner got in: the counts for the email start over (the address's own count stays). */
export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  await Promise.all([limits.pair.reset(pairKey(email, address)), limits.email.reset(email)]);
}
