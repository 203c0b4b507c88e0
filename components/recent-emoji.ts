/** The emoji this browser reacted with lately, newest first: the picker shows them first. */
const KEY = "cairo:recent-emoji";
const KEPT = 24;

export function recentEmoji(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((e) => typeof e === "string") : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): void {
  try {
    const list = [emoji, ...recentEmoji().filter((e) => e !== emoji)].slice(0, KEPT);
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage refused (private mode, full): the picker just has no recent ones.
  }
}
