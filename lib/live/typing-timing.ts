/** A person's typing in one conversation is sent at most once per this (the client's rule). */
export const TYPING_EVERY_MS = 3_000;
/**
 * The server refuses a second signal within this: less than the client's interval, since
 * two signals sent 3 s apart can arrive closer when the first waited in a busy server's
 * queue, and an honest client must never see a refusal.
 */
export const TYPING_GATE_MS = 2_000;
/** Without a new signal, a typing status goes after this. */
export const TYPING_SHOWN_MS = 6_000;
