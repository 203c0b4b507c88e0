/**
 * Reactions as every view shows them: under a message, one entry per emoji in the order it
 * first appeared, with who reacted in the order they did. The same for every viewer (so it
 * is cached with the view); each viewer finds themselves in `users`.
 */
export interface ReactionSummary {
  emoji: string;
  users: { id: number; name: string }[];
}

/** One person's reaction turned on or off: what a live event carries and a toggle answers. */
export interface ReactionChange {
  messageId: number;
  emoji: string;
  user: { id: number; name: string };
  reacted: boolean;
}

/** The summaries with one change applied (an emoji nobody reacts with any more goes away). */
export function withReactionChange(
  summaries: ReactionSummary[] | undefined,
  change: Omit<ReactionChange, "messageId">,
): ReactionSummary[] {
  const list = summaries ?? [];
  const at = list.findIndex((s) => s.emoji === change.emoji);
  const current = list[at];
  if (!change.reacted) {
    if (!current) return list;
    const users = current.users.filter((u) => u.id !== change.user.id);
    if (users.length === current.users.length) return list;
    return users.length === 0
      ? list.filter((_, i) => i !== at)
      : list.map((s, i) => (i === at ? { ...s, users } : s));
  }
  if (!current) return [...list, { emoji: change.emoji, users: [change.user] }];
  if (current.users.some((u) => u.id === change.user.id)) return list;
  return list.map((s, i) => (i === at ? { ...s, users: [...s.users, change.user] } : s));
}

/**
 * Who reacted, as the button's name and tooltip say it: "👍 3: Amira, Bilal and you". The
 * viewer comes last, as "you".
 */
export function reactionLabel(summary: ReactionSummary, viewerId: number): string {
  const others = summary.users.filter((u) => u.id !== viewerId).map((u) => u.name);
  const names = summary.users.length > others.length ? [...others, "you"] : others;
  const listed =
    names.length <= 1
      ? (names[0] ?? "")
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${summary.emoji} ${summary.users.length}: ${listed}`;
}
