/** A person's typing in one conversation is sent at most once per this (client and server). */
export const TYPING_EVERY_MS = 3_000;
/** Without a new signal, a typing status goes after this. */
export const TYPING_SHOWN_MS = 6_000;
